"""The safeguarding leads' queue: the only place a possibly disclosing comment is shown."""

from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .audit import record
from .cases import as_record, decide, note_copy_made, reassign, take
from .checking import checking_is_late, leads
from .models import AuditEvent, CaseEvent, SafeguardingCase
from .roles import SAFEGUARDING_LEAD

QUEUE_PAGE_SIZE = 50  # a page a lead can scan; the most urgent are always on the first


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


STATUS_LABELS: dict[str, str] = {
    SafeguardingCase.Status.NEW: "Still open (a note on what you have done so far)"
}


class DecisionForm(forms.Form):
    """Every decision has its note; "no concern" is confirmed in a second step (its words then
    join reports, redacted), which works without JavaScript: the note comes back hidden."""

    status = forms.ChoiceField(
        label="What was done",
        choices=[(v, STATUS_LABELS.get(v, label)) for v, label in SafeguardingCase.Status.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what was done"},
    )
    notes = forms.CharField(
        label="Notes (what you did, who you told)",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Write a note saying what you did or decided, and why"},
    )

    def needs_confirming(self, data) -> bool:
        return (
            self.cleaned_data["status"] == SafeguardingCase.Status.NO_CONCERN
            and data.get("confirm") != "yes"
        )


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(
        label="Reassign to",
        queryset=leads().order_by("email"),
        empty_label=None,
        error_messages={"invalid_choice": "Choose a safeguarding lead from the list"},
    )


def _case_or_404(pk: int) -> SafeguardingCase:
    return get_object_or_404(
        SafeguardingCase.objects.select_related(
            "owner", "voice__survey_answer__response__survey", "voice__contribution__session"
        ),
        pk=pk,
    )


def _case_page(request, case, status=200, printing=False, **forms_):
    context = {
        "case": case,
        "form": DecisionForm(),
        "confirming": False,
        "owner_form": OwnerForm(initial={"owner": case.owner_id or request.user.pk}),
        "events": case.events.all(),
        "printing": printing,
        **forms_,
    }
    return TemplateResponse(request, "engagement/safeguarding/case.html", context, status=status)


@require_GET
@login_required
@leads_only
def queue(request):
    status = request.GET.get("status", SafeguardingCase.Status.NEW)
    cases = SafeguardingCase.objects.select_related("owner").in_queue_order()
    if status in SafeguardingCase.Status.values:
        cases = cases.filter(status=status)
    # In queue order, so the first page always holds what is most urgent.
    listing = Paginator(cases, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "engagement/safeguarding/queue.html",
        {
            "cases": listing,
            "query": urlencode({"status": status}),
            "status": status,
            "status_label": dict(SafeguardingCase.Status.choices).get(status, "All"),
            "statuses": SafeguardingCase.Status.choices,
            "now": timezone.now(),
            "checking_is_late": checking_is_late(),
            "late_minutes": settings.SAFEGUARDING_CHECK_LATE_MINUTES,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@leads_only
def case_detail(request, pk: int):
    case = _case_or_404(pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    confirming = False
    # "confirm=no" is "No, go back" from the "no concern" warning: the form again, as typed.
    if form.is_bound and form.is_valid() and request.POST.get("confirm") != "no":
        confirming = form.needs_confirming(request.POST)
        if not confirming:
            decide(case, request.user, form.cleaned_data["status"], form.cleaned_data["notes"])
            action = f"Marked case {case.pk}: {case.get_status_display()}"
            record(AuditEvent.Kind.SAFEGUARDING, request.user, action, case)
            messages.success(request, f"Case {case.pk} saved: {case.get_status_display()}.")
            return redirect("safeguarding_queue")
    # Reading a possible disclosure is itself recorded, however the page comes to be shown
    # (a form sent back with a mistake, or the "no concern" warning, shows the words again).
    record(AuditEvent.Kind.SAFEGUARDING, request.user, f"Opened case {case.pk}", case)
    status = 400 if form.errors else 200
    return _case_page(request, case, status=status, form=form, confirming=confirming)


@require_POST
@login_required
@leads_only
def case_owner(request, pk: int):
    """ "Take this case" (no owner chosen: the lead themselves) or reassign to another lead."""
    case = _case_or_404(pk)
    if "take" in request.POST:
        take(case, request.user)
        action = f"Took case {case.pk}"
    else:
        form = OwnerForm(request.POST)
        if not form.is_valid():
            record(AuditEvent.Kind.SAFEGUARDING, request.user, f"Opened case {case.pk}", case)
            return _case_page(request, case, status=400, owner_form=form)
        reassign(case, request.user, form.cleaned_data["owner"])
        action = f"Reassigned case {case.pk}"
    record(AuditEvent.Kind.SAFEGUARDING, request.user, action, case)
    messages.success(request, f"Case {case.pk} is now with {case.owner}.")
    return redirect("safeguarding_case", pk=case.pk)


@require_GET
@login_required
@leads_only
def case_print(request, pk: int):
    """The case on one printable page (site.css, "@media print"): words, facts, history."""
    case = _case_or_404(pk)
    note_copy_made(case, request.user, CaseEvent.Kind.PRINTED)
    record(AuditEvent.Kind.SAFEGUARDING, request.user, f"Opened case {case.pk} to print", case)
    return _case_page(request, case, printing=True)


@require_GET
@login_required
@leads_only
def case_export(request, pk: int):
    """One case as JSON for the council's case system; the download is audited (the
    downloads middleware) and written in the case's history."""
    case = _case_or_404(pk)
    note_copy_made(case, request.user, CaseEvent.Kind.EXPORTED)
    response = JsonResponse(as_record(case), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="safeguarding-case-{case.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
