"""Import comments from a CSV exported from another survey tool (Microsoft Forms, SurveyMonkey,
Google Forms, a spreadsheet): upload, check the columns and a preview, import, then watch
every comment being checked.

Nothing is imported until the officer confirms, and rows with problems are listed by line and
left out. Each row keeps its own date, audience, consent and outcome where the file has a
column for them (engagement/import_columns.py); the officer's choice for the whole file fills
in the rest. The comments go into the pool through its one way in for many (add_voices), so
each is checked and themed like any other, retried on failure, and the import's page counts
them as they are checked. The uploaded file is deleted once imported.
"""

import datetime

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages

from outcomes_cms.models import OutcomePage

from .analysis.csv_io import CsvRow, CsvTable, LineNote, UnreadableFile, read_csv, text_problem
from .checking import checking_is_late
from .import_columns import (
    COLUMN_NAMES,
    RowReader,
    RowValues,
    guess_columns,
    names_a_known_column,
)
from .models import CommentImport, Voice
from .voices import add_voices, checking_progress

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PREVIEW_ROWS = 10
SHOWN_PROBLEMS = 200


class UploadForm(forms.ModelForm):
    csv_file = forms.FileField(
        label="CSV file",
        help_text="Exported from Microsoft Forms, SurveyMonkey or Google Forms, or saved from "
        "Excel as CSV. UTF-8 or Windows-1252. Up to 50 MB.",
    )

    class Meta:
        model = CommentImport
        fields = ["title", "tool", "audience", "outcome", "consent_to_quote"]
        help_texts = {
            "audience": "Who wrote these comments, where the file does not say row by row",
            "consent_to_quote": "Tick only if everyone who answered agreed that their words may "
            "be quoted. A column in the file that says so row by row can be chosen next.",
        }

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is bigger than 50 MB: split it into parts.")
        data = upload.read()
        try:
            self.parsed = read_csv(data)
        except UnreadableFile as problem:
            raise forms.ValidationError(str(problem)) from problem
        if not filled_rows(self.parsed):
            raise forms.ValidationError("The file has a header row but no comments under it.")
        self.data_bytes = data
        return upload


def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        comment_import = form.save(commit=False)
        comment_import.uploaded_by = request.user
        comment_import.original_filename = form.cleaned_data["csv_file"].name[:255]
        comment_import.encoding = form.parsed.encoding
        comment_import.text_column = guess_text_column(form.parsed)
        comment_import.file.save("comments.csv", ContentFile(form.data_bytes), save=False)
        comment_import.save()
        return redirect("comment_import_preview", comment_import.pk)
    imports = list(CommentImport.objects.filter(status=CommentImport.Status.IMPORTED)[:20])
    progress = checking_progress("comment_import", [item.pk for item in imports])
    for item in imports:
        item.checked, item.total = progress[item.pk]
    return TemplateResponse(
        request,
        "engagement/admin/import_upload.html",
        {"form": form, "imports": imports},
        status=400 if form.errors else 200,
    )


def filled_rows(table: CsvTable) -> list[CsvRow]:
    """The rows with something in them: spreadsheets often end in rows of empty cells."""
    return [row for row in table.rows if not row.is_blank]


def guess_text_column(table: CsvTable) -> str:
    """The column with the longest answers on average, of those not named like a date, an
    audience, consent or outcome column: usually the free-text question."""
    sample = filled_rows(table)[:200]
    lengths = [sum(len(row.cells[at]) for row in sample) for at in range(len(table.columns))]
    ranked = sorted(zip(lengths, table.columns, strict=True), key=lambda pair: -pair[0])
    others = [column for _, column in ranked if not names_a_known_column(column)]
    return (others or [column for _, column in ranked])[0]


COLUMN_QUESTIONS = {
    "said_at": (
        "Which column says when each comment was written?",
        "E.g. Completion time (Microsoft Forms), Timestamp (Google Forms). Dates are read day "
        "first, as 31/01/2025 14:30.",
    ),
    "audience": (
        "Which column says who wrote each comment?",
        "Young person, parent carer or professional. Where it is empty: the audience you chose.",
    ),
    "consent": (
        "Which column says whether each person agreed to be quoted?",
        "Yes or no. Where it is empty: what you chose for the whole file.",
    ),
    "outcome": (
        "Which column names the outcome each comment is about?",
        "The outcome's title. Where it is empty: the outcome you chose for the whole file.",
    ),
}
NO_COLUMN = "None: the same for the whole file"


class ColumnForm(forms.Form):
    text_column = forms.ChoiceField(label="Which column holds the comments?")
    said_on = forms.DateField(
        label="When were these comments written?",
        required=False,
        help_text="Only where no column gives the date. E.g. 31/01/2025. Empty: today.",
    )

    def __init__(self, *args, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text_column"].choices = [(column, column) for column in columns]
        for field, (label, help_text) in COLUMN_QUESTIONS.items():
            self.fields[f"{field}_column"] = forms.ChoiceField(
                label=label,
                help_text=help_text,
                required=False,
                choices=[("", NO_COLUMN), *[(column, column) for column in columns]],
            )
        self.order_fields(["text_column", *[f"{field}_column" for field in COLUMN_NAMES]])

    def clean(self):
        cleaned = super().clean()
        for field in COLUMN_QUESTIONS:
            column = cleaned.get(f"{field}_column")
            if column and column == cleaned.get("text_column"):
                self.add_error(f"{field}_column", "This is the comments column: choose another.")
        return cleaned

    def columns(self) -> dict[str, str]:
        return {field: self.cleaned_data[f"{field}_column"] for field in COLUMN_NAMES}

    def said_at(self) -> datetime.datetime:
        said_on = self.cleaned_data.get("said_on")
        if said_on is None:
            return timezone.now()
        return datetime.datetime.combine(said_on, datetime.time(), timezone.get_current_timezone())


def preview(request, pk: int):
    """The check step (columns, a preview, every problem by line); once imported, progress."""
    comment_import = get_object_or_404(CommentImport, pk=pk)
    if comment_import.status == CommentImport.Status.IMPORTED:
        if request.method == "POST":  # a second confirm: imported once already
            return redirect("comment_import_preview", comment_import.pk)
        return progress(request, comment_import)
    try:
        with comment_import.file.open("rb") as stored:
            table = read_csv(stored.read())
    except (FileNotFoundError, ValueError):
        # A second confirm sent at the same moment as the first: the first imported the rows
        # and removed the file (least data), so there is nothing left to read here.
        return redirect("comment_import_preview", comment_import.pk)
    guesses = guess_columns(table.columns, comment_import.text_column, table)
    initial = {"text_column": comment_import.text_column}
    initial |= {f"{field}_column": column for field, column in guesses.items()}
    form = ColumnForm(request.POST or request.GET or initial, columns=table.columns)
    context = {"comment_import": comment_import, "form": form, "warnings": table.warnings}
    if not form.is_valid():
        return TemplateResponse(request, "engagement/admin/import_preview.html", context, 400)
    reader = RowReader(table, form.columns(), whole_file_values(comment_import, form.said_at()))
    good, problems = read_rows(table, form.cleaned_data["text_column"], reader)
    if request.method == "POST":
        imported = import_rows(comment_import, good, form.cleaned_data["text_column"])
        if imported:
            messages.success(
                request,
                f"Imported {imported:,} comments from '{comment_import.title}'. Each is being "
                "checked and themed now.",
            )
        return redirect("comment_import_preview", comment_import.pk)
    context |= {
        "column": form.cleaned_data["text_column"],
        "sample": shown_rows(good[:PREVIEW_ROWS]),
        "warnings": table.warnings + reader.warnings,
        "problems": problems[:SHOWN_PROBLEMS],
        "more_problems": max(0, len(problems) - SHOWN_PROBLEMS),
        "left_out": len(problems),
        "to_import": len(good),
        "total": len(good) + len({problem.line for problem in problems}),
    }
    return TemplateResponse(request, "engagement/admin/import_preview.html", context)


def shown_rows(good: list[tuple[CsvRow, str, RowValues]]) -> list[dict]:
    """Rows as the preview shows them: labels and titles, not keys and ids."""
    audiences = dict(Voice.Audience.choices)
    outcomes = dict(
        OutcomePage.objects.filter(pk__in=[values.outcome for _, _, values in good]).values_list(
            "pk", "title"
        )
    )
    return [
        {
            "line": row.line,
            "comment": text,
            "said_at": values.said_at,
            "audience": audiences[values.audience],
            "consent": values.consent,
            "outcome": outcomes.get(values.outcome, ""),
        }
        for row, text, values in good
    ]


def whole_file_values(comment_import: CommentImport, said_at: datetime.datetime) -> RowValues:
    return RowValues(
        said_at=said_at,
        audience=comment_import.audience,
        consent=comment_import.consent_to_quote,
        outcome=comment_import.outcome_id,
    )


def read_rows(
    table: CsvTable, text_column: str, reader: RowReader
) -> tuple[list[tuple[CsvRow, str, RowValues]], list[LineNote]]:
    """(good rows as (row, comment, values), problems by line): a row with any problem is
    left out, and each of its problems is listed."""
    at = table.index(text_column)
    good, problems = [], list(table.problems)
    for row in filled_rows(table):
        text = row.cells[at].strip()
        values, row_problems = reader.read(row.cells)
        row_problems = [problem for problem in [text_problem(text), *row_problems] if problem]
        if row_problems:
            problems.extend(LineNote(row.line, problem) for problem in row_problems)
        else:
            good.append((row, text, values))
    return good, sorted(problems, key=lambda problem: problem.line or 0)


def import_rows(comment_import: CommentImport, good: list, column: str) -> int:
    """Create one comment per good row, once: a second confirm finds the import done."""
    with transaction.atomic():
        locked = CommentImport.objects.select_for_update().get(pk=comment_import.pk)
        if locked.status != CommentImport.Status.PREVIEW:
            return 0
        voices = [
            Voice(
                text=text,
                channel=Voice.Channel.IMPORT,
                audience=values.audience,
                outcome_id=values.outcome,
                comment_import=locked,
                prompt=column[:300],
                consent_to_quote=values.consent,
                said_at=values.said_at,
            )
            for _row, text, values in good
        ]
        add_voices(voices)
        locked.status = CommentImport.Status.IMPORTED
        locked.text_column = column
        locked.rows_imported = len(voices)
        locked.imported_at = timezone.now()
        locked.save()
    locked.file.delete(save=True)  # least data: the comments are in the pool now
    return len(voices)


def progress(request, comment_import: CommentImport):
    """How many of the import's comments are checked so far. A link shows the latest count
    (no automatic refresh: WCAG 2.2.1, and axe's meta-refresh rule, forbid timed reloads)."""
    checked, total = checking_progress("comment_import", [comment_import.pk])[comment_import.pk]
    return TemplateResponse(
        request,
        "engagement/admin/import_progress.html",
        {
            "comment_import": comment_import,
            "checked": checked,
            "total": total,
            "done": checked == total,
            "late": checked < total and checking_is_late(),
            "comments_url": reverse("wagtailsnippets_engagement_voice:list") + "?channel=import",
        },
    )
