"""What officers see of the answers: counts per survey and a CSV of answers (never emails).

The counts are rounded like every published count (engagement.disclosure): the same records
give the same figure here as on the dashboard, so this page adds nothing to differencing.
"""

from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify

from engagement.analysis.csv_io import spreadsheet_safe
from engagement.csv_download import csv_download
from engagement.disclosure import (
    ANSWERS,
    METHOD_NOTE,
    PEOPLE_HEARD,
    Records,
    publish,
)
from engagement.disclosure import share as published_share
from engagement.models import Voice
from engagement.voices import withheld_ids

from . import sharing
from .models import Answer, SurveyLink, SurveyPage

CSV_COLUMNS = [
    "response",
    "audience",
    "answered_by",
    "channel",
    "tagged_link",
    "started",
    "completed",
    "question_number",
    "question",
    "outcome",
    "answer",
    "counts_as",
    "special",
    "free_text_redacted",
    "your_voice_comment_redacted",
    "may_quote",
]


def surveys_with_counts():
    """Each survey with its counts and the sum of the ids counted (for the cell keys)."""
    completed = Q(responses__completed_at__isnull=False)
    dont = Q(responses__answers__special=Answer.Special.DONT_UNDERSTAND)
    return SurveyPage.objects.annotate(
        started=Count("responses", distinct=True),
        started_ids=Sum("responses__id", distinct=True),
        completed=Count("responses", filter=completed, distinct=True),
        completed_ids=Sum("responses__id", filter=completed, distinct=True),
        dont_understand=Count("responses__answers", filter=dont),
        dont_understand_ids=Sum("responses__answers__id", filter=dont),
    ).order_by("-latest_revision_created_at")


def results_index(request):
    surveys = list(surveys_with_counts())
    for survey in surveys:
        # Started and completed are both responses: the same ones give the same figure.
        started = publish(PEOPLE_HEARD, Records(survey.started, survey.started_ids or 0))
        completed = publish(PEOPLE_HEARD, Records(survey.completed, survey.completed_ids or 0))
        dont = Records(survey.dont_understand, survey.dont_understand_ids or 0)
        survey.shown = {
            "started": started,
            "completed": completed,
            "completion_rate": published_share(completed, started),
            "dont_understand": publish(ANSWERS, dont),
        }
    return TemplateResponse(
        request,
        "surveys/admin/results_index.html",
        {"surveys": surveys, "disclosure_note": METHOD_NOTE},
    )


def question_answers(request, survey_id: int):
    """Each question's answers by option and audience, published (surveys.question_results)."""
    from .question_results import question_results

    survey = get_object_or_404(SurveyPage, pk=survey_id)
    return TemplateResponse(
        request,
        "surveys/admin/question_results.html",
        {"survey": survey, "results": question_results(survey), "disclosure_note": METHOD_NOTE},
    )


def share(request, survey_id: int):
    """The survey's public link and each tagged link's, with QR codes and posters to print."""
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    site = survey.get_site()
    return TemplateResponse(
        request,
        "surveys/admin/share.html",
        {
            "survey": survey,
            "links": sharing.links_for(survey),
            "address_is_unset": sharing.address_is_unset(survey),
            "site": site,
            "can_edit_site": site is not None and request.user.has_perm("wagtailcore.change_site"),
        },
    )


def _chosen_link(request, survey_id: int) -> sharing.ShareableLink:
    """The survey's own link, or the tagged link named by `?link=CODE`."""
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    code = request.GET.get("link")
    if not code:
        return sharing.survey_link(survey)
    return sharing.tagged_link(get_object_or_404(SurveyLink, page=survey, code=code))


def share_qr(request, survey_id: int, kind: str):
    link = _chosen_link(request, survey_id)
    if kind == "png":
        body, content_type = sharing.qr_png(link.url), "image/png"
    else:
        body, content_type = sharing.qr_svg(link.url), "image/svg+xml"
    response = HttpResponse(body, content_type=content_type)
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="{link.filename}-qr.{kind}"'
    return response


def share_poster(request, survey_id: int):
    link = _chosen_link(request, survey_id)
    response = HttpResponse(sharing.poster_pdf(link), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{link.filename}-poster.pdf"'
    return response


def answers_csv(request, survey_id: int):
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    numbers = {q.pk: n for n, q in enumerate(survey.questions.all(), start=1)}
    # Only answers sent ("Send my answers"). A response with words not yet checked or with the
    # safeguarding lead is left out whole, as if it had been erased: a blank where words
    # should be would say which ones went where.
    answers = (
        Answer.objects.sent()
        .filter(response__survey=survey)
        .exclude(response__in=withheld_ids("survey_answer__response"))
        .select_related("response", "response__link", "question", "question__outcome")
        .order_by("response_id", "question__sort_order")
    )
    # Free text (answers and comments) leaves only as the pool shows it: checked, redacted.
    shown = {
        (answer_id, part): spreadsheet_safe(text)
        for answer_id, part, text in Voice.objects.filter(
            survey_answer__response__survey=survey
        ).values_list("survey_answer_id", "answer_part", "redacted_text")
    }

    def rows():
        yield CSV_COLUMNS
        for answer in answers.iterator(chunk_size=2000):
            response = answer.response
            yield (
                [
                    response.pk,
                    response.get_audience_display(),
                    response.get_answered_by_display(),
                    response.get_channel_display(),
                    response.link.label if response.link else "",
                    response.started_at.date().isoformat(),
                    response.completed_at.date().isoformat() if response.completed_at else "",
                    numbers.get(answer.question_id, ""),
                    answer.question.statement,
                    answer.question.outcome.title if answer.question.outcome else "",
                    "; ".join(answer.labels),
                    answer.get_counts_as_display(),
                    answer.get_special_display() if answer.special else "",
                    shown.get((answer.pk, Voice.AnswerPart.ANSWER), ""),
                    shown.get((answer.pk, Voice.AnswerPart.COMMENT), ""),
                    "yes" if answer.may_quote else "no",
                ]
            )

    return csv_download(f"{slugify(survey.title)}-answers.csv", rows())
