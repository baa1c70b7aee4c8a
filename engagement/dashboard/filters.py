"""What the dashboard is narrowed to: a period, an audience, an outcome and a channel.

One form, read from the address (GET), so a filtered view can be bookmarked, shared and
exported as the same figures.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from engagement.models import Voice
from outcomes_cms.models import OutcomePage
from surveys.models import Audience

from .periods import Quarter, recent_quarters

# The dashboard's audiences, and what each is called on a survey response and on a comment.
AUDIENCES = {
    "young_people": ("Young people", Audience.YOUNG_PEOPLE, Voice.Audience.YOUNG_PERSON),
    "parent_carers": ("Parent carers", Audience.PARENT_CARERS, Voice.Audience.PARENT_CARER),
}


class DashboardFilterForm(forms.Form):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", "All time")] + [
            (quarter.key, quarter.label) for quarter in recent_quarters()
        ]
        for field in self.fields.values():
            field.hide_optional = True  # every filter is optional: saying so adds only noise

    def filters(self) -> "Filters":
        """The chosen filters; with anything wrong in the address, no filter (all figures)."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
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

    @property
    def answers_apply(self) -> bool:
        """Survey answers are only ever heard through surveys."""
        return self.channel in ("", Voice.Channel.SURVEY)

    def answers(self, answers: QuerySet) -> QuerySet:
        """Narrow survey answers, every period kept: the outcomes page shows trends over time
        and picks the chosen quarter out of them (Answer.quarter)."""
        if not self.answers_apply:
            return answers.none()
        if self.audience:
            answers = answers.filter(audience=AUDIENCES[self.audience][1])
        if self.outcome:
            answers = answers.filter(question__outcome=self.outcome)
        return answers

    def voices(self, voices: QuerySet, periods: bool = False) -> QuerySet:
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
        parts = [self.quarter.label if self.quarter else "All time"]
        parts.append(AUDIENCES[self.audience][0] if self.audience else "everyone")
        if self.outcome:
            parts.append(f"outcome: {self.outcome.title}")
        if self.channel:
            parts.append(f"heard through: {Voice.Channel(self.channel).label.lower()}")
        return ", ".join(parts)
