"""Officers' decisions on many comments at once, from the comment review listing.

Each is a Wagtail bulk action on Voice: tick comments, pick an action, confirm. Decisions are
stored apart from the machine's themes (engagement/themes.py) and always win over them.
"""

from django import forms
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from . import themes
from .models import Voice
from .review_filters import MoveThemeForm, ThemeChoiceForm
from .tasks import retrain_is_due, retrain_theme_model


class ReviewBulkAction(SnippetBulkAction):
    template_name = "engagement/admin/confirm_review.html"
    models = [Voice]
    form_class = forms.Form
    action_button_text = "Yes, do it"

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Never act on a comment with the safeguarding lead, whatever ids are sent.
        return list(Voice.objects.filter(pk__in=object_ids))

    def check_perm(self, obj):
        return self.request.user.has_perm("engagement.review_comments")

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            **(self.cleaned_form.cleaned_data if self.cleaned_form else {}),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_button_text": self.action_button_text,
            "question": self.question,
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        if retrain_is_due():
            retrain_theme_model.enqueue()
        return f"{self.done} ({num_parent_objects} comments)."


class AcceptThemes(ReviewBulkAction):
    display_name = "Accept themes"
    action_type = "accept_themes"
    aria_label = "Accept the themes given to the selected comments"
    question = "Accept the themes the machine gave these comments?"
    done = "Themes accepted"
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        themes.accept_machine_themes(objects, user)
        return len(objects), 0


class AddTheme(ReviewBulkAction):
    display_name = "Add a theme"
    action_type = "add_theme"
    aria_label = "Add a theme to the selected comments"
    question = "Which theme do these comments belong to?"
    done = "Theme added"
    form_class = ThemeChoiceForm
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, user=None, theme=None, **kwargs):
        themes.decide(objects, theme, themes.ACCEPTED, user)
        return len(objects), 0


class RemoveTheme(ReviewBulkAction):
    display_name = "Remove a theme"
    action_type = "remove_theme"
    aria_label = "Remove a theme from the selected comments"
    question = "Which theme is wrong for these comments?"
    done = "Theme removed"
    form_class = ThemeChoiceForm
    action_priority = 30

    @classmethod
    def execute_action(cls, objects, user=None, theme=None, **kwargs):
        themes.decide(objects, theme, themes.REJECTED, user)
        return len(objects), 0


class MoveTheme(ReviewBulkAction):
    display_name = "Move theme"
    action_type = "move_theme"
    aria_label = "Move the selected comments from one theme to another"
    question = "Move these comments from one theme to another:"
    done = "Comments moved"
    form_class = MoveThemeForm
    action_priority = 40

    @classmethod
    def execute_action(cls, objects, user=None, from_theme=None, to_theme=None, **kwargs):
        themes.reassign(objects, from_theme, to_theme, user)
        return len(objects), 0


class NoThemeApplies(ReviewBulkAction):
    display_name = "No theme applies"
    action_type = "no_theme"
    aria_label = "Say that no theme applies to the selected comments"
    question = "Remove every theme from these comments and mark them reviewed?"
    done = "Marked as having no theme"
    action_priority = 50

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        themes.reject_all(objects, user)
        return len(objects), 0
