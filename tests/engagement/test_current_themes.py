"""Which themes a comment carries is stored once (CommentTheme) and written by one service
(engagement.themes): the admin, the dashboard, its exports, the quote chooser and the training
data all agree, for every comment, after the machine and people have had their say."""

import ast
import csv
import io
import re
from pathlib import Path

import pytest

from engagement.dashboard.filters import Filters
from engagement.dashboard.themes import theme_counts
from engagement.models import CommentTheme, Theme, ThemeAssignment, ThemeDecision, Voice
from engagement.review_filters import CommentFilterSet
from engagement.tasks import training_data
from engagement.themes import themes_of
from engagement.wagtail_hooks import ThemesColumn

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LIST = "/admin/comments/"

COMMENTS = [
    "The taxi to school is late every single day",
    "The bus driver shouts at me and the staff do nothing",
    "My carer is kind and helps me get ready",
    "Waiting two years for an EHCP assessment",
    "The school nurse never listens to my mum",
    "Short breaks for carers stopped in summer",
    "its ok i guess",
    "Nobody told us about the local offer",
    "The transport team lost my form",
    "Teachers dont understand autism",
    "We waited months for speech therapy",
    "Clubs at weekends are too far away",
]


def bulk(client, action: str, voices, **data):
    ids = "&".join(f"id={voice.pk}" for voice in voices)
    url = f"/admin/bulk/engagement/voice/{action}/?{ids}&next={LIST}"
    assert client.post(url, data).status_code == 302


def the_rule() -> dict[int, set[int]]:
    """The rule, written out once here as the specification: a person's decision wins; where
    no person decided, the machine's theme is carried. For every comment anyone may read."""
    decided = {
        (voice, theme): decision
        for voice, theme, decision in ThemeDecision.objects.values_list(
            "voice_id", "theme_id", "decision"
        )
    }
    carried: dict[int, set[int]] = {pk: set() for pk in Voice.objects.values_list("pk", flat=True)}
    for voice, theme in ThemeAssignment.objects.values_list("voice_id", "theme_id"):
        if (voice, theme) not in decided and voice in carried:
            carried[voice].add(theme)
    for (voice, theme), decision in decided.items():
        if decision == "accepted" and voice in carried:
            carried[voice].add(theme)
    return carried


@pytest.fixture
def reviewed_pool(client, officer, make_voice):
    """A dozen comments themed by the machine, then reviewed through the admin as an officer
    does: accepted, removed, added, moved, "no theme applies" and a merge. (The demo's own
    comments are in the pool too.)"""
    voices = [make_voice(text) for text in COMMENTS]
    key = {theme.key: theme for theme in Theme.objects.all()}
    bulk(client, "accept_themes", voices[:3])
    bulk(client, "remove_theme", [voices[0], voices[3]], theme=key["transport"].pk)
    bulk(client, "add_theme", [voices[4], voices[6]], theme=key["carers"].pk)
    bulk(client, "move_theme", [voices[6]], from_theme=key["carers"].pk, to_theme=key["staff"].pk)
    bulk(client, "no_theme", [voices[7]])
    merged = client.post(
        f"/admin/themes/{key['transport'].pk}/merge/", {"into": key["belonging"].pk}
    )
    assert merged.status_code == 302 and not Theme.objects.get(key="transport").active
    return [Voice.objects.get(pk=voice.pk) for voice in voices]


def test_the_stored_themes_follow_the_rule_after_every_kind_of_decision(reviewed_pool):
    rule = the_rule()
    mine = [rule[voice.pk] for voice in reviewed_pool]
    assert any(mine) and not all(mine)  # some themed, some not
    for voice in Voice.objects.prefetch_related("current_themes__theme"):
        assert {theme.pk for theme in themes_of(voice)} == rule[voice.pk], voice.text


def test_the_admin_the_dashboard_and_the_export_agree_for_every_comment(client, reviewed_pool):
    rule = the_rule()
    column = ThemesColumn("themes")
    for voice in Voice.objects.prefetch_related("current_themes__theme", "assignments"):
        shown = {row["theme"].pk for row in column.get_value(voice) if not row["rejected"]}
        assert shown == rule[voice.pk], voice.text

    counts = theme_counts(Filters()).groupby("theme")["comments"].sum().to_dict()
    mine = {voice.pk: voice.redacted_text for voice in reviewed_pool}
    for theme in Theme.objects.all():
        expected = {pk for pk, themes in rule.items() if theme.pk in themes}
        # The dashboard's count (before any suppression), over every comment...
        assert counts.get(theme.pk, 0) == len(expected), theme.key
        # ...the admin's theme filter (which offers the themes still in use)...
        if theme.active:
            chosen = CommentFilterSet({"theme": str(theme.pk)}, queryset=Voice.objects.all())
            assert set(chosen.qs.values_list("pk", flat=True)) == expected, theme.key
        # ...and the officers' export of a theme's comments, for the comments made here.
        export = client.get(f"/dashboard/themes/{theme.key}/comments.csv")
        rows = csv.reader(io.StringIO(b"".join(export.streaming_content).decode()))
        exported = {row[-1] for row in rows}
        assert {text for pk, text in mine.items() if text in exported} == {
            text for pk, text in mine.items() if pk in expected
        }, theme.key


def test_the_training_data_learns_the_themes_comments_carry(reviewed_pool):
    rule = the_rule()
    keys = dict(Theme.objects.filter(active=True).values_list("pk", "key"))
    texts, labels, _ = training_data()
    reviewed = Voice.objects.filter(reviewed_at__isnull=False).values_list("text", "pk")
    learned = sorted((text, sorted(label)) for text, label in zip(texts, labels, strict=True))
    assert learned == sorted(
        (text, sorted(keys[t] for t in rule[pk] if t in keys)) for text, pk in reviewed
    )
    assert {voice.text for voice in reviewed_pool[:3]} <= set(texts)


def test_a_reanalysis_never_overrides_a_persons_decision(client, officer, make_voice):
    voice = make_voice("The taxi to school is late every single day")
    transport = Theme.objects.get(key="transport")
    bulk(client, "remove_theme", [voice], theme=transport.pk)
    Voice.including_withheld.filter(pk=voice.pk).update(analysed_text="")
    from engagement.tasks import analyse_voices

    analyse_voices.call([voice.pk])
    assert ThemeAssignment.objects.filter(voice=voice, theme=transport).exists()
    row = CommentTheme.objects.get(voice=voice, theme=transport)
    assert (row.given_by, row.state) == ("person", "rejected")


# ---- by construction: one writer, one rule -----------------------------------------------------

THEME_TABLES = {"ThemeAssignment", "ThemeDecision", "CommentTheme"}
# The reverse relations that reach them from a comment or a theme.
THEME_RELATIONS = {"assignments", "decisions", "current_themes", "current_on"}
WRITE_METHODS = {
    "create", "bulk_create", "update", "update_or_create", "get_or_create", "delete",
    "bulk_update", "save", "add", "set", "remove", "clear",
}  # fmt: skip
# The rule read straight from people's decisions: what CommentTheme is there to answer.
RULE_REBUILT = re.compile(r"ThemeDecision\.objects|decisions__decision|\.decisions\.all\(\)")


def python_files(*folders: str):
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _receiver_names(node: ast.AST) -> set[str]:
    """Every name and attribute a call's receiver chain goes through (multi-line chains too):
    `ThemeDecision.objects.filter(...).delete` gives ThemeDecision, objects, filter."""
    names: set[str] = set()
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            if isinstance(node, ast.Name):
                names.add(node.id)
            return names


def theme_table_writes(path: Path) -> list[int]:
    """Lines that write one of the theme tables: a write method called on a chain that starts
    from one of their models (or an alias it was imported as), or goes through a comment's or a
    theme's relation to them. (A model instance kept in a variable and saved later is not seen:
    none does that, and construction alone, as the tests do to hand rows to the service, is
    not a write.)"""
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source, str(path))
    models = set(THEME_TABLES)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            models |= {
                alias.asname for alias in node.names if alias.name in THEME_TABLES and alias.asname
            }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITE_METHODS
        and _receiver_names(node.func.value) & (models | THEME_RELATIONS)
        and "# on purpose:" not in lines[node.lineno - 1]  # a test breaking it to mend it
    ]


def test_only_the_themes_service_writes_themes():
    writers = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files(
            "engagement",
            "surveys",
            "outcomes_cms",
            "you_said_we_did",
            "tests",
            "benchmarks",
            "scripts",
        )  # fmt: skip
        if path.relative_to(ROOT).as_posix() != "engagement/themes.py"
        for line in theme_table_writes(path)
    ]
    assert writers == [], "write themes through engagement.themes, which keeps CommentTheme"


def test_the_write_scan_finds_writes_however_they_are_spelt(tmp_path):
    """The scan above can fail: each of these is found."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from engagement.models import ThemeDecision as Decisions\n"
        "ThemeDecision.objects.filter(\n    voice=voice,\n).delete()\n"
        "voice.decisions.all().delete()\n"
        "voice.assignments.filter(theme=theme).update(confidence=1)\n"
        "Decisions.objects.create(voice=voice)\n"
        "CommentTheme(voice=voice).save()\n"
        "theme.current_on.clear()\n"
        "voice.decisions.all()\n"  # a read: not a write
    )
    assert theme_table_writes(sample) == [2, 5, 6, 7, 8, 9]


def test_no_reader_rebuilds_the_rule():
    rebuilt = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_files("engagement", "surveys", "outcomes_cms", "you_said_we_did")
        if path.relative_to(ROOT).as_posix() != "engagement/themes.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RULE_REBUILT.search(line)
    ]
    assert rebuilt == [], "read which themes a comment carries from CommentTheme (carrying)"


def test_settle_themes_rebuilds_rows_changed_by_hand(reviewed_pool):
    from django.core.management import call_command

    before = set(CommentTheme.objects.values_list("voice_id", "theme_id", "given_by", "state"))
    CommentTheme.objects.filter(voice__in=reviewed_pool).delete()  # on purpose: a fix gone wrong
    call_command("settle_themes", stdout=io.StringIO())
    after = set(CommentTheme.objects.values_list("voice_id", "theme_id", "given_by", "state"))
    assert after == before
