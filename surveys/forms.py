"""The respondent's forms. Validation happens here, on the server; messages say what to change."""

from django import forms
from django.utils.functional import cached_property

from .limits import RESPONDENT_TEXT_LIMIT as TEXT_LIMIT
from .models import Answer, AnswerScale, Audience, Response, SurveyQuestion
from .symbols import Symbol

DONT_UNDERSTAND = Answer.Special.DONT_UNDERSTAND.value
PREFER_NOT_TO_SAY = Answer.Special.PREFER_NOT_TO_SAY.value


def _text_limit_message(what: str):
    """The limit and how long theirs is (Django fills in show_value: the length given)."""
    limit = f"{what} must be {TEXT_LIMIT} characters or fewer."
    return {"max_length": limit + " Yours has %(show_value)d."}


# Easy read: short sentences, everyday words, what to do first. Each form lists the easy-read
# version of every message it can show; tests/surveys/test_easy_read_errors.py makes every
# message of every respondent form have one, so a new field cannot forget it.
EASY_TEXT_LIMIT = {
    "max_length": f"This is too long. You can write up to {TEXT_LIMIT} letters. "
    "You wrote %(show_value)d."
}


class EasyReadErrors:
    """A respondent form that speaks easy read when the child chose it (easy_read=True)."""

    easy_read_errors: dict[str, dict[str, str]] = {}
    easy_read = False

    def __init__(self, *args, easy_read: bool = False, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.use_easy_read(easy_read)

    def use_easy_read(self, easy_read: bool) -> None:
        """Called once the form's fields exist (a form that adds fields calls it itself)."""
        self.easy_read = easy_read
        if easy_read:
            for name, messages in self.easy_read_errors.items():
                if name in self.fields:  # type: ignore[attr-defined]
                    field = self.fields[name]  # type: ignore[attr-defined]
                    field.error_messages = {**field.error_messages, **messages}

    def say(self, plain: str, easy: str) -> str:
        """A message made in clean(): the wording the child chose."""
        return easy if self.easy_read else plain


class StartForm(forms.Form):
    """The start button, with a honeypot: a box people never see or reach, that bots fill in."""

    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def filled_by_a_bot(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["website"])


class QuestionForm(EasyReadErrors, forms.Form):
    """One question: its options (or a text box), the special answers, and an optional comment.

    saving: posted by "Save and come back later". A question that needs an answer may then be
    left with nothing chosen and nothing typed (nothing is saved, nothing is asked for); what
    is typed is checked as on "Continue", so it is saved or its error shown, never dropped.
    """

    easy_read_errors = {
        "text": EASY_TEXT_LIMIT,
        "comment": EASY_TEXT_LIMIT,
        "answer": {"invalid_choice": "This answer has changed. Please choose again."},
    }

    def __init__(
        self,
        *args,
        question: SurveyQuestion,
        easy_read: bool = False,
        saving: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.question = question
        self.saving = saving
        self.scale = question.scale
        self.options = list(self.scale.options.all())
        self.specials = []
        if self.scale.offers_dont_understand:
            self.specials.append((DONT_UNDERSTAND, "I don't understand"))
        # Every question, whatever its scale, lets a child decline (issue 17: stop any time).
        self.specials.append((PREFER_NOT_TO_SAY, "Prefer not to say"))
        choices = [(str(o.pk), o.label_for(easy_read)) for o in self.options] + self.specials

        # An answer no longer offered: a page left open while the survey was republished.
        gone = {"invalid_choice": "That answer is no longer offered. Choose one of these."}
        if self.scale.kind == AnswerScale.Kind.CHOOSE_ONE:
            self.fields["answer"] = forms.ChoiceField(
                choices=choices, required=False, widget=forms.RadioSelect, error_messages=gone
            )
        elif self.scale.kind == AnswerScale.Kind.CHOOSE_ANY:
            self.fields["answer"] = forms.MultipleChoiceField(
                choices=choices, required=False, widget=forms.CheckboxSelectMultiple,
                error_messages=gone,
            )  # fmt: skip
        else:
            self.fields["text"] = forms.CharField(
                required=False,
                max_length=TEXT_LIMIT,
                strip=True,
                error_messages=_text_limit_message("Your answer"),
            )
            self.fields["answer"] = forms.MultipleChoiceField(
                choices=self.specials, required=False, widget=forms.CheckboxSelectMultiple,
                error_messages=gone,
            )  # fmt: skip
        if question.comment_prompt:
            self.fields["comment"] = forms.CharField(
                required=False,
                max_length=TEXT_LIMIT,
                strip=True,
                error_messages=_text_limit_message("Your comment"),
            )
            self.fields["may_quote"] = forms.BooleanField(required=False)
        self.use_easy_read(easy_read)  # the fields above exist now

    @cached_property
    def sprite(self) -> tuple[str, ...]:
        """Every symbol from the set on this question's page, fetched as one image."""
        keys = [o.symbol_key for o in self.options if o.symbol_key and not o.symbol_image_id]
        if self.question.symbol_key and not self.question.symbol_id:
            keys.append(self.question.symbol_key)
        return tuple(keys)

    def question_symbol(self) -> Symbol:
        return self.question.picture(self.sprite)

    def answer_choices(self) -> tuple[list, list]:
        """(regular, special) choices as (input, Symbol) pairs; special ones follow an "or"."""
        symbols = {str(o.pk): o.symbol(self.sprite) for o in self.options}
        special_values = dict(self.specials)
        regular, special = [], []
        for choice in self["answer"]:
            value = str(choice.data["value"])
            (special if value in special_values else regular).append(
                (choice, symbols.get(value, Symbol()))
            )
        return regular, special

    def clean(self):
        cleaned = super().clean()
        picked = cleaned.get("answer") or []
        if isinstance(picked, str):
            picked = [picked] if picked else []
        specials = [value for value in picked if value in dict(self.specials)]
        option_ids = [value for value in picked if value not in dict(self.specials)]
        text = cleaned.get("text", "")

        if specials and self.scale.is_free_text:
            text = ""  # a free-text question's special answer is a button: it wins over words
        if specials and option_ids:
            special = dict(self.specials)[specials[0]]
            self.add_error(
                "answer",
                self.say(
                    f"Choose '{special}' on its own, or untick it",
                    f"'{special}' goes on its own. Take the tick off the other answers.",
                ),
            )
        elif self.question.required and not (picked or text) and "text" not in self.errors:
            message = self._missing_answer_message()
            if message:
                self.add_error("text" if self.scale.is_free_text else "answer", message)

        by_id = {str(o.pk): o for o in self.options}
        cleaned["given"] = {
            "special": specials[0] if specials else "",
            "options": [by_id[value] for value in option_ids],
            "text": "" if specials else text,
            # No comment box posted (the chat's one-tap answer): the comment given stays.
            "comment": cleaned.get("comment", "") if "comment" in self.data else None,
            "may_quote": cleaned.get("may_quote", False),
        }
        if not (picked or text) and not self.question.required:
            cleaned["given"]["special"] = Answer.Special.SKIPPED
        return cleaned

    def _missing_answer_message(self) -> str:
        """What to do when a question that needs an answer has none ("" when stopping for
        later with nothing typed: nothing to save, nothing to ask)."""
        answer = "write your answer" if self.scale.is_free_text else "choose an answer"
        other = "I don't understand" if DONT_UNDERSTAND in dict(self.specials) else ""
        if self.scale.is_free_text or not other:
            other = "Prefer not to say"
        if self.saving:
            commented = bool(str(self.data.get("comment", "")).strip())
            # A comment is kept with its answer: stored alone, it would be lost.
            if not commented:
                return ""
            return self.say(
                f"To save your comment, {answer} or 'Prefer not to say'",
                f"Please {answer} first. Then we can keep your words. "
                "Or choose 'Prefer not to say'.",
            )
        return self.say(
            f"{answer.capitalize()}, or choose '{other}'",
            f"Please {answer}. Or choose '{other}'.",
        )

    def something_given(self) -> bool:
        """Whether a valid post holds an answer worth keeping ("Save and come back later" with
        nothing chosen saves nothing and asks for nothing)."""
        given = self.cleaned_data["given"]
        return bool(given["special"] not in ("", Answer.Special.SKIPPED) or given["options"]
                    or given["text"] or given["comment"])  # fmt: skip

    @classmethod
    def initial_from(cls, answer: Answer | None, question: SurveyQuestion) -> dict:
        """What the form shows when someone comes back to a question they answered."""
        if answer is None:
            return {}
        picked = [answer.special] if answer.special else [str(o.pk) for o in answer.options.all()]
        return {
            "answer": picked
            if question.scale.kind != AnswerScale.Kind.CHOOSE_ONE
            else (picked[0] if picked else ""),
            "text": answer.text,
            "comment": answer.comment,
            "may_quote": answer.may_quote,
        }


class TheirNameForm(EasyReadErrors, forms.Form):
    """The young person's first name, when someone answers for them: asked on "Who is
    answering?" and again on the "Welcome back" page (it was never stored, so a helper coming
    back in a new browser is offered it again)."""

    # Kept in the session only, to ask "Does Sam feel safe?"; never stored with the answers.
    their_name = forms.RegexField(
        required=False,
        max_length=40,
        strip=True,
        regex=r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$",
        error_messages={
            "invalid": "Write their first name using letters only, or leave it empty",
            "max_length": "Their first name must be 40 characters or fewer",
        },
    )
    easy_read_errors = {
        "their_name": {
            "invalid": "Use letters only. Or leave it empty.",
            "max_length": "This name is too long. Write their first name only.",
        },
    }


class WhoIsAnsweringForm(TheirNameForm):
    field_order = ["answered_by", "audience", "their_name"]
    easy_read_errors = {
        **TheirNameForm.easy_read_errors,
        "answered_by": {
            "required": "Please choose who is answering.",
            "invalid_choice": "Please choose who is answering.",
        },
        "audience": {
            "required": "Please choose: a young person, or a parent or carer.",
            "invalid_choice": "Please choose: a young person, or a parent or carer.",
        },
    }

    answered_by = forms.ChoiceField(
        choices=Response.AnsweredBy.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who is answering",
            "invalid_choice": "Choose one of these: who is answering",
        },
    )
    audience = forms.ChoiceField(
        choices=[
            (Audience.YOUNG_PEOPLE, "A young person"),
            (Audience.PARENT_CARERS, "A parent or carer"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether you are a young person or a parent or carer",
            "invalid_choice": "Choose one of these: a young person, or a parent or carer",
        },
    )

    def __init__(self, *args, ask_audience: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_audience:
            del self.fields["audience"]


class FollowUpForm(EasyReadErrors, forms.Form):
    """ "Do you want to tell us more?": the "Your voice" comment, asked after the answer."""

    easy_read_errors = {
        "comment": {**EASY_TEXT_LIMIT, "required": "Please write something. Or choose 'No thanks'."}
    }

    comment = forms.CharField(
        max_length=TEXT_LIMIT,
        strip=True,
        error_messages={
            **_text_limit_message("Your words"),
            "required": "Write what you want to tell us, or choose 'No thanks'",
        },
    )
    may_quote = forms.BooleanField(required=False)


class DisplayOptionsForm(forms.Form):
    easy_read = forms.BooleanField(required=False, label="Easy-read words")
    larger_text = forms.BooleanField(required=False, label="Larger text")
    high_contrast = forms.BooleanField(required=False, label="High contrast (yellow on black)")


class HearBackForm(EasyReadErrors, forms.Form):
    easy_read_errors = {
        "email": {
            "invalid": "This email address does not look right. It looks like name@example.com. "
            "Or leave it empty.",
            "max_length": "This email address is too long. Check it, or leave it empty.",
        }
    }

    email = forms.EmailField(
        required=False,
        error_messages={
            "invalid": "Enter an email address like name@example.com, or leave it empty"
        },
    )
