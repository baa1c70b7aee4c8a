"""Answer scales: reusable sets of options that officers pick for each question."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from surveys.symbol_picker import SymbolPicker
from surveys.symbols import Symbol, symbol_for, validate_symbol_key


class CountsAs(models.TextChoices):
    """How an answer counts towards an outcome's qualitative indicator."""

    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"
    NOT_COUNTED = "not_counted", "Not counted"


class AnswerScale(ClusterableModel):
    class Kind(models.TextChoices):
        CHOOSE_ONE = "one", "Choose one"
        CHOOSE_ANY = "any", "Choose any that apply"
        FREE_TEXT = "text", "Free text only"

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.CHOOSE_ONE)
    offers_dont_understand = models.BooleanField(
        default=True,
        help_text='Offer "I don\'t understand". It is stored as an answer and tells officers '
        "the question needs rewording.",
    )
    offers_prefer_not_to_say = models.BooleanField(default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("offers_dont_understand"),
        FieldPanel("offers_prefer_not_to_say"),
        InlinePanel("options", heading="Options", label="Option"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_free_text(self) -> bool:
        return self.kind == self.Kind.FREE_TEXT


class ScaleOption(Orderable):
    scale = ParentalKey(AnswerScale, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=120)
    easy_read_label = models.CharField(
        max_length=120, blank=True, help_text="Shorter, plainer words. Empty: the label is used."
    )
    symbol_key = models.CharField(
        "Symbol",
        max_length=40,
        blank=True,
        validators=[validate_symbol_key],
        help_text="A picture shown beside the answer. It looks the same on every phone.",
    )
    symbol_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Or your own picture",
        help_text="E.g. a Widgit symbol your council licenses. If you add one, it is shown "
        "instead of the symbol above. Square pictures work best.",
    )
    counts_as = models.CharField(
        max_length=12, choices=CountsAs.choices, default=CountsAs.NOT_COUNTED
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("easy_read_label"),
        FieldRowPanel([FieldPanel("symbol_key", widget=SymbolPicker), FieldPanel("symbol_image")]),
        FieldPanel("counts_as"),
    ]

    def __str__(self):
        return self.label

    def symbol(self, sprite: tuple[str, ...] = ()) -> Symbol:
        return symbol_for(self.symbol_key, self.symbol_image, sprite)

    def label_for(self, easy_read: bool) -> str:
        return (self.easy_read_label or self.label) if easy_read else self.label
