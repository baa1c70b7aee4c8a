"""What the dashboard is narrowed to: a period, an audience, an outcome and a channel.

One form, read from the address (GET), so a filtered view can be bookmarked, shared and
exported as the same figures.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet

from engagement.models import Voice
from engagement.outcome_choices import about_council, site_framework
from outcomes_cms.models import OutcomePage, OutcomesFrameworkPage
from surveys.models import Audience

from .periods import Quarter, recent_quarters

# The dashboard's audiences, and what each is called on a survey response and on a comment.
AUDIENCES = {
    "young_people": ("Young people", Audience.YOUNG_PEOPLE, Voice.Audience.YOUNG_PERSON),
    "parent_carers": ("Parent carers", Audience.PARENT_CARERS, Voice.Audience.PARENT_CARER),
}


def filters_for(request) -> "tuple[DashboardFilterForm, Filters]":
    """The filter form bound to the address, and the filters it gives (the site's own
    framework unless another is chosen)."""
    form = DashboardFilterForm(request.GET, default_framework=site_framework(request))
    return form, form.filters()


class DashboardFilterForm(forms.Form):
    framework = forms.ModelChoiceField(
        label="Council",
        required=False,
        queryset=OutcomesFrameworkPage.objects.live().order_by("path"),
        empty_label=None,
    )
    period = forms.ChoiceField(label="Period", required=False)
    audience = forms.ChoiceField(
        label="Who",
        required=False,
        choices=[("", "Everyone"), *((key, label) for key, (label, *_) in AUDIENCES.items())],
    )
    outcome = forms.ModelChoiceField(
        label="Outcome",
        required=False,
        queryset=OutcomePage.objects.live().order_by("path"),
        empty_label="All outcomes",
    )
    channel = forms.ChoiceField(
        label="How we heard",
        required=False,
        choices=[("", "Every way"), *Voice.Channel.choices],
    )

    def __init__(self, data=None, default_framework: OutcomesFrameworkPage | None = None):
        # One council per dashboard: with no framework in the address, the site's own.
        data = data.copy() if data is not None else {}
        if default_framework and not data.get("framework"):
            data["framework"] = str(default_framework.pk)
        super().__init__(data)
        self.default_framework = default_framework
        self.fields["framework"].label_from_instance = lambda page: page.area_name
        framework = self._chosen_framework() or default_framework
        self.outcome_of_another_council = False
        if framework:  # only the chosen council's outcomes can be picked
            outcomes = OutcomePage.objects.live().child_of(framework)
            self.fields["outcome"].queryset = outcomes
            # An outcome picked before the council was changed: drop it and say so, rather
            # than refuse every filter.
            if self._outcome_of_another_council(outcomes):
                self.data.pop("outcome")
                self.outcome_of_another_council = True
        self.fields["period"].choices = [("", "All time")] + [
            (quarter.key, quarter.label) for quarter in recent_quarters()
        ]
        for field in self.fields.values():
            field.hide_optional = True  # every filter is optional: saying so adds only noise

    def _outcome_of_another_council(self, outcomes) -> bool:
        any_council = forms.ModelChoiceField(queryset=OutcomePage.objects.live(), required=False)
        try:
            outcome = any_council.clean(self.data.get("outcome"))
        except forms.ValidationError:
            return False  # not an outcome at all: the field says so
        return outcome is not None and not outcomes.filter(pk=outcome.pk).exists()

    def _chosen_framework(self) -> OutcomesFrameworkPage | None:
        try:
            return self.fields["framework"].clean(self.data.get("framework"))
        except forms.ValidationError:
            return None

    def filters(self) -> "Filters":
        """The chosen filters; with anything wrong in the address, none but the site's own
        framework (all its figures)."""
        if not self.is_valid():
            return Filters(framework=self.default_framework)
        data = self.cleaned_data
        return Filters(
            framework=data["framework"] or self.default_framework,
            quarter=Quarter.from_key(data["period"]) if data["period"] else None,
            audience=data["audience"],
            outcome=data["outcome"],
            channel=data["channel"],
        )


@dataclass(frozen=True)
class Filters:
    quarter: Quarter | None = None
    audience: str = ""
    outcome: OutcomePage | None = None
    channel: str = ""
    framework: OutcomesFrameworkPage | None = None  # None: every council's (tests, benchmarks)

    @property
    def answers_apply(self) -> bool:
        """Survey answers are only ever heard through surveys."""
        return self.channel in ("", Voice.Channel.SURVEY)

    def answers(self, answers: QuerySet) -> QuerySet:
        """Narrow survey answers, every period kept: the outcomes page shows trends over time
        and picks the chosen quarter out of them (Answer.quarter)."""
        if not self.answers_apply:
            return answers.none()
        answers = answers.sent()  # an answer not sent yet is its respondent's alone
        if self.audience:
            answers = answers.filter(audience=AUDIENCES[self.audience][1])
        if self.outcome:
            answers = answers.filter(question__outcome=self.outcome)
        if self.framework:
            answers = answers.filter(question__outcome_id__in=self.framework_outcome_ids())
        return answers

    def framework_outcome_ids(self) -> list[int]:
        """The council's outcomes (live or not) as plain ids: filtering by a short list of ids
        spares every count a join to Wagtail's page tree."""
        return list(OutcomePage.objects.descendant_of(self.framework).values_list("pk", flat=True))

    def in_framework(self, field: str = "outcome") -> Q:
        return about_council(self.framework, field)

    def voices(self, voices: QuerySet, periods: bool = False) -> QuerySet:
        voices = voices.filter(self.in_framework())
        if self.audience:
            voices = voices.filter(audience=AUDIENCES[self.audience][2])
        if self.outcome:
            voices = voices.filter(outcome=self.outcome)
        if self.channel:
            voices = voices.filter(channel=self.channel)
        if self.quarter and not periods:
            voices = voices.filter(
                said_at__gte=self.quarter.bounds()[0], said_at__lt=self.quarter.bounds()[1]
            )
        return voices

    def describe(self) -> str:
        """In words, for headings, the PDF's cover and the CSV."""
        parts = [self.framework.area_name] if self.framework else []
        parts += [self.quarter.label if self.quarter else "All time"]
        parts.append(AUDIENCES[self.audience][0] if self.audience else "everyone")
        if self.outcome:
            parts.append(f"outcome: {self.outcome.title}")
        if self.channel:
            parts.append(f"heard through: {Voice.Channel(self.channel).label.lower()}")
        return ", ".join(parts)
