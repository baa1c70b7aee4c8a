"""A survey is a Wagtail page that officers build; its questions are ordered inline rows.

Questions are rows, not StreamField blocks, so every answer keeps a stable foreign key to the
question it answers however the survey is edited later.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageViewRestriction

from engagement.outcome_choices import GroupedOutcomeSelect
from surveys import videos
from surveys.admin_forms import SurveyPageForm
from surveys.symbol_picker import SymbolPicker
from surveys.symbols import Symbol, symbol_for, validate_symbol_key
from you_said_we_did.review_gate import ReviewedBeforePublishing

from .scales import AnswerScale


class Audience(models.TextChoices):
    YOUNG_PEOPLE = "young_people", "Young people"
    PARENT_CARERS = "parent_carers", "Parent carers"
    BOTH = "both", "Young people and parent carers (separate wording)"


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    ANNUAL_REVIEW = "annual_review", "Annual review"
    FOCUS_GROUP = "focus_group", "Focus group"
    EVENT = "event", "Event"
    PAPER = "paper", "Paper form typed in"


class SurveyPage(ReviewedBeforePublishing, RoutablePageMixin, Page):
    intro = models.TextField(help_text="What the survey is about, in plain words")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    minutes_to_complete = models.PositiveSmallIntegerField(default=5)
    who_sees_answers = models.TextField(
        default="People at the council who plan services for children and young people with "
        "SEND read the answers. They do not know who you are.",
    )
    opens_at = models.DateTimeField(null=True, blank=True, help_text="Empty: open when published")
    closes_at = models.DateTimeField(null=True, blank=True, help_text="Empty: no closing date")
    thank_you = models.TextField(default="Thank you for telling us what you think.")
    offer_hear_back = models.BooleanField(
        default=True,
        verbose_name="Offer 'tell me what happens'",
        help_text="Ask for an email address (optional) to tell people what changed.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("audience"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading="Open"),
        MultiFieldPanel(
            [
                FieldPanel("minutes_to_complete"),
                FieldPanel("who_sees_answers"),
                FieldPanel("thank_you"),
                FieldPanel("offer_hear_back"),
            ],
            heading="What respondents are told",
        ),
        InlinePanel(
            "questions",
            heading="Questions",
            label="Question",
            help_text="One question per screen, in this order. Once a survey has answers, its "
            "questions can be reworded but not deleted: tick 'Archived' instead, so the "
            "answers already given keep their question.",
        ),
        InlinePanel(
            "links",
            heading="Tagged links",
            label="Tagged link",
            help_text="Extra links that record where a response came from, e.g. "
            "'Ambassadors meeting, 12 Nov' (annual review, event...).",
        ),
    ]
    base_form_class = SurveyPageForm
    parent_page_types = ["outcomes_cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "survey"

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        if not self.live:
            return False
        if self.opens_at and at < self.opens_at:
            return False
        return not (self.closes_at and at >= self.closes_at)

    def active_questions(self) -> list["SurveyQuestion"]:
        """The questions still asked, in order, each with its scale and the scale's options.

        Every step of every respondent needs them. Symbol, video and outcome load only when
        used (a page shows one question's media; outcomes matter when a comment is saved).
        """
        return list(
            self.questions.filter(archived=False)
            .select_related("scale")
            .prefetch_related("scale__options", _uploaded_option_symbols())
        )

    view_restrictions_checked = False  # set by surveys.route_cache for this request's copy

    def get_view_restrictions(self):
        # The route cache's one query has just found no restriction on this page's path.
        if self.view_restrictions_checked:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        # Answers must never be kept by a shared computer's browser or a proxy's cache.
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        from surveys import route_cache

        route_cache.remember(request, self)
        return response

    # The respondent's way through lives in surveys/flow.py; these routes only dispatch to it.
    @path("")
    def start(self, request):
        from surveys import flow

        return flow.start(request, self)

    @path("options/", name="options")
    def display_options(self, request):
        from surveys import flow

        return flow.display_options_view(request, self)

    @path("who/", name="who")
    def who(self, request):
        from surveys import flow

        return flow.who_is_answering(request, self)

    @path("question/<int:number>/", name="question")
    def question(self, request, number):
        from surveys import flow

        return flow.question(request, self, number)

    @path("question/<int:number>/more/", name="more")
    def tell_us_more(self, request, number):
        from surveys import flow

        return flow.tell_us_more(request, self, number)

    @path("check/", name="check")
    def check_answers(self, request):
        from surveys import flow

        return flow.check_answers(request, self)

    @path("done/", name="done")
    def done(self, request):
        from surveys import flow

        return flow.confirmation(request, self)

    @path("save/", name="save")
    def save_for_later(self, request):
        from surveys import flow

        return flow.save_for_later(request, self)

    @path("resume/<str:token>/", name="resume")
    def resume(self, request, token):
        from surveys import flow

        return flow.resume(request, self, token)

    @path("delete/", name="delete")
    def delete_answers(self, request):
        from surveys import flow

        return flow.delete_my_answers(request, self)

    @path("qr/", name="qr")
    def qr(self, request):
        from surveys import flow

        return flow.qr_code(request, self.get_full_url())


class SurveyQuestion(Orderable):
    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="questions")
    statement = models.CharField(max_length=255, help_text="The question as young people read it")
    easy_read = models.CharField(
        max_length=255, blank=True, help_text="Easy-read version: short, everyday words"
    )
    parent_carer_wording = models.CharField(
        max_length=255, blank=True, help_text="The same question worded for parent carers"
    )
    about_them_wording = models.CharField(
        max_length=255,
        blank=True,
        help_text="Asked when someone answers for the young person, e.g. 'Does {name} feel "
        "safe?'. {name} becomes the first name the helper gave, or 'the young person'. "
        "Empty: made from the question ('I feel safe.' becomes 'Does {name} feel safe?').",
    )
    hint = models.CharField(max_length=255, blank=True, help_text="Optional extra help")
    symbol_key = models.CharField(
        "Symbol",
        max_length=40,
        blank=True,
        validators=[validate_symbol_key],
        help_text="A picture shown with the question. It looks the same on every phone.",
    )
    symbol = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Or your own picture",
        help_text="E.g. a Widgit symbol your council licenses. Shown instead of the symbol.",
    )
    symbol_alt_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="What your own picture shows, if it adds something the question does not say.",
    )
    video = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional video of the question, e.g. in BSL: an MP4 or WebM file.",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Captions for the video: a WebVTT file (.vtt). Needed when the video has "
        "speech or sounds that matter, so that people who cannot hear it can follow.",
    )
    scale = models.ForeignKey(AnswerScale, on_delete=models.PROTECT, related_name="questions")
    comment_prompt = models.CharField(
        max_length=255,
        blank=True,
        help_text="Ask for a 'Your voice' comment with this prompt. Empty: no comment box.",
    )
    required = models.BooleanField(default=True)
    outcome = models.ForeignKey(
        "outcomes_cms.OutcomePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_questions",
        help_text="The outcome this question measures",
    )
    skip_if_answer_is = models.CharField(
        max_length=255,
        blank=True,
        help_text="Skip rule: answer labels, separated by commas (e.g. 'No, Now and then').",
    )
    skip_to_question = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="With a skip rule: the question number to go to. Empty: go to the end.",
    )
    archived = models.BooleanField(
        default=False, help_text="Archived questions are no longer asked; their answers are kept."
    )

    panels = [
        FieldPanel("statement"),
        FieldPanel("easy_read"),
        FieldPanel("parent_carer_wording"),
        FieldPanel("about_them_wording"),
        FieldPanel("hint"),
        FieldRowPanel(
            [
                FieldPanel("symbol_key", widget=SymbolPicker),
                FieldPanel("symbol"),
                FieldPanel("symbol_alt_text"),
            ]
        ),
        FieldRowPanel([FieldPanel("video"), FieldPanel("captions")]),
        FieldPanel("scale"),
        FieldPanel("comment_prompt"),
        FieldPanel("required"),
        FieldPanel("outcome", widget=GroupedOutcomeSelect),
        FieldRowPanel([FieldPanel("skip_if_answer_is"), FieldPanel("skip_to_question")]),
        FieldPanel("archived"),
    ]

    def __str__(self):
        return self.statement

    def picture(self, sprite: tuple[str, ...] = ()) -> Symbol:
        return symbol_for(self.symbol_key, self.symbol, sprite)

    def skip_labels(self) -> set[str]:
        return {
            label.strip().casefold() for label in self.skip_if_answer_is.split(",") if label.strip()
        }

    def clean(self):
        super().clean()
        videos.check_question_media(self)
        labels = self.skip_labels()
        if labels and self.scale_id:
            known = {option.label.casefold() for option in self.scale.options.all()}
            unknown = sorted(labels - known)
            if unknown:
                raise ValidationError(
                    {
                        "skip_if_answer_is": f"These are not answers on the scale "
                        f"'{self.scale}': {', '.join(unknown)}. Use the labels exactly."
                    }
                )

    def wording_for(
        self, *, parent_carer: bool, easy_read: bool, about_them: bool = False, name: str = ""
    ) -> str:
        """The words shown: easy read if chosen; for a parent carer their own wording; asked
        about the young person (by first name, if given) when someone answers for them."""
        from surveys import wording

        if about_them and not parent_carer:
            if self.about_them_wording and not (easy_read and self.easy_read):
                return wording.fill_name(self.about_them_wording, name)
            return wording.about_them(
                self.easy_read if easy_read and self.easy_read else self.statement, name
            )
        if easy_read and self.easy_read:
            return self.easy_read
        if parent_carer and self.parent_carer_wording:
            return self.parent_carer_wording
        return self.statement


def _uploaded_option_symbols() -> Prefetch:
    """Options' own pictures with their renditions: no query at all when none was uploaded."""
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(Symbol.RENDITION)
    return Prefetch("scale__options__symbol_image", queryset=images)


def new_link_code() -> str:
    return secrets.token_urlsafe(6)


class SurveyLink(Orderable):
    """A tagged link: responses that arrive through it record its channel and label."""

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=120, help_text="E.g. Ambassadors meeting, 12 Nov")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    code = models.SlugField(max_length=16, unique=True, default=new_link_code, editable=False)

    panels = [FieldPanel("label"), FieldPanel("channel")]

    def __str__(self):
        return self.label
