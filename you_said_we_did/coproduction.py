"""SEND ambassadors check drafts in plain view, outside the Wagtail admin.

A draft "You said, we did" page or a reworded outcome statement that an officer submits to the
"Co-production review" workflow waits at an ambassadors' check. Ambassadors in that group read
the draft here, as it will look, and say "yes, that's right" or "it needs changing" in their own
words. Their answer goes through Wagtail's workflow (so the next step, an officer publishing,
follows) and is written on the page's history: "Checked by the young ambassadors on ...".
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, TaskState

from engagement.models import Voice
from engagement.roles import PARENT_CARER_AMBASSADOR
from engagement.voices import sync_voice

from .models import AmbassadorCheckTask

ambassadors_only = permission_required("engagement.review_as_ambassador", raise_exception=True)
CHECK_LOGGED = "you_said_we_did.ambassador_check"


def drafts_to_check(user):
    """The task states waiting for this ambassador's group, oldest first."""
    states = TaskState.objects.none()
    for task in AmbassadorCheckTask.objects.filter(active=True):
        states |= task.get_task_states_user_can_moderate(user)
    return states.select_related("revision", "workflow_state").order_by("started_at")


class CheckForm(forms.Form):
    decision = forms.ChoiceField(
        label="Does this say what you meant?",
        choices=[("approve", "Yes, it is right"), ("reject", "No, it needs changing")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )
    comment = forms.CharField(
        label="Say it in your own words",
        help_text="If it needs changing, tell us what. If it is right, you can still say why.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("comment", "").strip():
            self.add_error("comment", "Tell us what needs changing")
        return data


def ambassador_audience(group) -> str:
    """Parent carer ambassadors speak as parent carers; every other ambassador as a young person."""
    if group is not None and group.name == PARENT_CARER_AMBASSADOR:
        return Voice.Audience.PARENT_CARER
    return Voice.Audience.YOUNG_PERSON


def words_said(task_state_id) -> str:
    """An ambassador's words on a check as an officer may read them: redacted, and only once
    checked (words being checked or with the safeguarding lead read as none)."""
    voice = Voice.objects.filter(review_id=task_state_id).first()
    return voice.redacted_text if voice else ""


def live_version(draft):
    """The page as the public sees it now (None if never published), to compare with."""
    return Page.objects.filter(pk=draft.pk, live=True).specific().first()


@login_required
@ambassadors_only
def check_list(request):
    states = list(drafts_to_check(request.user))
    drafts = [(state, state.revision.as_object()) for state in states]
    return TemplateResponse(request, "you_said_we_did/check_list.html", {"drafts": drafts})


@login_required
@ambassadors_only
def check_draft(request, task_state_id: int):
    state = drafts_to_check(request.user).filter(pk=task_state_id).first()
    if state is None:
        raise Http404("This draft is not waiting for your check.")
    draft = state.revision.as_object()
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"].strip()
        task = state.task.specific
        group = task.groups.filter(pk__in=request.user.groups.all()).first()
        with transaction.atomic():
            # The words go to the pool, where they are checked and redacted before an officer
            # reads them; Wagtail's own records (the task's comment, the history) keep none.
            task.on_action(state, request.user, decision, comment="")
            sync_voice(
                {"review": state},
                comment,
                channel=Voice.Channel.REVIEW,
                audience=ambassador_audience(group),
                prompt=draft.title[:300],
                said_at=timezone.now(),
            )
            log(
                instance=state.workflow_state.content_object,
                action=CHECK_LOGGED,
                user=request.user,
                data={"group": group.name if group else "", "decision": decision,
                      "task_state": state.pk},
            )  # fmt: skip
        messages.success(request, "Thank you. Your check has been sent to the council.")
        return redirect("ambassador_checks")
    return TemplateResponse(
        request,
        "you_said_we_did/check_draft.html",
        {"state": state, "draft": draft, "live": live_version(draft), "form": form},
        status=400 if form.errors else 200,
    )
