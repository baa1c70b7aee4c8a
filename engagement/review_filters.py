"""Filters for officers reviewing comments: by theme (or none), who gave the theme, channel,
audience, outcome, date and sentiment."""

import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from outcomes_cms.models import OutcomePage

from .models import CommentTheme, Sentiment, Theme, Voice
from .outcome_choices import GroupedOutcomeSelect
from .themes import carrying, unthemed

UNTHEMED = "unthemed"


def _theme_choices():
    return [(UNTHEMED, "No theme (unthemed)")] + [
        (str(theme.pk), theme.name) for theme in Theme.objects.filter(active=True)
    ]


class CommentFilterSet(WagtailFilterSet):
    theme = django_filters.ChoiceFilter(
        label="Theme", choices=_theme_choices, method="filter_theme", empty_label="Any theme"
    )
    given_by = django_filters.ChoiceFilter(
        label="Theme given by",
        choices=[("machine", "The machine only"), ("person", "A person")],
        method="filter_given_by",
        empty_label="Anyone",
    )
    reviewed = django_filters.ChoiceFilter(
        label="Reviewed",
        choices=[("no", "Not yet reviewed"), ("yes", "Reviewed")],
        method="filter_reviewed",
        empty_label="Either",
    )
    channel = django_filters.ChoiceFilter(choices=Voice.Channel.choices, empty_label="Any")
    audience = django_filters.ChoiceFilter(choices=Voice.Audience.choices, empty_label="Anyone")
    sentiment = django_filters.ChoiceFilter(choices=Sentiment.choices, empty_label="Any")
    outcome = django_filters.ModelChoiceFilter(
        queryset=OutcomePage.objects.all(),
        empty_label="Any outcome",
        widget=GroupedOutcomeSelect(blank_label="Any outcome"),
    )
    said_at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = Voice
        fields = ["theme", "given_by", "reviewed", "channel", "audience", "sentiment", "outcome"]

    def filter_theme(self, queryset, name, value):
        if value == UNTHEMED:
            return unthemed(queryset)
        theme = Theme.objects.filter(pk=value).first()
        return carrying(theme, queryset) if theme else queryset.none()

    def filter_given_by(self, queryset, name, value):
        people = CommentTheme.objects.carried().filter(given_by=CommentTheme.GivenBy.PERSON)
        theme = self.form.cleaned_data.get("theme")
        if theme and theme != UNTHEMED:
            people = people.filter(theme_id=theme)
        given_by_person = queryset.filter(pk__in=people.values("voice_id"))
        return (
            given_by_person
            if value == "person"
            else queryset.exclude(pk__in=given_by_person.values("pk"))
        )

    def filter_reviewed(self, queryset, name, value):
        return queryset.filter(reviewed_at__isnull=(value == "no"))


class ThemeChoiceForm(forms.Form):
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.filter(active=True), label="Theme", empty_label=None
    )


class MoveThemeForm(forms.Form):
    from_theme = forms.ModelChoiceField(
        queryset=Theme.objects.filter(active=True), label="Move from", empty_label=None
    )
    to_theme = forms.ModelChoiceField(
        queryset=Theme.objects.filter(active=True), label="Move to", empty_label=None
    )

    def clean(self):
        data = super().clean()
        if data.get("from_theme") and data.get("from_theme") == data.get("to_theme"):
            raise forms.ValidationError("Choose two different themes.")
        return data
