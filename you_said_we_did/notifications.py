"""Telling people what changed: everyone who left an email to hear back, and whose comments or
survey answers are about what a "You said, we did" page answers, is emailed when the page is
published and when its status changes. Once per person per update; never someone whose
comment is with the safeguarding lead; never after they unsubscribe; never past retention.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_tasks import task

from engagement.disclosure import Records
from engagement.models import Voice
from engagement.themes import carrying
from engagement.voices import withheld_ids
from surveys.models import Answer, HearBackRequest

from .models import Notification, YouSaidWeDidPage

UNSUBSCRIBE_SALT = "you_said_we_did.unsubscribe"


def recipient_key(email: str) -> str:
    """A keyed hash of the address: counts people told without keeping who they were."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def current_contacts():
    """Hear-back requests that may still be used: not unsubscribed, not past retention."""
    keep_from = timezone.now() - timedelta(days=settings.HEAR_BACK_RETENTION_DAYS)
    return HearBackRequest.objects.filter(unsubscribed_at__isnull=True, created_at__gte=keep_from)


def contacts_for(page: YouSaidWeDidPage):
    """Who should hear about this page: their comments carry its themes or are about its
    outcomes, or they answered questions measuring its outcomes. Nobody with a comment that is
    with the safeguarding lead, or not yet checked."""
    themes, outcomes = list(page.themes.all()), list(page.outcomes.all())
    about = Voice.objects.filter(Q(outcome__in=outcomes) | Q(pk__in=carrying(themes).values("pk")))
    from_response = about.filter(survey_answer__response=OuterRef("response"))
    from_session = about.filter(contribution__session=OuterRef("session"))
    answered = Answer.objects.filter(response=OuterRef("response"), question__outcome__in=outcomes)
    return (
        current_contacts()
        .filter(Exists(from_response) | Exists(from_session) | Exists(answered))
        .exclude(response__in=withheld_ids("survey_answer__response"))
        .exclude(session__in=withheld_ids("contribution__session"))
    )


def update_for(page: YouSaidWeDidPage) -> str:
    """What an update is, for telling each person once: the status the page has now. The first
    publish and every later change of status are updates; publishing again is not."""
    return f"status:{page.status}"


@task()
def tell_people(page_id: int, update: str) -> int:
    """Email everyone who should hear about this update and has not; return how many were
    emailed now. Running it again sends nothing new."""
    page = YouSaidWeDidPage.objects.live().filter(pk=page_id).first()
    if page is None:
        return 0
    told = 0
    for contact in contacts_for(page).iterator():
        recipient = recipient_key(contact.email)
        first = not Notification.objects.filter(page=page, recipient=recipient).exists()
        try:
            with transaction.atomic():
                Notification.objects.create(page=page, recipient=recipient, update=update)
                _send(page, contact, first)
        except IntegrityError:
            continue  # told about this update already (or the same email twice)
        told += 1
    return told


def _send(page: YouSaidWeDidPage, contact: HearBackRequest, first: bool) -> None:
    status = page.get_status_display().lower()
    opening = (
        "You asked to hear what happened after you told us what you think."
        if first
        else f"There is news about something you told us: it is now {status}."
    )
    stop = settings.WAGTAILADMIN_BASE_URL + reverse(
        "hear_back_unsubscribe", args=[signing.dumps(contact.pk, salt=UNSUBSCRIBE_SALT)]
    )
    send_mail(
        subject=f"You said, we did: {page.title}",
        message=(
            f"{opening}\n\nYou said: {page.you_said}\n\nWe did: {page.we_did}\n\n"
            f"Read more: {settings.WAGTAILADMIN_BASE_URL}{page.url}\n\n"
            f"To stop these emails, open this link: {stop}\n"
        ),
        from_email=None,
        recipient_list=[contact.email],
    )


def queue_telling(page: YouSaidWeDidPage) -> str:
    """After a publish: tell people about its status, unless they were told it already."""
    update = update_for(page)
    transaction.on_commit(lambda: tell_people.enqueue(page.pk, update))
    return update


def told(notifications) -> Records:
    """The people these notifications reached, once each. Each person's record id is made from
    their keyed hash, so the same people make the same cell key on every page."""
    recipients = notifications.values_list("recipient", flat=True).distinct().order_by()
    return Records.of(int(recipient[:15], 16) for recipient in recipients)


def people_told_in_total() -> Records:
    return told(Notification.objects.all())


@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The link in every email. Opening it asks; pressing the button stops the emails (so a
    mail scanner following links does not unsubscribe anyone)."""
    try:
        contact_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return render(request, "you_said_we_did/unsubscribe.html", {"invalid": True}, status=404)
    contact = HearBackRequest.objects.filter(pk=contact_id).first()
    done = contact is None or contact.unsubscribed_at is not None
    if request.method == "POST" and not done:
        # Every request from the same address: one person, one "stop".
        HearBackRequest.objects.filter(email__iexact=contact.email).update(
            unsubscribed_at=timezone.now()
        )
        done = True
    return render(request, "you_said_we_did/unsubscribe.html", {"done": done})
