"""Who has been heard: survey respondents and focus-group attendees, by setting and channel,
and how surveys were completed (alone, with help, by someone else).

Counts only, each with the sum of the ids of what it counts (a response's id; for a focus
group's places, made from the session's id) so that engagement.disclosure can round it where
it is shown. The outcome filter does not narrow reach: a person is heard once, whatever they
spoke about. The council filter does: a survey is a council's when it asks about one of its
outcomes (or about none), a focus group when it talked about one of them (or about none).
"""

from django.db.models import Count, Exists, F, OuterRef, Q, Sum

from engagement.disclosure import Records
from engagement.models import Voice
from surveys.models import (
    Audience,
    Channel,
    Contribution,
    FocusGroupSession,
    Response,
    SessionPrompt,
    SettingType,
    SurveyQuestion,
)

from .filters import Filters

YOUNG_PEOPLE = "young_people"
PARENT_CARERS = "parent_carers"
AUDIENCE_LABELS = {YOUNG_PEOPLE: "Young people", PARENT_CARERS: "Parent carers"}
# The places at a focus group have no ids of their own: each person counted there stands for
# 2 * session id + 0 (young person) or 1 (parent carer), above any response's id.
PLACES = {YOUNG_PEOPLE: 0, PARENT_CARERS: 1}
PLACE_IDS_FROM = 2**40
# Every row, whatever the filters: a row only where someone was heard would tell none from a few.
ROWS = [label for _, label in Channel.choices] + [
    f"{Channel.FOCUS_GROUP.label}: {label}" for _, label in SettingType.choices
]


def _responses(filters: Filters):
    responses = Response.objects.filter(completed_at__isnull=False)
    if filters.channel not in ("", Voice.Channel.SURVEY):
        return responses.none()
    if filters.framework:
        asked_here = SurveyQuestion.objects.filter(filters.in_framework()).values("page_id")
        responses = responses.filter(survey_id__in=asked_here)
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
    if filters.framework:
        sessions = sessions.filter(_talked_about_this_council(filters))
    if filters.quarter:
        sessions = sessions.filter(
            held_on__gte=filters.quarter.start, held_on__lt=filters.quarter.end
        )
    return sessions


def _talked_about_this_council(filters: Filters) -> Q:
    """A session's prompts or contributions are about this council's outcomes, or none of them
    is about any outcome."""
    here, linked = Q(), Q()
    for rows in (SessionPrompt.objects, Contribution.objects):
        of_session = rows.filter(session=OuterRef("pk"))
        here |= Exists(of_session.filter(outcome__path__startswith=filters.framework.path))
        linked |= Exists(of_session.filter(outcome__isnull=False))
    return here | ~linked


def reach_rows(filters: Filters | None = None) -> list[dict]:
    """One row per (channel, setting, audience) with the number of people heard and the sum of
    their ids."""
    filters = filters or Filters()
    rows = []
    completed = (
        _responses(filters)
        .values("channel", "audience")
        .annotate(people=Count("id"), ids=Sum("id"))
    )
    for row in completed.order_by():
        rows.append(
            {
                "channel": Channel(row["channel"]).label,
                "setting": "",
                "audience": YOUNG_PEOPLE
                if row["audience"] == Audience.YOUNG_PEOPLE
                else PARENT_CARERS,
                "people": row["people"],
                "ids": row["ids"],
            }
        )
    sessions = (
        _sessions(filters)
        .values("setting_type")
        .annotate(
            young_people=Sum("young_people_count"),
            parent_carers=Sum("parent_carer_count"),
            young_people_ids=Sum(F("young_people_count") * F("id")),
            parent_carers_ids=Sum(F("parent_carer_count") * F("id")),
        )
        .order_by()
    )
    for row in sessions:
        for audience in (YOUNG_PEOPLE, PARENT_CARERS):
            if row[audience] and filters.audience in ("", audience):
                people = row[audience]
                rows.append(
                    {
                        "channel": Channel.FOCUS_GROUP.label,
                        "setting": SettingType(row["setting_type"]).label,
                        "audience": audience,
                        "people": people,
                        "ids": people * (PLACE_IDS_FROM + PLACES[audience])
                        + 2 * row[f"{audience}_ids"],
                    }
                )
    return rows


def people_heard(rows: list[dict] | None = None) -> dict[str, Records]:
    """Young people and parent carers heard: the same records as the heard table's totals."""
    totals = {YOUNG_PEOPLE: Records(), PARENT_CARERS: Records()}
    for row in rows if rows is not None else reach_rows():
        totals[row["audience"]] += Records(row["people"], row["ids"])
    return totals


def completed_by(filters: Filters) -> dict[str, Records]:
    """Completed surveys by who answered: alone, with help, or someone for them."""
    counts = {
        answered_by: Records(count, ids)
        for answered_by, count, ids in _responses(filters)
        .values_list("answered_by")
        .annotate(n=Count("id"), ids=Sum("id"))
        .order_by()
    }
    return {label: counts.get(value, Records()) for value, label in Response.AnsweredBy.choices}
