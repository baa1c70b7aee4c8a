from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm


class SurveyPageForm(WagtailAdminPageForm):
    """Refuse to delete a question that has answers: archiving keeps those answers meaningful."""

    def clean(self):
        cleaned_data = super().clean()
        from surveys.models import Answer

        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        for form in questions.deleted_forms:
            question = form.instance
            if question.pk and Answer.objects.filter(question=question).exists():
                count = Answer.objects.filter(question=question).count()
                raise ValidationError(
                    f"The question '{question.statement}' has {count} answers, so it cannot be "
                    "deleted. Tick 'Archived' on it instead: it will no longer be asked, and "
                    "the answers already given keep their question."
                )
        return cleaned_data
