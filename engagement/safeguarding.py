"""The safeguarding leads' queue: the only place a possibly disclosing comment is shown."""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from .audit import record
from .checking import checking_is_late
from .models import AuditEvent, SafeguardingCase
from .roles import SAFEGUARDING_LEAD


def is_safeguarding_lead(user) -> bool:
    """A member of the Safeguarding lead role, with its permission. Not every superuser: a
    possible disclosure is read by the leads alone, and an administrator who must read one
    is added to the role first (which the audit log records as a change to their account)."""
    return (
        user.is_active
        and user.groups.filter(name=SAFEGUARDING_LEAD).exists()
        and user.has_perm("engagement.review_safeguarding")
    )


def leads_only(view):
    @wraps(view)
    def only_for_leads(request, *args, **kwargs):
        if not is_safeguarding_lead(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return only_for_leads


class CaseForm(forms.ModelForm):
    class Meta:
        model = SafeguardingCase
        fields = ["status", "notes"]
        widgets = {"status": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 5})}
        labels = {"status": "What was done", "notes": "Notes (what you did, who you told)"}


@require_GET
@login_required
@leads_only
def queue(request):
    status = request.GET.get("status", SafeguardingCase.Status.NEW)
    cases = SafeguardingCase.objects.order_by("-created_at")
    if status in SafeguardingCase.Status.values:
        cases = cases.filter(status=status)
    return TemplateResponse(
        request,
        "engagement/safeguarding/queue.html",
        {
            "cases": cases,
            "status": status,
            "statuses": SafeguardingCase.Status.choices,
            "checking_is_late": checking_is_late(),
            "late_minutes": settings.SAFEGUARDING_CHECK_LATE_MINUTES,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@leads_only
def case_detail(request, pk: int):
    case = get_object_or_404(
        SafeguardingCase.objects.select_related(
            "voice__survey_answer__response__survey", "voice__contribution__session"
        ),
        pk=pk,
    )
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.updated_by = request.user
        case.save()
        record(
            AuditEvent.Kind.SAFEGUARDING,
            request.user,
            f"Marked case {case.pk}: {case.get_status_display()}",
            case,
        )
        messages.success(request, f"Saved: {case.get_status_display()}.")
        return redirect("safeguarding_queue")
    # Reading a possible disclosure is itself recorded, however the page comes to be shown
    # (a form sent back with a mistake shows the words again).
    record(AuditEvent.Kind.SAFEGUARDING, request.user, f"Opened case {case.pk}", case)
    return TemplateResponse(
        request,
        "engagement/safeguarding/case.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )
