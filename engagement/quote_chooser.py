"""The chooser officers pick quotes from: only comments that may be quoted (checked, never with
the safeguarding lead: Voice.objects; and whose authors agreed: quotable()), shown redacted,
searchable and filtered by theme, audience, outcome and date, each with its themes and date."""

from django import forms
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from outcomes_cms.models import OutcomePage

from .models import Theme, Voice
from .outcome_choices import GroupedOutcomeSelect, framework_filter_choices, in_framework
from .themes import carrying, themes_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuoteFilterForm(BaseFilterForm):
    q = forms.CharField(label="Words in the comment", required=False)
    council = forms.ChoiceField(choices=framework_filter_choices, required=False)
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.filter(active=True), required=False, empty_label="Any theme"
    )
    audience = forms.ChoiceField(
        choices=[("", "Anyone"), *Voice.Audience.choices], required=False, label="Who said it"
    )
    outcome = forms.ModelChoiceField(
        queryset=OutcomePage.objects.all(),
        required=False,
        widget=GroupedOutcomeSelect(blank_label="Any outcome"),
    )
    # The browser's own date field: Wagtail's date picker adds an inline script, which the
    # chooser's modal (fetched after the page loaded) cannot run under the page's nonce.
    said_from = forms.DateField(label="Said on or after", required=False, widget=DATE)
    said_to = forms.DateField(label="Said on or before", required=False, widget=DATE)

    def filter(self, voices):
        data = self.cleaned_data
        self.is_searching = bool(data.get("q"))
        self.search_query = data.get("q")
        if data.get("q"):
            voices = voices.filter(redacted_text__icontains=data["q"])
        voices = in_framework(voices, data.get("council"))
        if data.get("theme"):
            voices = carrying(data["theme"], voices)
        if data.get("audience"):
            voices = voices.filter(audience=data["audience"])
        if data.get("outcome"):
            voices = voices.filter(outcome=data["outcome"])
        if data.get("said_from"):
            voices = voices.filter(said_at__date__gte=data["said_from"])
        if data.get("said_to"):
            voices = voices.filter(said_at__date__lte=data["said_to"])
        return voices


class ThemeNamesColumn(Column):
    def get_value(self, voice):
        return ", ".join(theme.name for theme in themes_of(voice)) or "No theme"


class QuotableOnly:
    filter_form_class = QuoteFilterForm
    per_page = 20

    def get_object_list(self):
        return (
            Voice.objects.quotable().prefetch_related("current_themes__theme").order_by("-said_at")
        )

    def apply_object_list_ordering(self, objects):
        return objects  # newest first, as get_object_list orders them

    @property
    def columns(self):
        title = self.title_column
        title.label = "Comment (personal details removed)"
        return [
            title,
            ThemeNamesColumn("themes", label="Themes"),
            Column("get_audience_display", label="Who said it"),
            Column("said_at", label="Date", accessor=lambda voice: f"{voice.said_at:%-d %b %Y}"),
        ]


class QuotableChooseView(QuotableOnly, ChooseView):
    page_title = "Choose a quote"


class QuotableChooseResultsView(QuotableOnly, ChooseResultsView):
    pass


class QuoteChooser(AdminSnippetChooser):
    """The quote field's button, in an officer's words (Wagtail's says "Choose comment")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # which names the buttons after the model
        self.choose_one_text = "Choose a quote"
        self.choose_another_text = "Choose another quote"
        self.link_to_chosen_text = "Open the comment"


class QuotableChooserViewSet(SnippetChooserViewSet):
    base_widget_class = QuoteChooser
    choose_view_class = QuotableChooseView
    choose_results_view_class = QuotableChooseResultsView
