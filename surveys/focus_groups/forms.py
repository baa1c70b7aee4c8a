from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from engagement.outcome_choices import GroupedOutcomeSelect
from surveys.limits import CONTRIBUTION_TEXT_LIMIT as TEXT_LIMIT
from surveys.models import (
    ADJUSTMENTS,
    Contribution,
    FocusGroupSession,
    SessionPrompt,
    SpeakerType,
)


def facilitator_choices():
    """Staff who may run focus groups: the Facilitator role, officers and administrators."""
    User = get_user_model()
    can_run = Q(groups__permissions__codename="run_focus_groups") | Q(is_superuser=True)
    return User.objects.filter(can_run, is_active=True).distinct()


class SessionForm(forms.ModelForm):
    adjustments = forms.MultipleChoiceField(
        choices=ADJUSTMENTS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = FocusGroupSession
        fields = [
            "title",
            "held_on",
            "setting_type",
            "place",
            "group_name",
            "facilitators",
            "young_people_count",
            "parent_carer_count",
            "professional_count",
            "age_band",
            "consent",
            "adjustments",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "setting_type": forms.RadioSelect,
            "consent": forms.RadioSelect,
            "facilitators": forms.CheckboxSelectMultiple,
        }
        labels = {
            "held_on": "Date",
            "young_people_count": "Young people who came",
            "parent_carer_count": "Parent carers who came",
            "professional_count": "Professionals who came",
            "consent": "How consent was recorded",
        }
        error_messages = {
            "title": {"required": "Enter a name for the session, e.g. 'Year 9 SEND group'"},
            "held_on": {
                "required": "Enter the date of the session",
                "invalid": "Enter a real date, for example 12/11/2026",
            },
            "setting_type": {"required": "Choose the kind of setting"},
            "consent": {"required": "Choose how consent was recorded"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitator_choices()
        self.fields["facilitators"].required = False
        self.fields["facilitators"].help_text = "You are added as a facilitator."


class ContributionForm(forms.ModelForm):
    client_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Contribution
        fields = [
            "kind",
            "text",
            "speaker_type",
            "prompt",
            "tally_count",
            "tally_of",
            "may_publish",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "speaker_type": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "kind": "What is it?",
            "text": "What was said",
            "speaker_type": "Who said it?",
            "prompt": "In answer to (optional)",
            "tally_count": "How many said yes",
            "tally_of": "Out of how many",
            "may_publish": "They agreed we can publish these words (no names)",
        }
        error_messages = {
            "speaker_type": {"required": "Choose who said it"},
            "kind": {"required": "Choose quote, note or tally"},
        }

    def __init__(self, *args, session: FocusGroupSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prompt"].queryset = session.prompts.all()
        self.fields["prompt"].empty_label = "No prompt"
        self.fields["speaker_type"].choices = SpeakerType.choices
        # Text may be empty only for a tally; the form says so when it matters.
        self.fields["text"].hide_optional = True

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        cleaned["text"] = text
        kind = cleaned.get("kind")
        if kind == Contribution.Kind.TALLY:
            count, of = cleaned.get("tally_count"), cleaned.get("tally_of")
            if count is None or of is None:
                self.add_error("tally_count", "Enter how many said yes, and out of how many")
            elif count > of:
                self.add_error(
                    "tally_count", "How many said yes cannot be more than out of how many"
                )
        elif not text:
            self.add_error("text", "Write what was said")
        if len(text) > TEXT_LIMIT:
            self.add_error("text", f"What was said must be {TEXT_LIMIT} characters or fewer")
        return cleaned


class PromptForm(forms.ModelForm):
    class Meta:
        model = SessionPrompt
        fields = ["text", "outcome", "survey_question"]
        labels = {
            "text": "Prompt or question asked",
            "outcome": "Outcome it relates to (optional)",
            "survey_question": "Or a survey question (optional)",
        }
        widgets = {"outcome": GroupedOutcomeSelect(blank_label="None")}
        error_messages = {"text": {"required": "Write the prompt you asked the group"}}


class BulkForm(forms.Form):
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        label="Paste notes",
        help_text="One contribution per line. A blank line starts a new paragraph, which is "
        "kept as one contribution.",
    )
    csv_file = forms.FileField(
        required=False,
        label="Or upload a CSV file",
        help_text="Columns: text, speaker_type, prompt, consent. UTF-8 or Excel's own format.",
    )
    speaker_type = forms.ChoiceField(
        choices=SpeakerType.choices,
        label="Who said these (for pasted notes)",
        widget=forms.RadioSelect,
        initial=SpeakerType.YOUNG_PERSON,
    )
    may_publish = forms.BooleanField(
        required=False, label="They agreed we can publish these words (for pasted notes)"
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("notes", "").strip() and not cleaned.get("csv_file"):
            raise forms.ValidationError("Paste some notes or choose a CSV file")
        return cleaned


class HearBackForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        error_messages={
            "required": "Enter the email address of the person who wants to hear back",
            "invalid": "Enter an email address like name@example.com",
        },
    )
