"""Admin screens for officers: importing quantitative indicator values from a spreadsheet."""

from django import forms
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.log_actions import log

from engagement.analysis.csv_io import UnreadableFile

from .indicator_import import read_values_csv, rows_to_save, save_rows, template_csv

IMPORT_SALT = "indicator-values-import"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ValuesUploadForm(forms.Form):
    csv_file = forms.FileField(
        label="CSV file",
        help_text="Start from the template: one row per indicator and quarter. UTF-8 or "
        "Windows-1252, up to 2 MB.",
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is bigger than 2 MB: split it into parts.")
        try:
            self.rows = read_values_csv(upload.read())
        except UnreadableFile as problem:
            raise forms.ValidationError(str(problem)) from problem
        return upload


def import_values(request, index_url_name: str, template_url_name: str):
    """Upload, check every row, then confirm: nothing is saved from a file with a bad row."""
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, index_url_name)
    form = ValuesUploadForm(request.POST or None, request.FILES or None)
    rows = form.rows if request.method == "POST" and form.is_valid() else []
    problems = [row for row in rows if row.problems]
    to_save = rows_to_save(rows)
    signed = ""
    if rows and not problems:
        signed = signing.dumps(to_save, salt=IMPORT_SALT, compress=True)
    return TemplateResponse(
        request,
        "outcomes_cms/admin/import_values.html",
        {
            "form": form,
            "rows": rows,
            "problems": problems,
            "signed_rows": signed,
            "to_save": len(to_save),
            "index_url_name": index_url_name,
            "template_url_name": template_url_name,
        },
        status=400 if (form.errors or problems) else 200,
    )


def _confirm(request, index_url_name: str):
    try:
        rows = signing.loads(request.POST["rows"], salt=IMPORT_SALT, max_age=60 * 60 * 24)
    except (KeyError, signing.BadSignature) as error:
        raise Http404("That import has expired. Upload the file again.") from error
    with transaction.atomic():
        saved = save_rows(rows)
        # In each value's history, as if typed in the editor.
        for value in saved["created"]:
            log(value, "wagtail.create", user=request.user)
        for value in saved["changed"]:
            log(value, "wagtail.edit", user=request.user)
    messages.success(
        request,
        f"Imported {len(rows)} value{'s' if len(rows) != 1 else ''}: "
        f"{len(saved['created'])} new, {len(saved['changed'])} replaced, "
        f"{len(saved['unchanged'])} already as in the file.",
    )
    return redirect(index_url_name)


def values_template(request) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicator-values-template.csv"'
    return response
