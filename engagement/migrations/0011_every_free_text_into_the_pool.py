"""Data only (the schema changed in 0010, in its own transaction: PostgreSQL refuses to alter a
table in the transaction that inserted rows into it with foreign-key checks still pending).

- Every survey comment so far is a "Your voice" comment; each free-text answer so far joins the
  pool, unanalysed, so hidden until checked (the sweep and resume_interrupted_work queue it).
- Each safeguarding case takes the lead's own copy of its comment; cases so far were emailed.
- Ambassadors' words, kept raw in Wagtail's task comment and page history, move to the pool
  (linked to their check) and leave Wagtail's records.
"""

from datetime import timedelta

from django.db import migrations

PARENT_CARER_AMBASSADOR = "Parent carer ambassador"  # engagement.roles, as it is today
AMBASSADOR_CHECK_LOGGED = "you_said_we_did.ambassador_check"


def free_text_into_the_pool(apps, schema_editor):
    Voice = apps.get_model("engagement", "Voice")
    Answer = apps.get_model("surveys", "Answer")
    Voice.objects.filter(survey_answer__isnull=False).update(answer_part="comment")
    answers = Answer.objects.exclude(text="").select_related("response", "question")
    Voice.objects.bulk_create(
        [
            Voice(
                text=answer.text.strip(),
                channel="survey",
                audience="parent_carer"
                if answer.response.audience == "parent_carers"
                else "young_person",
                outcome_id=answer.question.outcome_id,
                survey_answer=answer,
                answer_part="answer",
                prompt=answer.question.statement[:300],
                said_at=answer.answered_at,
            )
            for answer in answers.iterator()
            if answer.text.strip()
        ],
        batch_size=500,
    )


def copy_the_cases(apps, schema_editor):
    Case = apps.get_model("engagement", "SafeguardingCase")
    for case in Case.objects.select_related("voice").filter(voice__isnull=False):
        voice = case.voice
        case.text, case.reasons = voice.text, voice.safeguarding_reasons
        case.channel, case.audience, case.said_at = voice.channel, voice.audience, voice.said_at
        case.notified_at = case.created_at
        case.save()


def ambassadors_words_into_the_pool(apps, schema_editor):
    Voice = apps.get_model("engagement", "Voice")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    checks = apps.get_model("you_said_we_did", "AmbassadorCheckTask").objects.all()
    states = TaskState.objects.filter(task__in=checks).select_related("finished_by", "revision")
    for state in states.exclude(comment=""):
        parents = state.finished_by_id and state.finished_by.groups.filter(
            name=PARENT_CARER_AMBASSADOR
        ).exists()
        Voice.objects.create(
            text=state.comment.strip(),
            channel="review",
            audience="parent_carer" if parents else "young_person",
            review=state,
            prompt=(state.revision.object_str if state.revision_id else "")[:300],
            said_at=state.finished_at or state.started_at,
        )
    ids = set(states.values_list("pk", flat=True))
    states.update(comment="")
    for entry in PageLogEntry.objects.filter(action__startswith="wagtail.workflow."):
        if (entry.data.get("workflow") or {}).get("task_state_id") in ids:
            entry.data.pop("comment", None)
            entry.save(update_fields=["data"])
    for entry in PageLogEntry.objects.filter(action=AMBASSADOR_CHECK_LOGGED):
        entry.data.pop("comment", None)
        state = states.filter(
            finished_by_id=entry.user_id,
            finished_at__range=(entry.timestamp - timedelta(minutes=1), entry.timestamp),
        ).first()
        if state is not None:
            entry.data["task_state"] = state.pk
        entry.save(update_fields=["data"])


def forward(apps, schema_editor):
    free_text_into_the_pool(apps, schema_editor)
    copy_the_cases(apps, schema_editor)
    ambassadors_words_into_the_pool(apps, schema_editor)


def backward(apps, schema_editor):
    """Free-text answers leave the pool (0010's one-to-one could not hold two per answer)."""
    apps.get_model("engagement", "Voice").objects.filter(answer_part="answer").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0010_pool_of_every_free_text"),
        ("surveys", "0005_answer_audience_and_quarter"),
        ("wagtailcore", "0098_apitoken"),
        ("you_said_we_did", "0002_coproduction_workflow"),
    ]

    operations = [migrations.RunPython(forward, backward)]
