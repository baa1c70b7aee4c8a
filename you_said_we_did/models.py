""" "You said, we did": what people told the council, what was done, and who was told.

An index page lists the changes (filter by outcome, theme and status; an Atom feed); each
change is a page with "you said" in plain and easy-read words, the themes and outcomes it
answers, evidence counted live from the pool of comments, quotes an officer chose from comments
that may be quoted, the actions ("we did") and a dated timeline.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.search import index

from engagement.disclosure import METHOD_NOTE, PEOPLE_TOLD, Records, publish
from engagement.outcome_choices import GroupedOutcomeCheckboxes

from .review_gate import ReviewedBeforePublishing


class Status(models.TextChoices):
    HEARD = "heard", "We heard you"
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class YouSaidWeDidIndexPage(ReviewedBeforePublishing, RoutablePageMixin, Page):
    intro = models.TextField(
        help_text="What these pages are, in plain words", default="", blank=True
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["outcomes_cms.HomePage"]
    subpage_types = ["you_said_we_did.YouSaidWeDidPage"]
    max_count = 1

    class Meta:
        verbose_name = '"You said, we did" index'

    def changes(self):
        return (
            YouSaidWeDidPage.objects.child_of(self)
            .live()
            .order_by("-first_published_at")
            .prefetch_related("themes", "outcomes")
        )

    @path("")
    def index(self, request):
        from .views import index

        return index(request, self)

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import ChangesFeed

        return ChangesFeed(self)(request)


class YouSaidWeDidPage(ReviewedBeforePublishing, Page):
    you_said = models.TextField(
        "You said", help_text="What people told us, in plain words (e.g. 'You waited too long')"
    )
    easy_read = models.TextField(
        blank=True, help_text="The same in easy-read words: short sentences, everyday words"
    )
    we_did = models.TextField(
        "We did", help_text="What changed, or what we are doing about it, in plain words"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.HEARD)
    themes = ParentalManyToManyField(
        "engagement.Theme", blank=True, related_name="you_said_we_did_pages"
    )
    outcomes = ParentalManyToManyField(
        "outcomes_cms.OutcomePage", blank=True, related_name="you_said_we_did_pages"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("you_said"),
        FieldPanel("easy_read"),
        FieldPanel("we_did"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("outcomes", widget=GroupedOutcomeCheckboxes),
            ],
            heading="What it answers",
        ),
        InlinePanel("quotes", heading="Quotes", label="Quote", max_num=5),
        InlinePanel("actions", heading="What we did: actions", label="Action"),
        InlinePanel("updates", heading="Timeline", label="Update"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("you_said"),
        index.SearchField("we_did"),
    ]
    parent_page_types = ["you_said_we_did.YouSaidWeDidIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = '"You said, we did" page'

    def get_context(self, request, *args, **kwargs):
        from .evidence import evidence_for, quotes_for

        context = super().get_context(request, *args, **kwargs)
        context["evidence"] = evidence_for(self)
        context["quotes"] = quotes_for(self)
        context["people_told"] = publish(PEOPLE_TOLD, self.people_told())
        context["disclosure_note"] = METHOD_NOTE
        return context

    def people_told(self) -> Records:
        """The people told about this page (each once, whatever the updates), as records."""
        from .notifications import told

        return told(self.notifications.all())


class ChosenQuote(Orderable):
    """A comment quoted on the page: only one that may be quoted, and only as redacted."""

    page = ParentalKey(YouSaidWeDidPage, on_delete=models.CASCADE, related_name="quotes")
    voice = models.ForeignKey(
        "engagement.Voice",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="comment",
        help_text="Only comments whose authors agreed to be quoted can be chosen. The quote is "
        "shown with names and contact details removed.",
    )

    panels = [FieldPanel("voice")]

    def clean(self):
        super().clean()
        from engagement.models import Voice

        if self.voice_id and not Voice.objects.quotable().filter(pk=self.voice_id).exists():
            raise ValidationError(
                {
                    "voice": "This comment cannot be quoted: its author did not agree, it has "
                    "not been checked yet, or it is with the safeguarding lead. Choose another."
                }
            )

    def __str__(self):
        return str(self.voice)


class Action(Orderable):
    """Something done about it: who owns it, when, how far it has got, and what changed."""

    page = ParentalKey(YouSaidWeDidPage, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=255)
    owner = models.CharField(max_length=120, help_text="Who is responsible, e.g. SEND service")
    starts_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    change_seen = models.CharField(
        max_length=255,
        blank=True,
        help_text="What changed, e.g. 'waiting time fell from 18 to 11 weeks'",
    )

    panels = [
        FieldPanel("what"),
        FieldPanel("owner"),
        FieldPanel("starts_on"),
        FieldPanel("due_on"),
        FieldPanel("status"),
        FieldPanel("change_seen"),
    ]

    def __str__(self):
        return self.what


class TimelineUpdate(Orderable):
    page = ParentalKey(YouSaidWeDidPage, on_delete=models.CASCADE, related_name="updates")
    happened_on = models.DateField()
    text = models.TextField()

    panels = [FieldPanel("happened_on"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["happened_on"]

    def __str__(self):
        return f"{self.happened_on:%d %b %Y}: {self.text[:40]}"


class Notification(models.Model):
    """One person told about one update of a page: stored once, so nobody is told twice.

    recipient is a keyed hash of the email address, not the address: the count of people told
    (one of the council's indicators) outlives the addresses, which are deleted on schedule.
    """

    page = models.ForeignKey(
        YouSaidWeDidPage, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.CharField(max_length=64)
    update = models.CharField(
        max_length=40, help_text='The status they were told of: "status:done"'
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "recipient", "update"], name="tell_each_person_once_per_update"
            )
        ]

    def __str__(self):
        return f"Told about {self.page_id} ({self.update})"


class AmbassadorCheckTask(AbstractGroupApprovalTask):
    """A workflow step in which SEND ambassadors check that a draft says what they meant.

    Ambassadors read the draft and answer in their own words at /review/, outside the Wagtail
    admin; their check is recorded on the page's history. Officers publish after them.
    """

    def user_can_access_editor(self, obj, user):
        return user.is_superuser  # ambassadors read drafts in plain view, never the editor

    def locked_for_user(self, obj, user):
        # The draft being checked is the one that will be published: only officers (who
        # publish at the next step, or cancel the check) and superusers may change it.
        return not (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))

    @classmethod
    def get_description(cls):
        return (
            "SEND ambassadors in the chosen groups check the draft in plain words and approve "
            "it or ask for changes, at /review/ (they never need the admin)."
        )

    class Meta:
        verbose_name = "Ambassadors' check"
        verbose_name_plural = "Ambassadors' checks"
