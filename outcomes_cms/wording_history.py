"""An outcome's earlier wordings are kept without an extra step.

When a revision whose statement (the page title) differs from the one live before it is
published, that earlier wording and today's date are added to the outcome's earlier wordings.
It listens to Wagtail's `page_published` signal rather than overriding `Page.publish`, because
the editor's Publish button and the admin API call Wagtail's publish action directly. The
wording is added to the live page and to the revision just published, so the next draft (made
from the latest revision) still has it; officers can edit it afterwards (who took part, why).
"""

from django.db.models import F, Max
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from .models import OutcomeEarlierWording, OutcomePage


def wording_before(page, revision) -> str | None:
    """The statement live before this revision: the title of the revision published last
    before it (Wagtail logs every publish with its revision)."""
    previous = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .order_by("-timestamp", "-pk")
        .select_related("revision")
        .first()
    )
    return previous.revision.content.get("title") if previous else None


@receiver(page_published, sender=OutcomePage)
def keep_earlier_wording(sender, instance, revision, **kwargs) -> None:
    earlier = wording_before(instance, revision)
    if not earlier or earlier.strip() == instance.title.strip():
        return
    kept = OutcomeEarlierWording.objects.filter(page=instance)
    if kept.filter(wording=earlier).exists():
        return  # the officer already typed it in
    # Number the kept wordings first: some were saved with no order (NULL sorts first in
    # SQLite, last in PostgreSQL), and the new one goes after them all on every database.
    if kept.filter(sort_order__isnull=True).exists():
        in_order = list(kept.order_by(F("sort_order").asc(nulls_first=True), "pk"))
        for number, kept_wording in enumerate(in_order):
            kept_wording.sort_order = number
        OutcomeEarlierWording.objects.bulk_update(in_order, ["sort_order"])
    last = kept.aggregate(last=Max("sort_order"))["last"]
    wording = {
        "wording": earlier,
        "changed_on": timezone.localdate(),
        "sort_order": 0 if last is None else last + 1,  # after them all
    }
    OutcomeEarlierWording.objects.create(page=instance, **wording)
    draft = revision.as_object()
    draft.earlier_wordings.add(OutcomeEarlierWording(**wording))
    revision.content = draft.serializable_data()
    revision.save(update_fields=["content"])
