"""Import comments from a CSV exported from another survey tool (Microsoft Forms, SurveyMonkey,
Google Forms, a spreadsheet): upload, pick the column, check the preview, then import.

Nothing is imported until the officer confirms, and rows with problems are listed by line and
left out. The uploaded file is deleted once imported: the comments live on in the pool.
"""

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin import messages

from engagement.analysis.csv_io import (
    CsvRow,
    CsvTable,
    LineNote,
    UnreadableFile,
    read_csv,
    text_problem,
)

from .models import CommentImport, Voice
from .tasks import queue_analysis

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PREVIEW_ROWS = 10
BATCH = 2000


class UploadForm(forms.ModelForm):
    csv_file = forms.FileField(
        label="CSV file",
        help_text="Exported from Microsoft Forms, SurveyMonkey or Google Forms, or saved from "
        "Excel as CSV. UTF-8 or Windows-1252. Up to 50 MB.",
    )

    class Meta:
        model = CommentImport
        fields = ["title", "tool", "audience", "outcome", "consent_to_quote"]

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
    imports = CommentImport.objects.filter(status=CommentImport.Status.IMPORTED)[:20]
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
    """The column with the longest answers on average: usually the free-text question."""
    sample = filled_rows(table)[:200]
    lengths = [sum(len(row.cells[at]) for row in sample) for at in range(len(table.columns))]
    return table.columns[lengths.index(max(lengths))]


class ColumnForm(forms.Form):
    text_column = forms.ChoiceField(label="Which column holds the comments?")

    def __init__(self, *args, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text_column"].choices = [(column, column) for column in columns]


def preview(request, pk: int):
    comment_import = get_object_or_404(CommentImport, pk=pk, status=CommentImport.Status.PREVIEW)
    with comment_import.file.open("rb") as stored:
        parsed = read_csv(stored.read())
    form = ColumnForm(
        request.POST or request.GET or None,
        columns=parsed.columns,
        initial={"text_column": comment_import.text_column},
    )
    valid = form.is_bound and form.is_valid()
    column = form.cleaned_data["text_column"] if valid else comment_import.text_column
    rows = filled_rows(parsed)
    at = parsed.index(column)
    problems = [LineNote(row.line, text_problem(row.cells[at])) for row in rows]
    problems = [problem for problem in problems if problem.message]
    skipped = {problem.line for problem in problems}
    if request.method == "POST" and valid:
        imported = import_rows(comment_import, rows, column, at, skipped)
        messages.success(
            request,
            f"Imported {imported:,} comments from '{comment_import.title}'. "
            "They are being themed now.",
        )
        return redirect("comment_imports")
    return TemplateResponse(
        request,
        "engagement/admin/import_preview.html",
        {
            "comment_import": comment_import,
            "form": form,
            "column": column,
            "sample": [row.cells[at] for row in rows[:PREVIEW_ROWS]],
            "warnings": parsed.warnings,
            "problems": sorted(problems + parsed.problems, key=lambda problem: problem.line),
            "to_import": len(rows) - len(skipped),
            "total": len(rows) + len(parsed.problems),
        },
    )


def import_rows(
    comment_import: CommentImport, rows: list[CsvRow], column: str, at: int, skip: set[int]
) -> int:
    """Create one comment per good row, once: a second confirm finds the import done."""
    with transaction.atomic():
        locked = CommentImport.objects.select_for_update().get(pk=comment_import.pk)
        if locked.status != CommentImport.Status.PREVIEW:
            return 0
        now = timezone.now()
        voices = [
            Voice(
                text=row.cells[at].strip(),
                channel=Voice.Channel.IMPORT,
                audience=locked.audience,
                outcome_id=locked.outcome_id,
                comment_import=locked,
                prompt=column[:300],
                consent_to_quote=locked.consent_to_quote,
                said_at=now,
            )
            for row in rows
            if row.line not in skip
        ]
        created = Voice.objects.bulk_create(voices, batch_size=BATCH)
        locked.status = CommentImport.Status.IMPORTED
        locked.text_column = column
        locked.rows_imported = len(voices)
        locked.imported_at = now
        locked.save()
        queue_analysis([voice.pk for voice in created])
    locked.file.delete(save=True)  # least data: the comments are in the pool now
    return len(voices)
