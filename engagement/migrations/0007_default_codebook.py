"""Load the default codebook (engagement/analysis/data/codebook.json) into the Theme table, and
give the roles their new permissions. Themes officers already have are left as they are."""

import json
from pathlib import Path

from django.db import migrations

from engagement.roles import sync_roles

CODEBOOK = Path(__file__).resolve().parents[1] / "analysis" / "data" / "codebook.json"



def load_default_codebook(apps, schema_editor):
    Theme = apps.get_model("engagement", "Theme")
    for theme in json.loads(CODEBOOK.read_text(encoding="utf-8"))["themes"]:
        Theme.objects.get_or_create(
            key=theme["key"],
            defaults={
                "name": theme["name"],
                "description": theme["description"],
                "keywords": "\n".join(theme["keywords"]),
                "supporting": "\n".join(theme["supporting"]),
                "phrases": "\n".join(theme["phrases"]),
                "examples": "\n".join(theme["examples"]),
            },
        )


def grant(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0006_themes_safeguarding_imports")]

    operations = [
        migrations.RunPython(load_default_codebook, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
