"""Themes in the platform: the codebook officers edit, what comments carry, and officers'
decisions about them. A person's decision always wins over the machine, and no rerun of the
analysis touches one (the machine's assignments and the decisions live in separate tables).

This module is the only writer of all three tables: every write of the machine's themes or a
person's decision rewrites, in the same transaction, where each comment now stands on each
theme (CommentTheme, by `settle`). Every reader asks that table (`carrying`, `unthemed`,
`themes_of`); tests/engagement/test_current_themes.py fails the build if anything else writes
them or rebuilds the rule.
"""

import re
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from .models import CommentTheme, Theme, ThemeAssignment, ThemeDecision, Voice
from .models.voices import lock_comments

ACCEPTED = ThemeDecision.Decision.ACCEPTED
REJECTED = ThemeDecision.Decision.REJECTED
CARRIED = CommentTheme.State.CARRIED
SETTLE_CHUNK = 2000  # comments per query: well inside SQLite's limit on bound parameters


@transaction.atomic
def settle(voice_ids: Iterable[int]) -> None:
    """Rewrite where these comments stand on each theme, the one place the rule is applied:
    a person's decision (accepted or rejected) wins; where no person decided, the machine's
    theme is carried."""
    ids = sorted(set(voice_ids))
    for start in range(0, len(ids), SETTLE_CHUNK):
        chunk = ids[start : start + SETTLE_CHUNK]
        # Another transaction settling the same comments (the analysis while an officer
        # decides) waits here, then reads what it committed: no stale row, no duplicate.
        lock_comments(chunk)
        CommentTheme.objects.filter(voice_id__in=chunk).delete()
        decided = {
            (voice, theme): decision
            for voice, theme, decision in ThemeDecision.objects.filter(
                voice_id__in=chunk
            ).values_list("voice_id", "theme_id", "decision")
        }
        machine = ThemeAssignment.objects.filter(voice_id__in=chunk).values_list(
            "voice_id", "theme_id"
        )
        CommentTheme.objects.bulk_create(
            [
                CommentTheme(
                    voice_id=voice,
                    theme_id=theme,
                    given_by=CommentTheme.GivenBy.PERSON,
                    state=CARRIED if decision == ACCEPTED else CommentTheme.State.REJECTED,
                )
                for (voice, theme), decision in decided.items()
            ]
            + [
                CommentTheme(
                    voice_id=voice,
                    theme_id=theme,
                    given_by=CommentTheme.GivenBy.MACHINE,
                    state=CARRIED,
                )
                for voice, theme in machine
                if (voice, theme) not in decided
            ]
        )


def settle_every_comment() -> int:
    """Rewrite every comment's themes from the records (`manage.py settle_themes`): for after a
    fix made by hand, or code older than CommentTheme that ran after its migration. Returns how
    many comments it settled."""
    ids = set(ThemeAssignment.objects.values_list("voice_id", flat=True))
    ids |= set(ThemeDecision.objects.values_list("voice_id", flat=True))
    ids |= set(CommentTheme.objects.values_list("voice_id", flat=True))
    settle(ids)
    return len(ids)


@transaction.atomic
def record_machine_themes(voice_ids: list[int], assignments: list[ThemeAssignment]) -> None:
    """The machine's themes for these comments, replacing its earlier ones (never a person's
    decision), and where each comment now stands."""
    ThemeAssignment.objects.filter(voice_id__in=voice_ids).delete()
    ThemeAssignment.objects.bulk_create(assignments)
    settle(voice_ids)


def current_codebook():
    """The officers' codebook (active themes), in the analysis package's shape."""
    from engagement.analysis import Codebook, default_codebook

    themes = Theme.objects.filter(active=True).prefetch_related("outcomes")
    rows = [theme.as_analysis_dict() for theme in themes]
    return (
        Codebook.from_dict({"name": "This council's codebook", "themes": rows})
        if rows
        else (default_codebook())
    )


def carrying(theme: Theme | Iterable[Theme], voices: QuerySet | None = None) -> QuerySet:
    """The comments that carry this theme (or any of these themes) now."""
    voices = Voice.objects.all() if voices is None else voices
    themes = [theme] if isinstance(theme, Theme) else list(theme)
    return voices.filter(
        Exists(CommentTheme.objects.carried().filter(voice=OuterRef("pk"), theme__in=themes))
    )


def unthemed(voices: QuerySet | None = None) -> QuerySet:
    """Analysed comments that carry no theme at all."""
    voices = Voice.objects.all() if voices is None else voices
    return voices.filter(analysed_at__isnull=False).exclude(
        Exists(CommentTheme.objects.carried().filter(voice=OuterRef("pk")))
    )


def themes_of(voice: Voice) -> list[Theme]:
    """The themes a comment carries, by name: from its prefetched `current_themes__theme` for
    a list of comments (no query per row), else in one query."""
    prefetched = "current_themes" in getattr(voice, "_prefetched_objects_cache", {})
    rows = voice.current_themes.all()
    if not prefetched:
        rows = rows.select_related("theme")
    return sorted((row.theme for row in rows if row.state == CARRIED), key=lambda t: t.name)


@transaction.atomic
def decide(voices, theme: Theme, decision: str, user) -> int:
    """Record one person's decision on a theme for each of these comments."""
    count = 0
    for voice in voices:
        ThemeDecision.objects.update_or_create(
            voice=voice, theme=theme, defaults={"decision": decision, "decided_by": user}
        )
        count += 1
    settle(voice.pk for voice in voices)
    _reviewed(voices, user)
    return count


@transaction.atomic
def accept_machine_themes(voices, user) -> int:
    """Agree with the machine: its themes on these comments become people's decisions."""
    lock_comments(voice.pk for voice in voices)  # the machine's themes as they stand now
    count = 0
    for assignment in ThemeAssignment.objects.filter(voice__in=voices).exclude(
        Exists(ThemeDecision.objects.filter(voice=OuterRef("voice"), theme=OuterRef("theme")))
    ):
        ThemeDecision.objects.create(
            voice_id=assignment.voice_id, theme_id=assignment.theme_id, decision=ACCEPTED,
            decided_by=user,
        )  # fmt: skip
        count += 1
    settle(voice.pk for voice in voices)
    _reviewed(voices, user)
    return count


@transaction.atomic
def reassign(voices, from_theme: Theme, to_theme: Theme, user) -> int:
    """Move these comments from one theme to another (a rejection and an acceptance)."""
    decide(voices, from_theme, REJECTED, user)
    return decide(voices, to_theme, ACCEPTED, user)


@transaction.atomic
def reject_all(voices, user) -> int:
    """No theme applies: reject every theme the comments carry, the machine's or a person's."""
    ids = [voice.pk for voice in voices]
    lock_comments(ids)  # the themes as they stand now
    given = set(
        ThemeAssignment.objects.filter(voice_id__in=ids).values_list("voice_id", "theme_id")
    )
    given |= set(
        ThemeDecision.objects.filter(voice_id__in=ids, decision=ACCEPTED).values_list(
            "voice_id", "theme_id"
        )
    )
    for voice_id, theme_id in given:
        ThemeDecision.objects.update_or_create(
            voice_id=voice_id, theme_id=theme_id,
            defaults={"decision": REJECTED, "decided_by": user},
        )  # fmt: skip
    settle(ids)
    return _reviewed(voices, user)


def mark_reviewed(voices, user) -> int:
    """The comments have been looked at and, as they stand, are right (e.g. no theme applies)."""
    return _reviewed(voices, user)


def _reviewed(voices, user) -> int:
    ids = [voice.pk for voice in voices] if not isinstance(voices, QuerySet) else voices
    return Voice.objects.filter(pk__in=ids).update(reviewed_at=timezone.now(), reviewed_by=user)


@transaction.atomic
def merge(source: Theme, into: Theme, user) -> None:
    """Fold one theme into another: its words, examples, outcomes and people's decisions move
    over, and the old theme stops being given. Comments are themed again afterwards."""
    for field in ("keywords", "supporting", "phrases", "examples"):
        known = set(_lines(getattr(into, field)))
        extra = [line for line in _lines(getattr(source, field)) if line not in known]
        setattr(into, field, "\n".join(_lines(getattr(into, field)) + extra))
    into.save()
    into.outcomes.add(*source.outcomes.all())
    touched = set(ThemeAssignment.objects.filter(theme=source).values_list("voice_id", flat=True))
    touched |= set(ThemeDecision.objects.filter(theme=source).values_list("voice_id", flat=True))
    for decision in ThemeDecision.objects.filter(theme=source):
        ThemeDecision.objects.get_or_create(
            voice_id=decision.voice_id, theme=into,
            defaults={"decision": decision.decision, "decided_by": decision.decided_by or user},
        )  # fmt: skip
    ThemeDecision.objects.filter(theme=source).delete()
    ThemeAssignment.objects.filter(theme=source).delete()
    settle(touched)
    source.active = False
    source.merged_into = into
    source.save(update_fields=["active", "merged_into"])


@transaction.atomic
def split(theme: Theme, key: str, name: str, keywords: list[str], examples: list[str]) -> Theme:
    """Make a new theme from some of a theme's keywords and examples (which it loses)."""
    moved_keywords, moved_examples = set(keywords), set(examples)
    new = Theme.objects.create(
        key=key,
        name=name,
        description=f"Split from {theme.name}.",
        keywords="\n".join(k for k in _lines(theme.keywords) if k in moved_keywords),
        examples="\n".join(e for e in _lines(theme.examples) if e in moved_examples),
    )
    new.outcomes.set(theme.outcomes.all())
    theme.keywords = "\n".join(k for k in _lines(theme.keywords) if k not in moved_keywords)
    theme.examples = "\n".join(e for e in _lines(theme.examples) if e not in moved_examples)
    theme.save(update_fields=["keywords", "examples"])
    return new


_WORDS = re.compile(r"[a-z][a-z']+")


def suggestions(limit: int = 15, min_comments: int = 3) -> list[tuple[str, int]]:
    """Words and phrases that many unthemed comments share: candidates for a new theme or for
    a theme's keywords. Each is counted once per comment."""
    from engagement.analysis.codebook import STOPWORDS

    counts: Counter[str] = Counter()
    # The redacted words: a suggestion must never carry a name or a phone number.
    texts = unthemed().values_list("redacted_text", flat=True)
    for text in texts.iterator():
        words = _WORDS.findall(text.lower())
        grams = set()
        for size in (1, 2, 3):
            for start in range(len(words) - size + 1):
                gram = words[start : start + size]
                if gram[0] in STOPWORDS or gram[-1] in STOPWORDS or len(gram[-1]) < 3:
                    continue
                grams.add(" ".join(gram))
        counts.update(grams)
    frequent = [(gram, n) for gram, n in counts.most_common() if n >= min_comments]
    # A phrase says more than its words: drop a word every phrase holding it repeats.
    phrases = [gram for gram, _ in frequent if " " in gram]
    kept = [
        (gram, n)
        for gram, n in frequent
        if " " in gram
        or not any(gram in phrase.split() and counts[phrase] == n for phrase in phrases)
    ]
    return kept[:limit]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
