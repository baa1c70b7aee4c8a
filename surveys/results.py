"""What officers see of the answers: counts per survey and a CSV of answers (never emails)."""

import csv

from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify

from .models import Answer, SurveyPage

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
    "free_text",
    "your_voice_comment",
    "may_quote",
]


def surveys_with_counts():
    return SurveyPage.objects.annotate(
        started=Count("responses", distinct=True),
        completed=Count(
            "responses", filter=Q(responses__completed_at__isnull=False), distinct=True
        ),
        dont_understand=Count(
            "responses__answers",
            filter=Q(responses__answers__special=Answer.Special.DONT_UNDERSTAND),
        ),
    ).order_by("-latest_revision_created_at")


def results_index(request):
    surveys = list(surveys_with_counts())
    for survey in surveys:
        survey.completion_rate = (
            round(100 * survey.completed / survey.started) if survey.started else None
        )
    return TemplateResponse(request, "surveys/admin/results_index.html", {"surveys": surveys})


def share(request, survey_id: int):
    """The survey's public link and QR code, and each tagged link's, ready to copy or print."""
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    links = [
        (link, request.build_absolute_uri(reverse("survey_tagged_link", args=[link.code])))
        for link in survey.links.all()
    ]
    return TemplateResponse(
        request,
        "surveys/admin/share.html",
        {"survey": survey, "survey_url": survey.get_full_url(request), "links": links},
    )


class _Echo:
    def write(self, value):
        return value


def answers_csv(request, survey_id: int):
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    numbers = {q.pk: n for n, q in enumerate(survey.questions.all(), start=1)}
    answers = (
        Answer.objects.filter(response__survey=survey)
        .select_related("response", "response__link", "question", "question__outcome")
        .order_by("response_id", "question__sort_order")
    )
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # a byte-order mark, so Excel opens the UTF-8 correctly
        yield writer.writerow(CSV_COLUMNS)
        for answer in answers.iterator(chunk_size=2000):
            response = answer.response
            yield writer.writerow(
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
                    _safe_cell(answer.text),
                    _safe_cell(answer.comment),
                    "yes" if answer.may_quote else "no",
                ]
            )

    filename = f"{slugify(survey.title)}-answers.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe_cell(text: str) -> str:
    # A cell starting with = + - @ would run as a formula in Excel: make it plain text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
