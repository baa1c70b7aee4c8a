"""'Write a You said, we did' from a theme: a draft page with the theme, its outcomes in this
site's council, the counts (published by engagement.disclosure, never the true small numbers)
and a shortlist of quotes (only comments that may be quoted), for the officer to finish and
send to the ambassadors."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify

from engagement.models import Theme, Voice
from engagement.outcome_choices import in_framework, site_framework
from engagement.themes import carrying

from .evidence import evidence_for
from .models import ChosenQuote, YouSaidWeDidIndexPage, YouSaidWeDidPage

SHORTLIST = 5  # the page takes at most five quotes
WE_DID_TO_WRITE = "Not written yet: say what changed, or what we are doing about it."


def shortlist(theme: Theme) -> list[Voice]:
    """The newest comments in the theme a public page may show (checked, not with the lead,
    authors agreed, no contact details: Voice.objects.fit_to_publish), from this site's
    council (or about no outcome), each saying something different."""
    chosen, words = [], set()
    quotable = in_framework(Voice.objects.fit_to_publish(), None)
    for voice in carrying(theme, quotable).order_by("-said_at")[:200]:
        if voice.redacted_text not in words:
            chosen.append(voice)
            words.add(voice.redacted_text)
        if len(chosen) == SHORTLIST:
            break
    return chosen


@dataclass
class Draft:
    page: YouSaidWeDidPage
    evidence: dict
    quotes: list[Voice]


def draft_page(theme: Theme) -> Draft:
    """The unsaved draft (themes, outcomes, counts as published, quotes), computed once."""
    page = YouSaidWeDidPage(title=f"You said: {theme.name}", status="heard")
    page.themes = [theme]
    own = site_framework()
    outcomes = theme.outcomes.all()
    page.outcomes = list(outcomes.descendant_of(own) if own else outcomes)
    evidence = evidence_for(page)
    by_audience = "; ".join(f"{label.lower()}: {count}" for label, count in evidence["by_audience"])
    page.you_said = (
        f"We heard {evidence['total']} comments about {theme.name.lower()} ({by_audience}). "
        "Say what people told us here, in plain words."
    )
    page.we_did = WE_DID_TO_WRITE
    quotes = shortlist(theme)
    page.quotes = [ChosenQuote(voice=voice) for voice in quotes]
    return Draft(page, evidence, quotes)


def _unique_slug(index, base: str) -> str:
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def write_from_theme(request, pk: int):
    theme = get_object_or_404(Theme, pk=pk)
    index = YouSaidWeDidIndexPage.objects.first()
    if index is not None and not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    draft = draft_page(theme)
    page = draft.page
    if request.method == "POST" and index is not None:
        page.slug = _unique_slug(index, slugify(page.title)[:50] or "you-said")
        page.live = False
        index.add_child(instance=page)
        page.save_revision(user=request.user, log_action=True)
        messages.success(
            request, "Draft written. Finish 'We did', check the quotes, then send it to review."
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "you_said_we_did/admin/from_theme.html",
        {
            "theme": theme,
            "page": page,
            "evidence": draft.evidence,
            "quotes": draft.quotes,
            "index": index,
            "themes_url": reverse("wagtailsnippets_engagement_theme:list"),
        },
    )
