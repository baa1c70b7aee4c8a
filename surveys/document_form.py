"""Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) with each kind's own checks.

Wagtail allows one size for every document; a BSL video needs more room than a PDF, so Wagtail's
limit is the larger one and surveys/videos.py holds each kind to its own, with a plain message.
"""

from wagtail.documents.forms import BaseDocumentForm

from surveys import videos


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            videos.check_upload(uploaded)
        return uploaded
