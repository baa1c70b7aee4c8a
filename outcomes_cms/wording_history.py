"""An outcome's earlier wordings are kept without an extra step.

When a revision whose statement (the page title) differs from the live one is published, the
live wording and today's date are added to the revision's earlier wordings before it goes
live. They go into the revision itself, not only the live row, so the next draft (made from
the latest revision) still has them; officers can edit them afterwards (who took part, why).
"""

from django.utils import timezone


def keep_earlier_wording(page, revision) -> None:
    live_wording = type(page).objects.filter(pk=page.pk, live=True).values_list("title", flat=True)
    live_wording = live_wording.first()
    draft = revision.as_object()
    if not live_wording or draft.title.strip() == live_wording.strip():
        return
    earlier = list(draft.earlier_wordings.all())
    if any(wording.wording == live_wording for wording in earlier):
        return  # the officer already typed it in
    draft.earlier_wordings.add(
        draft.earlier_wordings.model(
            wording=live_wording, changed_on=timezone.localdate(), sort_order=len(earlier)
        )
    )
    revision.content = draft.serializable_data()
    revision.save(update_fields=["content"])
