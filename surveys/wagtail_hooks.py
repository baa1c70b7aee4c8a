from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement.admin_words import YesNoColumn

from . import erasure, results
from .models import AnswerScale


class AnswerScaleViewSet(SnippetViewSet):
    model = AnswerScale
    icon = "list-ul"
    menu_label = "Answer scales"
    add_to_admin_menu = True
    menu_order = 210
    list_display = [
        "name",
        "kind",
        YesNoColumn("offers_dont_understand", label='Offers "I don\'t understand"'),
    ]


register_snippet(AnswerScaleViewSet)


def _officers_only(view):
    from django.contrib.auth.decorators import permission_required

    return permission_required("surveys.view_response", raise_exception=True)(view)


@hooks.register("register_admin_urls")
def survey_results_urls():
    return [
        path("survey-results/", _officers_only(results.results_index), name="survey_results"),
        path(
            "survey-results/<int:survey_id>/answers/",
            _officers_only(results.question_answers),
            name="survey_question_answers",
        ),
        path(
            "survey-results/<int:survey_id>/share/",
            _officers_only(results.share),
            name="survey_share",
        ),
        path(
            "survey-results/<int:survey_id>/share/qr.<str:kind>",
            _officers_only(results.share_qr),
            name="survey_share_qr",
        ),
        path(
            "survey-results/<int:survey_id>/share/poster.pdf",
            _officers_only(results.share_poster),
            name="survey_share_poster",
        ),
        path(
            "survey-results/<int:survey_id>/answers.csv",
            _officers_only(results.answers_csv),
            name="survey_answers_csv",
        ),
        path(
            "survey-results/erase/",
            _officers_only(erasure.erase_for_officer),
            name="survey_erase_response",
        ),
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("surveys.view_response")


@hooks.register("register_admin_menu_item")
def survey_results_menu_item():
    return ResultsMenuItem(
        "Survey results", reverse("survey_results"), icon_name="table", order=220
    )


@hooks.register("register_admin_menu_item")
def erase_response_menu_item():
    return ResultsMenuItem(
        "Erase a respondent's answers", reverse("survey_erase_response"), icon_name="bin", order=225
    )
