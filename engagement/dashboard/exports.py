"""The dashboard's downloads: the themed feedback report (PDF), its figures (CSV or Excel), and
for officers, a theme's comments, redacted (CSV)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from engagement.csv_download import csv_download
from engagement.models import Theme
from engagement.themes import carrying
from engagement.xlsx_download import xlsx_download

from .figures import all_figures, csv_rows
from .filters import filters_for
from .report import themed_feedback_report
from .report_content import themed_feedback_content
from .themes import visible_voices


def _filters(request):
    return filters_for(request)[1]


def _stamp() -> str:
    return timezone.localdate().isoformat()


@login_required
@permission_required("engagement.view_dashboard", raise_exception=True)
def figures_csv(request):
    return csv_download(
        f"send-voices-figures-{_stamp()}.csv",
        csv_rows(all_figures(_filters(request), examples_for=0, breakdowns=True)),
    )


@login_required
@permission_required("engagement.view_dashboard", raise_exception=True)
def figures_xlsx(request):
    """The same suppressed rows as the CSV, as an Excel workbook."""
    return xlsx_download(
        f"send-voices-figures-{_stamp()}.xlsx",
        "Figures",
        csv_rows(all_figures(_filters(request), examples_for=0, breakdowns=True)),
    )


@login_required
@permission_required("engagement.view_dashboard", raise_exception=True)
def report_pdf(request):
    query = request.GET.urlencode()
    twin = request.build_absolute_uri(reverse("dashboard:report_html")) + (
        f"?{query}" if query else ""
    )
    pdf = themed_feedback_report(all_figures(_filters(request)), html_address=twin)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="themed-feedback-report-{_stamp()}.pdf"'
    return response


@login_required
@permission_required("engagement.view_dashboard", raise_exception=True)
def report_html(request):
    """The report's HTML twin: the same structure as the PDF, drawn as an accessible page."""
    report = themed_feedback_content(all_figures(_filters(request)))
    query = request.GET.urlencode()
    return TemplateResponse(
        request,
        "engagement/dashboard/report.html",
        {"report": report, "query": query},
    )


@login_required
@permission_required("engagement.view_voice", raise_exception=True)
def theme_comments_csv(request, key: str):
    """Officers' export of one theme's comments: redacted text only, never the original."""
    theme = get_object_or_404(Theme, key=key)
    voices = carrying(theme, visible_voices(_filters(request))).select_related("outcome")

    def rows():
        yield ["said", "audience", "channel", "outcome", "sentiment", "comment_redacted"]
        for voice in voices.order_by("-said_at").iterator(chunk_size=2000):
            yield [
                voice.said_at.date().isoformat(),
                voice.get_audience_display(),
                voice.get_channel_display(),
                voice.outcome.title if voice.outcome else "",
                voice.get_sentiment_display() if voice.sentiment else "",
                voice.redacted_text,
            ]

    return csv_download(f"{slugify(theme.name)}-comments-{_stamp()}.csv", rows())
