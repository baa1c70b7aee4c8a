"""What people keep raising: comments per theme by audience, channel, sentiment and period.

A comment carries a theme when the machine gave it and no person rejected it, or a person
accepted it (engagement.themes.carrying). Here that rule is applied in pandas, so no comment is
counted twice: the machine's themes without a person's decision, and the themes people accepted.
"""

import pandas as pd
from django.db.models import QuerySet

from engagement.models import Theme, ThemeAssignment, ThemeDecision, Voice
from engagement.suppression import THRESHOLD
from engagement.themes import ACCEPTED, carrying

from .filters import Filters
from .periods import Quarter, quarter_of, quarters_from_keys

GROUPS = ["theme", "audience", "channel", "sentiment", "quarter"]
EXAMPLES_PER_THEME = 2


def visible_voices(filters: Filters, periods: bool = False) -> QuerySet:
    """Comments anyone but the safeguarding lead may see, narrowed by the filters."""
    return filters.voices(Voice.objects.all(), periods=periods)


def theme_counts(filters: Filters) -> pd.DataFrame:
    """Comments per theme, audience, channel, sentiment and quarter (every quarter).

    Three plain reads joined in pandas: the visible comments with what they are grouped by,
    the machine's themes and people's decisions. Grouping the joined rows in the database
    sorted them on five columns, which on SQLite cost twice as much as reading them.
    """
    voices = pd.DataFrame.from_records(
        visible_voices(filters, periods=True)
        .annotate(quarter=quarter_of("said_at"))
        .values_list("pk", "audience", "channel", "sentiment", "quarter")
        .order_by(),
        columns=["voice", *GROUPS[1:]],
    )
    # Every theme given and decided: the join with the visible comments below narrows them.
    machine = pd.DataFrame.from_records(
        ThemeAssignment.objects.values_list("voice_id", "theme_id").order_by(),
        columns=["voice", "theme"],
    )
    decisions = pd.DataFrame.from_records(
        ThemeDecision.objects.values_list("voice_id", "theme_id", "decision").order_by(),
        columns=["voice", "theme", "decision"],
    )
    # The machine's theme counts unless a person decided on it (either way); accepted counts.
    decided = pd.MultiIndex.from_frame(decisions[["voice", "theme"]])
    undecided = ~pd.MultiIndex.from_frame(machine).isin(decided)
    accepted = decisions.loc[decisions["decision"] == ACCEPTED, ["voice", "theme"]]
    carried = pd.concat([machine[undecided], accepted])
    # Comments older than the recent quarters have no quarter key: they count in "all time".
    voices["quarter"] = voices["quarter"].fillna("")
    counts = carried.merge(voices, on="voice").groupby(GROUPS).size().reset_index(name="comments")
    counts["quarter"] = quarters_from_keys(counts["quarter"])
    return counts.astype({"comments": int})


def in_period(counts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return counts[counts["quarter"] == filters.quarter] if filters.quarter else counts


def themes_by(counts: pd.DataFrame, column: str, choices) -> pd.DataFrame:
    """A table of counts: a row per theme (largest first), a column per choice."""
    names = dict(Theme.objects.values_list("pk", "name"))
    table = _crosstab(counts, column).reindex(columns=[value for value, _ in choices], fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table.index = [names.get(theme, "?") for theme in table.index]
    table.columns = [label for _, label in choices]
    return table


def _crosstab(counts: pd.DataFrame, column: str) -> pd.DataFrame:
    """Comments summed into a row per theme and a column per value of `column`: a plain
    groupby and unstack, several times quicker than pivot_table on these few thousand rows."""
    if counts.empty:
        return pd.DataFrame(dtype=int)
    summed = counts.groupby(["theme", column])["comments"].sum()
    return summed.unstack(column, fill_value=0).astype(int)


def themes_over_time(counts: pd.DataFrame, quarters: list[Quarter]) -> pd.DataFrame:
    """A row per theme, a column per quarter (oldest first)."""
    names = dict(Theme.objects.values_list("pk", "name"))
    table = _crosstab(counts[counts["quarter"].isin(quarters)], "quarter").reindex(
        columns=quarters, fill_value=0
    )
    table.index = [names.get(theme, "?") for theme in table.index]
    table.columns = [quarter.financial_label for quarter in quarters]
    return table


def rising(counts: pd.DataFrame, latest: Quarter) -> list[dict]:
    """Themes raised clearly more in the latest quarter than the one before: at least 5
    comments now and half as many again as before. Largest rise first."""
    now = counts[counts["quarter"] == latest].groupby("theme")["comments"].sum()
    before = counts[counts["quarter"] == latest.previous].groupby("theme")["comments"].sum()
    both = pd.DataFrame({"now": now, "before": before}).fillna(0).astype(int)
    up = both[(both["now"] >= THRESHOLD) & (both["now"] >= 1.5 * both["before"])]
    up = up.assign(rise=up["now"] - up["before"]).sort_values("rise", ascending=False)
    names = dict(Theme.objects.filter(pk__in=up.index).values_list("pk", "name"))
    keys = dict(Theme.objects.filter(pk__in=up.index).values_list("pk", "key"))
    return [
        {"name": names[theme], "key": keys[theme], "now": row.now, "before": row.before}
        for theme, row in up.iterrows()
    ]


def examples(filters: Filters, themes: list[Theme]) -> dict[int, list[str]]:
    """Newest redacted comments that may be quoted, a few per theme."""
    quotable = filters.voices(Voice.objects.quotable())
    return {
        theme.pk: list(
            carrying(theme, quotable).values_list("redacted_text", flat=True)[:EXAMPLES_PER_THEME]
        )
        for theme in themes
    }


def top_themes(counts: pd.DataFrame, filters: Filters, limit: int) -> list[Theme]:
    """The themes with the most comments in the period, most first."""
    most = in_period(counts, filters).groupby("theme")["comments"].sum().nlargest(limit)
    found = {theme.pk: theme for theme in Theme.objects.filter(pk__in=most.index)}
    return [found[pk] for pk in most.index if pk in found]
