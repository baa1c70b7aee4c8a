"""What people keep raising: comments per theme by audience, channel, sentiment and period.

Which themes a comment carries is read from the one table that says so (CommentTheme, kept by
engagement.themes), never worked out again here.
"""

from dataclasses import replace

import pandas as pd
from django.db.models import Count, Q, QuerySet, Sum

from engagement.disclosure import BASE, COMMENTS, Published, Records, publish
from engagement.models import CommentTheme, Theme, Voice
from engagement.themes import carrying

from .filters import Filters
from .periods import Quarter, quarter_of, quarters_from_keys
from .tables import RecordTable

GROUPS = ["theme", "audience", "channel", "sentiment", "quarter"]
EXAMPLES_PER_THEME = 2


def visible_voices(filters: Filters, periods: bool = False) -> QuerySet:
    """Comments anyone but the safeguarding lead may see, narrowed by the filters."""
    return filters.voices(Voice.objects.all(), periods=periods)


def theme_counts(filters: Filters) -> pd.DataFrame:
    """Comments per theme, audience, channel, sentiment and quarter (every quarter), with the
    sum of their ids (`ids`): what makes each published count's cell key.

    Two plain reads joined in pandas: the visible comments with what they are grouped by, and
    the themes comments carry. Grouping the joined rows in the database
    sorted them on five columns, which on SQLite cost twice as much as reading them.
    """
    voices = pd.DataFrame.from_records(
        visible_voices(filters, periods=True)
        .annotate(quarter=quarter_of("said_at"))
        .values_list("pk", "audience", "channel", "sentiment", "quarter")
        .order_by(),
        columns=["voice", *GROUPS[1:]],
    )
    # Every comment's themes: the join with the visible comments below narrows them.
    carried = pd.DataFrame.from_records(
        CommentTheme.objects.carried().values_list("voice_id", "theme_id").order_by(),
        columns=["voice", "theme"],
    )
    # Comments older than the recent quarters have no quarter key: they count in "all time".
    voices["quarter"] = voices["quarter"].fillna("")
    counts = (
        carried.merge(voices, on="voice")
        .groupby(GROUPS)
        .agg(comments=("voice", "size"), ids=("voice", "sum"))
        .reset_index()
    )
    counts["quarter"] = quarters_from_keys(counts["quarter"])
    return counts.astype({"comments": "int64", "ids": "int64"})


def in_period(counts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return counts[counts["quarter"] == filters.quarter] if filters.quarter else counts


def themes_by(counts: pd.DataFrame, column: str, choices) -> RecordTable:
    """A table of counts: a row per theme (table_themes), a column per choice."""
    names = table_themes()
    values = [value for value, _ in choices]
    table = _crosstab(counts, column).reindex(index=list(names), columns=values, fill_value=0)
    return table.labelled(names.get, [label for _, label in choices])


def _crosstab(counts: pd.DataFrame, column: str) -> RecordTable:
    """Comments (and their ids) summed into a row per theme and a column per value of `column`:
    a plain groupby and unstack, several times quicker than pivot_table on these few thousand
    rows."""
    if counts.empty:
        nothing = pd.DataFrame(dtype="int64", index=pd.Index([], name="theme"))
        return RecordTable(nothing, nothing.copy())
    summed = counts.groupby(["theme", column])[["comments", "ids"]].sum()
    return RecordTable(
        summed["comments"].unstack(column, fill_value=0).astype("int64"),
        summed["ids"].unstack(column, fill_value=0).astype("int64"),
    )


def themes_over_time(counts: pd.DataFrame, quarters: list[Quarter]) -> RecordTable:
    """A row per theme (table_themes), a column per quarter (oldest first)."""
    names = table_themes()
    table = _crosstab(counts[counts["quarter"].isin(quarters)], "quarter").reindex(
        index=list(names), columns=quarters, fill_value=0
    )
    return table.labelled(names.get, [quarter.financial_label for quarter in quarters])


def published_per_theme(counts: pd.DataFrame) -> dict[int, Published]:
    """Each theme's comments as published (the same records as its row total in the tables)."""
    summed = counts.groupby("theme")[["comments", "ids"]].sum()
    return {
        int(theme): publish(COMMENTS, Records(int(row.comments), int(row.ids)))
        for theme, row in summed.iterrows()
    }


def rising(counts: pd.DataFrame, latest: Quarter) -> list[dict]:
    """Themes raised clearly more in the latest quarter than the one before: 5 or more
    comments now and half as many again as before. Largest rise first. Read from published
    counts only, so that being listed says nothing the counts do not."""
    now = published_per_theme(counts[counts["quarter"] == latest])
    before = published_per_theme(counts[counts["quarter"] == latest.previous])
    nothing = Published(0)
    up = [
        (theme, count, before.get(theme, nothing))
        for theme, count in now.items()
        if not count.small and count.value >= 1.5 * before.get(theme, nothing).value
    ]
    up.sort(key=lambda item: (item[2].value - item[1].value, item[0]))
    found = {theme.pk: theme for theme in Theme.objects.filter(pk__in=[t for t, _, _ in up])}
    return [
        {"name": found[theme].name, "key": found[theme].key, "now": now, "before": before}
        for theme, now, before in up
    ]


def examples(filters: Filters, themes: list[Theme]) -> dict[int, list[str]]:
    """Newest redacted comments that may be quoted, EXAMPLES_PER_THEME per theme or none, and
    no quote twice (a comment in two themes, or the same words said twice).

    As in the drill-down: only from groups of 5 or more and never the outcome (the outcome
    filter does not apply), and only when 5 or more could be quoted, so that how many are
    shown never counts them.
    """
    quotable = replace(filters, outcome=None).voices(Voice.objects.fit_to_publish())
    quotes, used = {}, set()
    for theme in themes:
        listable = in_groups_of_five(theme, quotable, filters.in_framework())
        # Published 10 or more is truly 5 or more: never fewer than the quotes shown.
        enough = publish(COMMENTS, comment_records(listable)).value >= 2 * BASE
        newest = listable.order_by("-said_at", "-pk").values_list("redacted_text", flat=True)
        chosen = []
        for text in newest[: 2 * BASE] if enough else []:
            if " ".join(text.lower().split()) not in used:
                used.add(" ".join(text.lower().split()))
                chosen.append(text)
            if len(chosen) == EXAMPLES_PER_THEME:
                break
        quotes[theme.pk] = chosen
    return quotes


def table_themes() -> dict[int, str]:
    """The rows of every theme table, whatever the filters: the active themes and any theme
    ever given to a comment. A row only for themes with comments would tell none from a few."""
    given = Q(pk__in=CommentTheme.objects.values("theme_id"))
    return dict(Theme.objects.filter(Q(active=True) | given).values_list("pk", "name"))


def top_themes(counts: pd.DataFrame, filters: Filters, limit: int) -> list[Theme]:
    """The themes with the most comments in the period (as published), most first."""
    published = published_per_theme(in_period(counts, filters))
    most = sorted(published, key=lambda theme: (-published[theme].value, theme))[:limit]
    found = {theme.pk: theme for theme in Theme.objects.filter(pk__in=most)}
    return [found[pk] for pk in most if pk in found]


def comment_records(voices: QuerySet) -> Records:
    """How many comments, and the sum of their ids: one aggregate query."""
    found = voices.order_by().aggregate(count=Count("pk"), ids=Sum("pk"))
    return Records(found["count"], found["ids"] or 0)


def in_groups_of_five(theme: Theme, voices: QuerySet, within: Q | None = None) -> QuerySet:
    """The theme's comments from groups (who said them, how, in which quarter) published as 10
    or more, which is truly 5 or more. Every filter selects whole groups, and the themes page
    already shows each group's published size (the same records, the same figure), so listing
    these says nothing new and words are never pinned on a group smaller than 5. `within`
    narrows the groups themselves (a council's comments: Filters.in_framework), since the
    framework, unlike the other filters, does not select whole groups."""
    groups = (
        carrying(theme, Voice.objects.filter(within or Q()))
        .annotate(quarter=quarter_of("said_at"))
        .values("audience", "channel", "quarter")
        .annotate(comments=Count("pk"), ids=Sum("pk"))
        .order_by()
    )
    large = Q(pk__in=[])
    for group in groups:
        if publish(COMMENTS, Records(group["comments"], group["ids"])).value >= 2 * BASE:
            large |= Q(
                audience=group["audience"], channel=group["channel"], quarter=group["quarter"]
            )
    return carrying(theme, voices).annotate(quarter=quarter_of("said_at")).filter(large)
