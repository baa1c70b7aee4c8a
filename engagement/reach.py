"""Who has been heard: survey respondents and focus-group attendees, by setting and channel.

Counts only. Small numbers are suppressed where they are shown (dashboard, reports), not here.
"""

from django.db.models import Count, Sum

from surveys.models import Audience, Channel, FocusGroupSession, Response, SettingType

YOUNG_PEOPLE = "young_people"
PARENT_CARERS = "parent_carers"


def reach_rows() -> list[dict]:
    """One row per (channel, setting, audience) with the number of people heard."""
    rows = []
    completed = (
        Response.objects.filter(completed_at__isnull=False)
        .values("channel", "audience")
        .annotate(people=Count("id"))
        .order_by()
    )
    for row in completed:
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
        FocusGroupSession.objects.values("setting_type")
        .annotate(young_people=Sum("young_people_count"), parent_carers=Sum("parent_carer_count"))
        .order_by()
    )
    for row in sessions:
        for audience in (YOUNG_PEOPLE, PARENT_CARERS):
            if row[audience]:
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
