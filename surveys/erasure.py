"""Erasing one respondent's data on request: by the respondent (who holds the resume link) or by
an officer (who is given the link, its token or the response number from the answers CSV).

Deleting the Response takes everything that came from it: its answers, their free text and
"Your voice" comments in the pool (with their themes, decisions, any quote on a "You said, we
did" page) and the email left to hear back. The one thing kept is a safeguarding case: the
lead's own record keeps the words and the address to reach them (engagement/cases.py), as the
law requires of safeguarding records, and both erasure pages say so.
"""

import re

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from engagement.audit import record
from engagement.models import AuditEvent

from .models import Response


def erase(response: Response, user=None) -> None:
    """Delete it all, and log the response's number (never its content) in the audit log, so
    that after restoring a backup the erasures made since can be made again."""
    who = "an officer" if user is not None and user.is_authenticated else "the respondent"
    with transaction.atomic():
        record(AuditEvent.Kind.ERASURE, user, f"Erased response {response.pk} ({who})", response)
        response.delete()


# A resume link ends in /resume/<token>/; a token is URL-safe base64; a number is a response id.
RESUME_TOKEN = re.compile(r"/resume/([A-Za-z0-9_-]+)/?$")


class FindResponseForm(forms.Form):
    reference = forms.CharField(
        label="Resume link, its code, or the response number",
        help_text="The link the person saved (…/resume/…/), or the 'Response' number in the "
        "answers CSV.",
        max_length=500,
        error_messages={"required": "Enter the resume link or the response number"},
    )

    def clean_reference(self) -> Response:
        given = self.cleaned_data["reference"].strip()
        match = RESUME_TOKEN.search(given)
        token = match.group(1) if match else given
        found = (
            Response.objects.filter(pk=int(given)).first()
            if given.isdigit() and len(given) < 19  # a bigint, not a token
            else Response.objects.filter(token=token).first()
        )
        if found is None:
            raise forms.ValidationError(
                "No answers match that. Check the link or number and try again: they may "
                "already have been deleted."
            )
        return found


def erase_for_officer(request):
    """Admin > Survey results > Erase a respondent's answers: find, confirm, erase."""
    form = FindResponseForm(request.POST or None)
    response = form.cleaned_data["reference"] if form.is_valid() else None
    if response is not None and request.POST.get("confirm") == "yes":
        number, survey = response.pk, response.survey.title
        erase(response, request.user)
        messages.success(request, f"Response {number} to '{survey}' and everything from it "
                         "are deleted.")  # fmt: skip
        return redirect("survey_erase_response")
    return TemplateResponse(
        request,
        "surveys/admin/erase.html",
        {
            "form": form,
            "response": response,
            "answer_count": response.answers.count() if response else 0,
        },
        status=400 if form.errors else 200,
    )
