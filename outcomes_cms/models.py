"""The published outcomes framework: home, frameworks, outcome statements, plan on a page, pages.

Page type rules keep the tree sensible: Home > Framework > (Outcomes, one Plan on a page);
Home > Standard pages (accessibility statement, privacy notice).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from you_said_we_did.review_gate import ReviewedBeforePublishing

from .blocks import SpotlightBlock, StandardBodyBlock, short_text_list


class HomePage(ReviewedBeforePublishing, Page):
    intro = RichTextField(
        features=["bold", "italic", "link"],
        help_text="What this site is for, in plain words.",
    )
    featured_framework = models.ForeignKey(
        "outcomes_cms.OutcomesFrameworkPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The framework whose outcomes the home page lists. Empty: the first one.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("featured_framework")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "outcomes_cms.OutcomesFrameworkPage",
        "outcomes_cms.StandardPage",
        "surveys.SurveyPage",
        "you_said_we_did.YouSaidWeDidIndexPage",
    ]
    max_count = 1

    def framework(self):
        if self.featured_framework and self.featured_framework.live:
            return self.featured_framework
        return self.get_children().live().type(OutcomesFrameworkPage).specific().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        framework = self.framework()
        context["framework"] = framework
        context["outcomes"] = framework.outcomes() if framework else []
        context["other_frameworks"] = (
            self.get_children().live().type(OutcomesFrameworkPage).exclude(pk=framework.pk)
            if framework
            else []
        )
        context["open_surveys"] = self.open_surveys()
        context["latest_changes"] = self.latest_changes()
        return context

    def latest_changes(self, count: int = 3):
        """The newest "You said, we did" pages, for the home page."""
        from you_said_we_did.models import YouSaidWeDidPage

        return YouSaidWeDidPage.objects.live().order_by("-first_published_at")[:count]

    def you_said_we_did_index(self):
        from you_said_we_did.models import YouSaidWeDidIndexPage

        return YouSaidWeDidIndexPage.objects.live().first()

    def open_surveys(self) -> list:
        from surveys.models import SurveyPage

        surveys = self.get_children().live().type(SurveyPage).specific()
        return [survey for survey in surveys if survey.is_open()]


class OutcomesFrameworkPage(ReviewedBeforePublishing, Page):
    area_name = models.CharField(max_length=100, help_text="The local area, e.g. Rochdale")
    vision = models.TextField(help_text="The area's vision for children and young people with SEND")
    introduction = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("area_name"),
        FieldPanel("vision"),
        FieldPanel("introduction"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("vision")]
    parent_page_types = ["outcomes_cms.HomePage"]
    subpage_types = ["outcomes_cms.OutcomePage", "outcomes_cms.PlanOnAPage"]

    class Meta:
        verbose_name = "outcomes framework"

    def outcomes(self):
        """The framework's outcome statements, live, in the order officers gave them."""
        return self.get_children().live().type(OutcomePage).specific()

    def plan(self):
        return self.get_children().live().type(PlanOnAPage).specific().first()


class OutcomePage(ReviewedBeforePublishing, Page):
    """One outcome statement, in young people's words (the page title is the statement)."""

    description = models.TextField(
        blank=True, help_text="What the outcome means for children and families"
    )
    easy_read = models.TextField(
        blank=True, help_text="A short easy-read version: short sentences, everyday words."
    )
    symbol = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An optional symbol or picture shown beside the statement.",
    )
    symbol_alt_text = models.CharField(
        max_length=255, blank=True, help_text="What the symbol shows, for screen readers."
    )

    content_panels = [
        FieldPanel("title", heading="Outcome statement"),
        FieldPanel("description"),
        FieldPanel("easy_read"),
        MultiFieldPanel([FieldPanel("symbol"), FieldPanel("symbol_alt_text")], heading="Symbol"),
        InlinePanel("earlier_wordings", heading="Earlier wordings", label="Earlier wording"),
        InlinePanel("indicators", heading="Indicators", label="Indicator"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("easy_read"),
    ]
    parent_page_types = ["outcomes_cms.OutcomesFrameworkPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "outcome"

    @property
    def framework(self):
        return self.get_parent().specific


class OutcomeEarlierWording(Orderable):
    """How co-production changed the statement: an earlier wording, when and who took part."""

    page = ParentalKey(OutcomePage, on_delete=models.CASCADE, related_name="earlier_wordings")
    wording = models.CharField(max_length=255)
    changed_on = models.DateField(null=True, blank=True, help_text="When it was reworded")
    who_took_part = models.CharField(
        max_length=255, blank=True, help_text="E.g. young people in five focus groups"
    )
    why_changed = models.TextField(blank=True)

    panels = [
        FieldPanel("wording"),
        FieldPanel("changed_on"),
        FieldPanel("who_took_part"),
        FieldPanel("why_changed"),
    ]

    def __str__(self):
        return self.wording


class OutcomeIndicator(Orderable):
    """How the outcome is measured. Fields follow the indicator-mapping questions councils use."""

    class Kind(models.TextChoices):
        QUALITATIVE = "qualitative", "Qualitative (young people's or families' voice)"
        QUANTITATIVE = "quantitative", "Quantitative (a number from a data set)"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        TERMLY = "termly", "Each school term"
        ANNUALLY = "annually", "Annually"
        NOT_DECIDED = "", "Not decided yet"

    class Cohort(models.TextChoices):
        EHCP = "ehcp", "Children and young people with EHC plans"
        EHCP_AND_SEN_SUPPORT = "ehcp_sen_support", "EHC plans and SEN support"
        PARENT_CARERS = "parent_carers", "Parent carers"
        STAFF = "staff", "Staff"
        NOT_DECIDED = "", "Not decided yet"

    page = ParentalKey(OutcomePage, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    data_source = models.CharField(
        max_length=255, blank=True, help_text="Where the data comes from, e.g. annual review"
    )
    is_collected = models.BooleanField(
        null=True, blank=True, help_text="Is this data already being collected? Empty: not known."
    )
    collection_plan = models.TextField(
        blank=True, help_text="If it is not collected yet: who would collect it, and how?"
    )
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, blank=True, default=Frequency.NOT_DECIDED
    )
    cohort = models.CharField(
        max_length=20, choices=Cohort.choices, blank=True, default=Cohort.NOT_DECIDED
    )
    responsible = models.CharField(
        max_length=255, blank=True, help_text="The named professional or team responsible"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("data_source"),
        FieldPanel("is_collected"),
        FieldPanel("collection_plan"),
        FieldPanel("frequency"),
        FieldPanel("cohort"),
        FieldPanel("responsible"),
    ]

    def __str__(self):
        return self.name


class PlanOnAPage(ReviewedBeforePublishing, RoutablePageMixin, Page):
    """The plan on a page. Vision and outcomes come live from the framework above it."""

    introduction = models.TextField(blank=True)
    spotlights = StreamField([("spotlight", SpotlightBlock())], blank=True)
    count_the_difference = StreamField(
        short_text_list("measure", "Something we count, e.g. Achieve their goals"), blank=True
    )
    ways_we_support = StreamField(
        short_text_list("way", "A promise about how support works"), blank=True
    )
    main_colour = models.CharField(
        max_length=7,
        default="#1d3557",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give a colour as # and six hex digits.")],
        help_text="The council's colour for the printed plan's title band, e.g. #1d3557. "
        "Choose a dark one: the title is white on it.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("spotlights"),
        FieldPanel("count_the_difference", heading="Count the difference: how many children..."),
        FieldPanel("ways_we_support"),
        FieldPanel("main_colour"),
    ]
    parent_page_types = ["outcomes_cms.OutcomesFrameworkPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "plan on a page"

    @property
    def framework(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["framework"] = self.framework
        context["outcomes"] = self.framework.outcomes()
        return context

    @path("")
    def plan(self, request):
        return self.render(request)

    @path("pdf/", name="pdf")
    @path("pdf/<str:size>/", name="pdf_size")
    def pdf(self, request, size: str = "a4"):
        from .plan_poster import SIZES, plan_poster_pdf  # ReportLab loads only when needed

        size = size.upper()
        if size not in SIZES:
            raise Http404("The plan prints on A4 or A3.")
        suffix = "" if size == "A4" else f"-{size.lower()}"
        filename = f"{slugify(self.framework.area_name)}-plan-on-a-page{suffix}.pdf"
        pdf = plan_poster_pdf(self, request.build_absolute_uri(self.url), size)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class StandardPage(ReviewedBeforePublishing, Page):
    """Plain pages such as the accessibility statement and the privacy notice."""

    summary = models.TextField(blank=True, help_text="One or two sentences a 10-year-old can read")
    body = StreamField(StandardBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["outcomes_cms.HomePage", "outcomes_cms.StandardPage"]
    subpage_types = ["outcomes_cms.StandardPage"]


class IndicatorValue(models.Model):
    """A quantitative indicator's value for one quarter, entered by an officer from its source.

    The rating against the target: green when it is met, amber when within AMBER_MARGIN of it,
    red otherwise. Whether higher is better says which way "met" points.
    """

    AMBER_MARGIN = 0.1  # a tenth of the target

    class Rating(models.TextChoices):
        GREEN = "green", "On target"
        AMBER = "amber", "Close to target"
        RED = "red", "Off target"

    indicator = models.ForeignKey(
        OutcomeIndicator,
        on_delete=models.CASCADE,
        related_name="values",
        limit_choices_to={"kind": OutcomeIndicator.Kind.QUANTITATIVE},
    )
    period_start = models.DateField(
        "quarter starting",
        help_text="The first day of the quarter the value is for: 1 January, April, July or "
        "October",
    )
    value = models.DecimalField(max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=30, blank=True, help_text="For example %, weeks or plans")
    source = models.CharField(max_length=255, help_text="Where the figure comes from")
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    higher_is_better = models.BooleanField(
        default=True, help_text="Untick when a lower value is better, e.g. exclusions"
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("indicator"),
        FieldPanel("period_start"),
        FieldPanel("value"),
        FieldPanel("unit"),
        FieldPanel("source"),
        FieldPanel("target"),
        FieldPanel("higher_is_better"),
    ]

    class Meta:
        ordering = ["indicator", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="one_value_per_indicator_and_quarter"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}{self.unit} ({self.period_start:%b %Y})"

    def clean(self):
        if self.period_start and (self.period_start.day != 1 or self.period_start.month % 3 != 1):
            raise ValidationError(
                {
                    "period_start": "Give the first day of a quarter: 1 January, April, July or "
                    "October."
                }  # fmt: skip
            )

    @property
    def rating(self) -> str:
        """ "green", "amber" or "red"; "" when there is no target."""
        if self.target is None:
            return ""
        gap = (self.value - self.target) * (1 if self.higher_is_better else -1)
        if gap >= 0:
            return self.Rating.GREEN
        if abs(gap) <= abs(self.target) * Decimal(str(self.AMBER_MARGIN)):
            return self.Rating.AMBER
        return self.Rating.RED

    @property
    def rating_label(self) -> str:
        return self.Rating(self.rating).label if self.rating else ""
