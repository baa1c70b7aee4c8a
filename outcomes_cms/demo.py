"""Demo content: the home page, the three frameworks of frameworks.json, and the standard pages.

Every step creates what is missing and leaves what exists alone, so running it again duplicates
nothing and never overwrites an officer's edits.
"""

import random
from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.models.i18n import get_supported_content_language_variant

from engagement.dashboard.periods import recent_quarters

from .models import (
    HomePage,
    IndicatorValue,
    OutcomeEarlierWording,
    OutcomeIndicator,
    OutcomePage,
    OutcomesFrameworkPage,
    PlanOnAPage,
    StandardPage,
)
from .standard_pages import STANDARD_PAGES

MAIN_AREA = "Rochdale"

# Short easy-read versions of Rochdale's outcome descriptions, written for the demo.
EASY_READ = {
    "My opinions are valued": "People listen to me. I can say what I think in my own way. "
    "I can make choices about my life.",
    "I am emotionally well": "I feel happy most of the time. If things are hard, people help me "
    "feel better.",
    "I am as healthy as possible": "I get help with my health quickly. I can be active. "
    "If I have pain, people help.",
    "I am safe and supported at home, at school, and in the community": "I feel safe at home, "
    "at school and when I am out. Adults who know me help me.",
    "I am active and involved": "I can go to clubs and groups I like. I can make friends and "
    "have fun.",
    "I am hopeful and prepared for the future": "I have dreams for my future. I am learning "
    "to do things for myself.",
    "Those that care for me are supported": "My family and carers get help too. They do not "
    "have to tell their story again and again.",
}

# What the Rochdale case study says about how the outcomes were reworded (seeds/001).
ROCHDALE_REWORDING = {
    "who_took_part": "over 60 children and young people in five focus groups, a parent carer "
    "focus group and a parent carer survey (2021)",
    "why": {
        "Voice": "'Voice' was replaced by 'opinions' to reflect the experience of nonverbal "
        "children and young people.",
        "Happy and healthy (split into two outcomes)": "Split into two outcomes, one about "
        "emotional wellbeing and one about physical health.",
        "Independent and ambitious (merged)": "Merged into one statement about being ready "
        "for the future.",
    },
}


def home_page() -> HomePage:
    """The site's home page, replacing Wagtail's welcome page on a new database."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node() or _create_root()
    home = HomePage(
        title="Tell us what matters",
        slug="home",
        intro=(
            "<p>This is where children and young people with special educational needs and "
            "disabilities (SEND), and their parents and carers, tell the council what matters "
            "to them. We publish what we heard, what we are doing about it, and how we measure "
            "whether life is getting better.</p>"
        ),
    )
    welcome = root.get_children().filter(slug="home").exclude(content_type__model="homepage")
    for page in welcome:  # Wagtail's placeholder "Welcome to your new Wagtail site!"
        if page.specific_class is Page and not page.get_children().exists():
            page.delete()
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    return home


def _create_root() -> Page:
    # Only a flushed test database lacks the root that Wagtail's first migration makes.
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    return Page.add_root(instance=Page(title="Root", slug="root"))


def _child(parent: Page, page_class, slug: str, **fields):
    """The child of parent with this slug, created (and published) if it does not exist yet."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def seed_framework(home: HomePage, data: dict) -> OutcomesFrameworkPage:
    area = data["area"]
    framework, _ = _child(
        home,
        OutcomesFrameworkPage,
        slugify(area),
        title=f"{area} SEND outcomes framework",
        area_name=area,
        vision=data.get("vision") or f"The outcomes {area} agreed with children and families.",
    )
    for outcome in data["outcomes"]:
        seed_outcome(framework, outcome, area)
    if "spotlights" in data:
        seed_plan(framework, data)
    return framework


def seed_outcome(framework: OutcomesFrameworkPage, data: dict, area: str) -> OutcomePage:
    statement = data["statement"]
    page, created = _child(
        framework,
        OutcomePage,
        slugify(statement)[:80],
        title=statement,
        description=data.get("description", ""),
        easy_read=EASY_READ.get(statement, "") if area == MAIN_AREA else "",
    )
    if not created:
        return page
    for wording in data.get("history", []):
        if wording.strip().rstrip(".") == statement.strip().rstrip("."):
            continue  # the statement kept its wording
        is_rochdale = area == MAIN_AREA
        OutcomeEarlierWording.objects.create(
            page=page,
            wording=wording,
            who_took_part=ROCHDALE_REWORDING["who_took_part"] if is_rochdale else "",
            why_changed=ROCHDALE_REWORDING["why"].get(wording, "") if is_rochdale else "",
        )
    for indicator in data.get("indicators", []):
        OutcomeIndicator.objects.create(
            page=page,
            name=indicator["name"],
            kind=indicator["kind"],
            data_source=indicator.get("source", ""),
        )
    page.save_revision().publish()  # the published revision includes the inline rows
    return page


def seed_plan(framework: OutcomesFrameworkPage, data: dict) -> PlanOnAPage:
    plan, _ = _child(
        framework,
        PlanOnAPage,
        "plan-on-a-page",
        title=f"{framework.area_name} plan on a page",
        spotlights=[("spotlight", spotlight) for spotlight in data["spotlights"]],
        count_the_difference=[("measure", text) for text in data["count_the_difference"]],
        ways_we_support=[("way", text) for text in data["ways_we_support"]],
    )
    return plan


def seed_standard_pages(home: HomePage) -> None:
    for page in STANDARD_PAGES:
        _child(
            home,
            StandardPage,
            page["slug"],
            title=page["title"],
            summary=page["summary"],
            body=page["body"],
            show_in_menus=True,
        )


def seed_outcomes_cms(frameworks: list[dict]) -> HomePage:
    home = home_page()
    main = None
    for data in frameworks:
        framework = seed_framework(home, data)
        if data["area"] == MAIN_AREA:
            main = framework
    if main and home.featured_framework_id is None:
        home.featured_framework = main
        home.save_revision().publish()
    seed_standard_pages(home)
    return home


def seed_indicator_values(quarters: int = 4) -> int:
    """Illustrative values for each quantitative indicator over the last quarters, so the
    dashboard's measures and ratings have something to show. They are marked as demo figures:
    no council's real data is in the demo."""
    rng = random.Random(2026)
    made = 0
    indicators = OutcomeIndicator.objects.filter(kind=OutcomeIndicator.Kind.QUANTITATIVE)
    for indicator in indicators.order_by("pk"):
        percentage = indicator.name.startswith("%") or "rate" in indicator.name.lower()
        lower_is_better = any(
            word in indicator.name.lower() for word in ("exclusion", "absence", "neet")
        )
        target = Decimal(rng.choice([10, 15, 20]) if lower_is_better else rng.choice([60, 75, 90]))
        for quarter in recent_quarters(quarters)[1:]:  # the quarters already over
            value = target * Decimal(str(round(rng.uniform(0.8, 1.15), 2)))
            _, created = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                period_start=quarter.start,
                defaults={
                    # A count ("# CYP ...") is a whole number; a percentage has one decimal.
                    "value": value.quantize(Decimal("0.1") if percentage else Decimal("1")),
                    "unit": "%" if percentage else "",
                    "source": f"Demo figure, not real data ({indicator.data_source or 'demo'})",
                    "target": target if percentage or lower_is_better else None,
                    "higher_is_better": not lower_is_better,
                },
            )
            made += created
    return made
