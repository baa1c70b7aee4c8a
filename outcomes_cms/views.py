"""Admin screens for officers: importing quantitative indicator values from a spreadsheet."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, View
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import LogContext, log

from engagement.analysis.csv_io import UnreadableFile
from engagement.csv_download import csv_download

from .indicator_import import StaleImport, read_values_csv, rows_to_save, save_rows, template_rows

IMPORT_SALT = "indicator-values-import"
CHECK_LASTS = 60 * 60 * 24  # seconds a checked file may wait for its confirm
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
        return upload

    def clean(self):
        cleaned = super().clean()
        if upload := cleaned.get("csv_file"):
            try:
                cleaned["rows"], cleaned["warnings"] = read_values_csv(upload.read())
            except UnreadableFile as problem:
                self.add_error("csv_file", str(problem))
        return cleaned


class MayImportValues(PermissionCheckedMixin):
    """Importing adds and replaces values: it takes both permissions."""

    def dispatch(self, request, *args, **kwargs):
        if not (self.user_has_permission("add") and self.user_has_permission("change")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportValuesView(MayImportValues, WagtailAdminTemplateMixin, FormView):
    """Upload, check every row, then confirm: nothing is saved from a file with a bad row."""

    model = None
    index_url_name = None
    template_url_name = None
    form_class = ValuesUploadForm
    template_name = "outcomes_cms/admin/import_values.html"
    page_title = "Import from CSV"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        listing = {"url": reverse(self.index_url_name), "label": "Indicator values"}
        return [*self.breadcrumbs_items, listing, {"url": "", "label": self.page_title}]

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm()
        form = self.get_form()
        valid = form.is_valid()
        rows = form.cleaned_data["rows"] if valid else []
        warnings = form.cleaned_data["warnings"] if valid else []
        problems = [row for row in rows if row.problems]
        to_save = rows_to_save(rows) if rows and not problems else []
        context = self.get_context_data(
            form=form,
            rows=rows,
            warnings=warnings,
            problems=problems,
            to_save=len(to_save),
            signed_rows=signing.dumps(to_save, salt=IMPORT_SALT, compress=True) if to_save else "",
        )
        return self.render_to_response(context, status=400 if form.errors or problems else 200)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            index_url=reverse(self.index_url_name),
            template_url=reverse(self.template_url_name),
            **kwargs,
        )

    def confirm(self):
        try:
            rows = signing.loads(self.request.POST["rows"], salt=IMPORT_SALT, max_age=CHECK_LASTS)
        except (KeyError, signing.BadSignature):
            messages.error(
                self.request,
                "That check has run out (a check lasts a day) or could not be read, so nothing "
                "has been saved. Upload the file again.",
            )
            return redirect(self.request.path)
        try:
            # The values and their history entries are saved together, or not at all; one
            # import is one group in the history.
            with transaction.atomic(), LogContext(user=self.request.user):
                saved = save_rows(rows)
                for value, _new in saved["created"]:
                    log(value, "wagtail.create")
                for value, changes in saved["changed"]:
                    log(value, "wagtail.edit", data={"import": changes})
        except StaleImport as stale:
            messages.error(
                self.request, f"{stale} Nothing has been saved: upload the file again to check it."
            )
            return redirect(self.request.path)
        counts = {result: len(values) for result, values in saved.items()}
        messages.success(
            self.request,
            f"Imported {len(rows)} value{'s' if len(rows) != 1 else ''}: {counts['created']} new, "
            f"{counts['changed']} replaced, {counts['unchanged']} already as in the file.",
        )
        return redirect(self.index_url_name)


class ValuesTemplateView(MayImportValues, View):
    model = None

    def get(self, request):
        return csv_download("indicator-values-template.csv", template_rows())


class ImportButtonMixin:
    """The listing's "Import from CSV" button, for those who may import."""

    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add") and self.user_has_permission("change"):
            url = reverse(self.import_url_name)
            buttons.append(HeaderButton("Import from CSV", url=url, icon_name="upload"))
        return buttons
