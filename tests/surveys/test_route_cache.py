"""Survey steps are routed from memory (surveys/route_cache.py) only while that is safe.

Each step asks the database one question: is the page still live where it was, published at
the same moment, with no view restriction on its path? A change made by another process (no
signal reaches this one) must be seen at the very next step.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.factories import UserFactory


def test_an_answer_step_is_routed_without_walking_the_tree(respondent):
    respondent.start()
    respondent.answer(1, "Yes")
    yes = {"answer": respondent.option_value(2, "Yes")}
    with CaptureQueriesContext(connection) as queries:
        step = respondent.client.post(respondent.url("question", 2), yes, HTTP_X_SURVEY_CHAT="1")
    assert step.status_code == 200 and b"Question 3 of" in step.content
    said = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert not any("wagtailcore_site" in sql for sql in said)
    on_pages = [sql for sql in said if "wagtailcore_page" in sql]
    assert len(on_pages) == 1 and "wagtailcore_pageviewrestriction" in on_pages[0]
    assert len(said) <= 8, "\n".join(sql[:150] for sql in said)  # the budget


def test_a_restriction_added_after_a_step_applies_at_the_next_step(respondent, bradford):
    respondent.start()
    assert respondent.client.get(respondent.url("question", 1)).status_code == 200
    # The survey's parent, so the check must look up the path, not at the page alone.
    PageViewRestriction.objects.create(
        page=bradford.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    page = respondent.client.get(respondent.url("question", 1))
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/")


def test_an_unpublish_by_another_process_is_seen_at_the_next_step(respondent, bradford):
    respondent.start()
    assert respondent.client.get(respondent.url("question", 1)).status_code == 200
    Page.objects.filter(pk=bradford.pk).update(live=False)  # no signal reaches this process
    assert respondent.client.get(respondent.url("question", 1)).status_code == 404


def test_a_publish_by_another_process_is_read_afresh(respondent, bradford):
    respondent.start()
    assert respondent.client.get(respondent.url("question", 1)).status_code == 200
    closed = timezone.now() - timezone.timedelta(minutes=1)
    type(bradford).objects.filter(pk=bradford.pk).update(closes_at=closed)
    Page.objects.filter(pk=bradford.pk).update(last_published_at=timezone.now())
    page = respondent.client.get(respondent.url("question", 1))
    assert page.status_code == 410


def test_a_restricted_survey_is_never_remembered_and_leaves_the_others_in_place(
    respondent, bradford, rochdale_young_people
):
    from surveys import route_cache

    respondent.start()
    respondent.client.get(respondent.url("question", 1))  # Bradford's route is remembered
    PageViewRestriction.objects.create(
        page=rochdale_young_people, restriction_type=PageViewRestriction.LOGIN
    )
    respondent.client.force_login(UserFactory())  # a signed-in pilot: the survey is served
    for _ in range(3):
        assert respondent.client.get(rochdale_young_people.url).status_code == 200
    remembered = [
        page.pk for routes in route_cache._routes.values() for page, *_ in routes.values()
    ]
    assert remembered == [bradford.pk]
