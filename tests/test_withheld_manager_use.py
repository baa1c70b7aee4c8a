"""A lint rule over the code: withheld comments (not yet checked, or with the safeguarding lead)
and words as written are reached only where the promise allows.

Voice.objects, Voice's default manager, leaves withheld comments out, so every view, export,
feed, chooser and command is safe unless it asks otherwise. Asking otherwise means naming
Voice.including_withheld (or a base manager, the table in raw SQL or by its _meta name),
following a forward link to a comment's words (`x.voice.text`, which Django reads through the
plain base manager), or reading its words through a join (`"assignments__voice__text"`); and in
a template, showing words as written (`answer.comment`, `contribution.text`, `case.text`). This
test fails the build wherever that happens outside the places below. Adding a place here is a
decision for review, with its reason.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each place that may reach withheld comments, and why.
ALLOWED = {
    "engagement/models/voices.py": "where the managers are defined",
    "engagement/voices.py": "the pool's own writes (a source's words, its audience) and the "
    "ids of people with withheld comments, to leave them out of emails",
    "engagement/tasks.py": "the analysis: it reads every comment to check it",
    "engagement/checking.py": "counts and queues unchecked comments (never their words)",
    "engagement/cases.py": "the lead's case keeps the comment's words as they change",
    "benchmarks/faults.py": "counts comments left unchecked after a crash (not served)",
    "benchmarks/survey_load.py": "counts comments lost or doubled under load (not served)",
    "benchmarks/dashboard.py": "prints how many comments it seeded (not served)",
}
WITHHELD_NAMES = {"including_withheld", "_base_manager", "base_manager", "db_table"}
WORDS = {"text", "analysed_text"}
WORDS_THROUGH_A_JOIN = re.compile(r"(^|__)voices?__(text|analysed_text)\b")
# Templates that may show words as written: the respondent's own answers, the lead's case.
TEMPLATES_ALLOWED = {
    "surveys/templates/surveys/check.html": "the respondent's own answers, to check them",
    "surveys/templates/surveys/includes/exchange.html": "the respondent's own chat, in their "
    "own browser: what they just told us more",
    "templates/engagement/safeguarding/case.html": "the safeguarding lead's case",
}
WORDS_IN_A_TEMPLATE = re.compile(
    r"\b(voice|answer|contribution|case)\.(text|comment|analysed_text|later_words)\b"
)
SKIPPED_PARTS = {".venv", "tests", "migrations", "node_modules", "test-artifacts"}
RAW_SQL_ON_COMMENTS = re.compile(r"\b(from|join|update|into)\s+[\"`]?engagement_voice\b", re.I)


def python_files():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if not SKIPPED_PARTS.intersection(relative.parts):
            yield relative


def names_a_way_round(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        follows_a_link_to_words = (
            node.attr in WORDS
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "voice"
        )
        return node.attr in WITHHELD_NAMES or follows_a_link_to_words
    if isinstance(node, ast.Name):
        return node.id in WITHHELD_NAMES
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (
            node.value in WITHHELD_NAMES
            or bool(RAW_SQL_ON_COMMENTS.search(node.value))
            or bool(WORDS_THROUGH_A_JOIN.search(node.value))
        )
    return False


def reaches_withheld(tree: ast.AST) -> list[int]:
    """Lines that name a way round the default manager: an attribute, a getattr string, or
    the comments' table in raw SQL."""
    return [node.lineno for node in ast.walk(tree) if names_a_way_round(node)]


def test_withheld_comments_are_reached_only_where_allowed():
    found = {
        f"{path}:{line}"
        for path in python_files()
        if str(path) not in ALLOWED
        for line in reaches_withheld(ast.parse((ROOT / path).read_text(encoding="utf-8")))
    }
    assert not found, (
        "Withheld comments reached outside the allowed places (use Voice.objects, which "
        f"leaves them out, or add the place to ALLOWED with its reason): {sorted(found)}"
    )


def test_the_rule_sees_each_way_round_the_default_manager():
    """The rule can fail: each way of reaching withheld comments is found."""
    for code in (
        "Voice.including_withheld.all()",
        "Voice._base_manager.all()",
        "getattr(Voice, 'including_withheld')",
        "connection.cursor().execute('SELECT text FROM engagement_voice')",
        "connection.cursor().execute(f'SELECT text FROM {Voice._meta.db_table}')",
        "quote.voice.text",
        "Theme.objects.values('assignments__voice__text')",
    ):
        assert reaches_withheld(ast.parse(code)), code
    assert not reaches_withheld(ast.parse("Voice.objects.filter(consent_to_quote=True)"))
    assert not reaches_withheld(ast.parse("reverse('wagtailsnippets_engagement_voice:list')"))


def test_every_allowed_place_exists_and_uses_it():
    """No stale entry: an allowed file that no longer reaches withheld comments is removed."""
    for path in ALLOWED:
        assert reaches_withheld(ast.parse((ROOT / path).read_text(encoding="utf-8"))), path


def test_words_as_written_are_shown_only_in_the_allowed_templates():
    found = {
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in ROOT.rglob("*.html")
        if not SKIPPED_PARTS.intersection(path.relative_to(ROOT).parts)
        and str(path.relative_to(ROOT)) not in TEMPLATES_ALLOWED
        for match in WORDS_IN_A_TEMPLATE.finditer(path.read_text(encoding="utf-8"))
    }
    assert not found, f"Show redacted_text (or add the template, with its reason): {found}"
    assert WORDS_IN_A_TEMPLATE.search("{{ case.voice.text }}")
    assert not WORDS_IN_A_TEMPLATE.search("{{ voice.redacted_text }} {{ prompt.text }}")
