"""The facilitator's screens: sessions, live capture of what was said, and bulk entry afterwards.

Facilitators see and edit their own sessions; officers (surveys.view_focusgroupsession) see all.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engagement.models import Voice
from engagement.voices import sync_voice
from surveys.models import Contribution, FocusGroupSession, HearBackRequest, SpeakerType

from .bulk import UnreadableFile, parse_csv, parse_notes
from .forms import BulkForm, ContributionForm, HearBackForm, PromptForm, SessionForm

facilitators_only = permission_required("engagement.run_focus_groups", raise_exception=True)
BULK_SALT = "focus-group-bulk-import"


NOT_SHOWN = (
    "These words are not shown: they are being checked, or only the safeguarding lead can "
    "read them. Nothing is lost."
)


def visible_sessions(user):
    sessions = FocusGroupSession.objects.all()
    if user.has_perm("surveys.view_focusgroupsession"):
        return sessions
    return sessions.filter(facilitators=user)


def _session_for(request, pk: int) -> FocusGroupSession:
    return get_object_or_404(visible_sessions(request.user), pk=pk)


def sync_contribution_voice(contribution: Contribution) -> None:
    """Every contribution's words join the pool of comments (a tally's too: "7 of 9 said ..."
    is still someone's words), to be checked and redacted before anyone else reads them."""
    sync_voice(
        {"contribution": contribution},
        contribution.text,
        channel=Voice.Channel.FOCUS_GROUP,
        audience=contribution.speaker_type,
        outcome_id=contribution.effective_outcome_id,
        prompt=contribution.prompt.text if contribution.prompt_id else "",
        consent_to_quote=contribution.may_publish,
        said_at=timezone.make_aware(
            timezone.datetime.combine(contribution.session.held_on, timezone.datetime.min.time())
        ),
    )


@login_required
@facilitators_only
def session_list(request):
    sessions = visible_sessions(request.user).annotate(contribution_count=Count("contributions"))
    return TemplateResponse(
        request, "surveys/focus_groups/session_list.html", {"sessions": sessions}
    )


@login_required
@facilitators_only
def session_form(request, pk: int | None = None):
    session = _session_for(request, pk) if pk else None
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        session = form.save()
        session.facilitators.add(request.user)
        messages.success(request, "Session saved.")
        return redirect("focus_group_session", pk=session.pk)
    return TemplateResponse(
        request,
        "surveys/focus_groups/session_form.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )


@login_required
@facilitators_only
def session_detail(request, pk: int):
    return _session_page(request, _session_for(request, pk))


def _session_page(request, session, form=None, hear_back_form=None) -> TemplateResponse:
    """The session's capture page; with a bound form that failed, its errors and what was
    typed, with a 400."""
    new_contribution = form or ContributionForm(
        session=session,
        initial={
            "client_key": uuid.uuid4(),
            "kind": Contribution.Kind.QUOTE,
            # Most groups are all young people or all parent carers.
            "speaker_type": SpeakerType.YOUNG_PERSON
            if session.young_people_count or not session.parent_carer_count
            else SpeakerType.PARENT_CARER,
        },
    )
    return TemplateResponse(
        request,
        "surveys/focus_groups/session_detail.html",
        {
            "session": session,
            "form": new_contribution,
            "prompt_form": PromptForm(),
            "hear_back_form": hear_back_form or HearBackForm(),
            "hear_back_count": session.hear_back.count(),
            "contributions": listed_for(request.user, session),
        },
        status=400 if form or hear_back_form else 200,
    )


@never_cache
@login_required
@facilitators_only
@require_POST
def hear_back_add(request, pk: int):
    """Someone at the session wants to hear what happens: their email, kept apart."""
    session = _session_for(request, pk)
    form = HearBackForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, hear_back_form=form)
    HearBackRequest.objects.get_or_create(session=session, email=form.cleaned_data["email"])
    messages.success(request, "Saved. They will hear what happens.")
    return redirect("focus_group_session", pk=session.pk)


def listed_for(user, session) -> list[Contribution]:
    """The session's contributions for this person. One whose words are withheld is listed
    ("Not shown") only to whoever wrote it down, who heard it said: anyone else reading the
    session (another facilitator, an officer) would learn, once checking is done, which
    contribution went to the safeguarding lead."""
    return [
        contribution
        for contribution in with_checked_words(session.contributions.select_related("prompt"))
        if contribution.shown_text is not None or contribution.created_by_id == user.pk
    ]


def with_checked_words(contributions) -> list[Contribution]:
    """The contributions, each with `shown_text`: its words as the pool shows them (checked,
    names and numbers redacted), or None while they are being checked or are with the
    safeguarding lead. Facilitators and officers read nothing else, not even here."""
    contributions = list(contributions)
    redacted = dict(
        Voice.objects.filter(contribution__in=contributions).values_list(
            "contribution_id", "redacted_text"
        )
    )
    for contribution in contributions:
        nothing_to_check = "" if not contribution.text.strip() else None  # a bare tally
        contribution.shown_text = redacted.get(contribution.pk, nothing_to_check)
    return contributions


@login_required
@facilitators_only
@require_POST
def contribution_add(request, pk: int):
    """Save one contribution. A retried save (same client key) returns the first one: no double."""
    session = _session_for(request, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = ContributionForm(request.POST, session=session)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
        return _session_page(request, session, form=form)
    client_key = form.cleaned_data.get("client_key") or uuid.uuid4()
    contribution = session.contributions.filter(client_key=client_key).first()
    if contribution is None:
        contribution = form.save(commit=False)
        contribution.session = session
        contribution.client_key = client_key
        contribution.created_by = request.user
        try:
            with transaction.atomic():
                contribution.save()
                sync_contribution_voice(contribution)
        except IntegrityError:  # the same save raced in twice
            contribution = session.contributions.get(client_key=client_key)
    if wants_json:
        item = render_to_string(
            "surveys/focus_groups/includes/contribution_item.html",
            {"contribution": with_checked_words([contribution])[0], "session": session},
            request=request,
        )
        return JsonResponse({"ok": True, "id": contribution.pk, "html": item})
    messages.success(request, "Saved. Add the next one.")
    return redirect("focus_group_session", pk=session.pk)


@login_required
@facilitators_only
def contribution_edit(request, pk: int, contribution_id: int):
    session = _session_for(request, pk)
    contribution = with_checked_words(
        [get_object_or_404(session.contributions, pk=contribution_id)]
    )[0]
    if contribution.shown_text is None:
        if contribution.created_by_id != request.user.pk:
            raise Http404  # as on the session page (listed_for): not even that it exists
        messages.info(request, NOT_SHOWN)
        return redirect("focus_group_session", pk=session.pk)
    # The box holds the redacted words: saving them keeps no more than anyone may read.
    form = ContributionForm(
        request.POST or None,
        instance=contribution,
        session=session,
        initial={"text": contribution.shown_text},
    )
    if request.method == "POST":
        if "delete" in request.POST:
            contribution.delete()  # its Voice goes with it (cascade)
            messages.success(request, "Contribution deleted.")
            return redirect("focus_group_session", pk=session.pk)
        if form.is_valid():
            sync_contribution_voice(form.save())
            messages.success(request, "Contribution updated.")
            return redirect("focus_group_session", pk=session.pk)
    return TemplateResponse(
        request,
        "surveys/focus_groups/contribution_form.html",
        {"form": form, "session": session, "contribution": contribution},
        status=400 if form.errors else 200,
    )


@login_required
@facilitators_only
@require_POST
def prompt_add(request, pk: int):
    session = _session_for(request, pk)
    form = PromptForm(request.POST)
    if form.is_valid():
        prompt = form.save(commit=False)
        prompt.session = session
        if prompt.survey_question and not prompt.outcome:
            prompt.outcome = prompt.survey_question.outcome
        prompt.save()
        messages.success(request, "Prompt added.")
    else:
        messages.error(request, " ".join(form.errors.get("text", ["Check the prompt."])))
    return redirect("focus_group_session", pk=session.pk)


@login_required
@facilitators_only
@require_POST
def session_finish(request, pk: int):
    session = _session_for(request, pk)
    FocusGroupSession.objects.filter(pk=session.pk, finished_at__isnull=True).update(
        finished_at=timezone.now()
    )
    messages.success(request, f"'{session.title}' is finished. Everything is saved.")
    return redirect("focus_group_sessions")


@login_required
@facilitators_only
def bulk_import(request, pk: int):
    """Paste or upload; preview every row with its problems; import only once confirmed."""
    session = _session_for(request, pk)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm_import(request, session)
    form = BulkForm(request.POST or None, request.FILES or None)
    rows, warnings, file_error = [], [], ""
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["csv_file"]:
                rows, warnings = parse_csv(form.cleaned_data["csv_file"].read())
            else:
                rows = parse_notes(
                    form.cleaned_data["notes"],
                    form.cleaned_data["speaker_type"],
                    form.cleaned_data["may_publish"],
                )
        except UnreadableFile as error:
            file_error = str(error)
    problems = [row for row in rows if row.problems]
    return TemplateResponse(
        request,
        "surveys/focus_groups/bulk_import.html",
        {
            "session": session,
            "form": form,
            "rows": rows,
            "warnings": warnings,
            "problems": problems,
            "file_error": file_error,
            "signed_rows": (
                signing.dumps([row.as_dict() for row in rows], salt=BULK_SALT, compress=True)
                if rows and not problems
                else ""
            ),
        },
        status=400 if (form.errors or problems or file_error) else 200,
    )


def _confirm_import(request, session: FocusGroupSession):
    try:
        payload = request.POST["rows"]
        rows = signing.loads(payload, salt=BULK_SALT, max_age=60 * 60 * 24)
    except (KeyError, signing.BadSignature) as error:
        raise Http404("That import has expired. Paste or upload the notes again.") from error
    prompts = {prompt.text.casefold(): prompt for prompt in session.prompts.all()}
    # The same confirmed batch always gets the same keys, so a second confirm stores nothing.
    batch = uuid.uuid5(uuid.NAMESPACE_URL, payload)
    created = 0
    with transaction.atomic():
        for index, row in enumerate(rows):
            key = uuid.uuid5(batch, str(index))
            if session.contributions.filter(client_key=key).exists():
                continue
            prompt = prompts.get(row["prompt"].casefold()) if row["prompt"] else None
            if row["prompt"] and prompt is None:
                prompt = session.prompts.create(text=row["prompt"][:300])
                prompts[prompt.text.casefold()] = prompt
            contribution = session.contributions.create(
                kind=Contribution.Kind.QUOTE,
                text=row["text"],
                speaker_type=row["speaker_type"],
                prompt=prompt,
                may_publish=row["may_publish"],
                client_key=key,
                created_by=request.user,
            )
            sync_contribution_voice(contribution)
            created += 1
    messages.success(request, f"Imported {created} contribution{'s' if created != 1 else ''}.")
    return redirect("focus_group_session", pk=session.pk)
