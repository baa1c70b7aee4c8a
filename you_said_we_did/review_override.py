"""An officer publishes a page without the ambassadors' check, saying why.

The reason is written on the page's history (a log entry tied to the revision published), and
that entry is what lets `review_gate.may_publish` pass for that revision: there is no other way
round the check.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Page

from .models import YouSaidWeDidPage
from .review_gate import (
    OVERRIDE_LOGGED,
    ReviewedBeforePublishing,
    ambassador_tasks,
    ambassadors_approved,
)


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label="Why publish it without the ambassadors' check?",
        help_text="Everyone who reads the page's history will see this. For example: "
        "'Fixes a wrong phone number; the ambassadors checked the wording on 3 March'.",
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10,
        max_length=1000,
        error_messages={
            "required": "Say why it cannot wait for the ambassadors",
            "min_length": "Say a little more about why it cannot wait (10 characters or more)",
        },
    )


def publish_without_check(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ReviewedBeforePublishing):  # the root, a home page: no review
        raise Http404("Only a page the ambassadors review can be published without them.")
    if not page.permissions_for_user(request.user).may_publish_ignoring_review():
        raise PermissionDenied
    revision = page.get_latest_revision()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if revision is None or not ambassador_tasks(page) or ambassadors_approved(page, revision):
        messages.info(request, "This page does not need an override: publish it as usual.")
        return redirect(edit_url)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            log(
                instance=page,
                action=OVERRIDE_LOGGED,
                user=request.user,
                revision=revision,
                data={"reason": form.cleaned_data["reason"].strip()},
            )
            revision.publish(user=request.user)
        published = revision.as_object().title
        messages.success(request, f"“{published}” is published. The history says why.")
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "you_said_we_did/admin/publish_without_check.html",
        {
            "page": page,
            "draft": revision.as_object(),
            "form": form,
            "edit_url": edit_url,
            # Publishing a "You said, we did" page emails the people who asked to hear back.
            "tells_people": isinstance(page, YouSaidWeDidPage),
        },
        status=400 if form.errors else 200,
    )
