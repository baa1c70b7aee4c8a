"""Cases opened before tiers were all emailed at once: they are urgent, due by the urgent rule
from when they were flagged, with their question copied and their history begun."""

from django.db import migrations


def backfill(apps, schema_editor):
    from engagement.working_days import urgent_due

    Case = apps.get_model("engagement", "SafeguardingCase")
    CaseEvent = apps.get_model("engagement", "CaseEvent")
    Voice = apps.get_model("engagement", "Voice")
    Voice.objects.filter(safeguarding_flag=True, safeguarding_tier="").update(
        safeguarding_tier="urgent"
    )
    for case in Case.objects.select_related("voice").iterator():
        case.tier = "urgent"
        case.due_at = case.due_at or urgent_due(case.created_at)
        case.prompt = case.prompt or (case.voice.prompt if case.voice_id else "")
        case.save(update_fields=["tier", "due_at", "prompt"])
        if not CaseEvent.objects.filter(case=case).exists():
            CaseEvent.objects.create(
                case=case, at=case.created_at, kind="opened", by_name="The safeguarding check",
                detail="Urgent: " + "; ".join(case.reasons),
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("engagement", "0013_safeguarding_tiers_owner_due_history")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
