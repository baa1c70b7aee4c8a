"""Who has been heard: survey respondents and focus-group attendees, by setting and channel,
and how surveys were completed (alone, with help, by someone else).

Counts only. Small numbers are suppressed where they are shown (dashboard, reports), not here.
The outcome filter does not narrow reach: a person is heard once, whatever they spoke about.
"""

from django.db.models import Count, Sum

from engagement.models import Voice
from surveys.models import Audience, Channel, FocusGroupSession, Response, SettingType

from .filters import Filters

YOUNG_PEOPLE = "young_people"
PARENT_CARERS = "parent_carers"
AUDIENCE_LABELS = {YOUNG_PEOPLE: "Young people", PARENT_CARERS: "Parent carers"}


def _responses(filters: Filters):
    responses = Response.objects.filter(completed_at__isnull=False)
    if filters.channel not in ("", Voice.Channel.SURVEY):
        return responses.none()
    if filters.audience:
        responses = responses.filter(audience=filters.audience)
    if filters.quarter:
        start, end = filters.quarter.bounds()
        responses = responses.filter(completed_at__gte=start, completed_at__lt=end)
    return responses


def _sessions(filters: Filters):
    sessions = FocusGroupSession.objects.all()
    if filters.channel not in ("", Voice.Channel.FOCUS_GROUP):
        return sessions.none()
    if filters.quarter:
        sessions = sessions.filter(
            held_on__gte=filters.quarter.start, held_on__lt=filters.quarter.end
        )
    return sessions


def reach_rows(filters: Filters | None = None) -> list[dict]:
    """One row per (channel, setting, audience) with the number of people heard."""
    filters = filters or Filters()
    rows = []
    completed = _responses(filters).values("channel", "audience").annotate(people=Count("id"))
    for row in completed.order_by():
        rows.append(
            {
                "channel": Channel(row["channel"]).label,
                "setting": "",
                "audience": YOUNG_PEOPLE
                if row["audience"] == Audience.YOUNG_PEOPLE
                else PARENT_CARERS,
                "people": row["people"],
            }
        )
    sessions = (
        _sessions(filters)
        .values("setting_type")
        .annotate(young_people=Sum("young_people_count"), parent_carers=Sum("parent_carer_count"))
        .order_by()
    )
    for row in sessions:
        for audience in (YOUNG_PEOPLE, PARENT_CARERS):
            if row[audience] and filters.audience in ("", audience):
                rows.append(
                    {
                        "channel": Channel.FOCUS_GROUP.label,
                        "setting": SettingType(row["setting_type"]).label,
                        "audience": audience,
                        "people": row[audience],
                    }
                )
    return rows


def people_heard(rows: list[dict] | None = None) -> dict[str, int]:
    totals = {YOUNG_PEOPLE: 0, PARENT_CARERS: 0}
    for row in rows if rows is not None else reach_rows():
        totals[row["audience"]] += row["people"]
    return totals


def completed_by(filters: Filters) -> dict[str, int]:
    """Completed surveys by who answered: alone, with help, or someone for them."""
    counts = dict(_responses(filters).values_list("answered_by").annotate(n=Count("id")).order_by())
    return {label: counts.get(value, 0) for value, label in Response.AnsweredBy.choices}
