"""Every route the site answers, probed as an attacker would: malformed ids in the address,
oversized numbers in the query string, and methods no form of the site sends, as anonymous, as
a respondent in the middle of a survey and as signed-in staff of every role.

Never a server error, and no view answers a method it was not written for: an odd method is
refused (405), and HEAD gets what GET gets, with the same entries in the audit log.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from engagement.models import AuditEvent, SafeguardingCase, Voice
from engagement.request_guards import allowed_methods
from engagement.roles import (
    COMMISSIONER,
    FACILITATOR,
    OFFICER,
    PARENT_CARER_AMBASSADOR,
    SAFEGUARDING_LEAD,
    YOUNG_AMBASSADOR,
)
from outcomes_cms.models import HomePage
from surveys.models import FocusGroupSession, SurveyLink, SurveyPage
from tests.factories import UserFactory
from tests.surveys.conftest import Respondent
from tests.url_walk import Route, every_route

pytestmark = pytest.mark.django_db

BIG = "9" * 40
BAD_IDS = ["abc", BIG, "-1"]
ODD_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"]
ANONYMOUS, RESPONDENT, SUPERUSER = "anonymous", "respondent", "superuser"
ROLES = [
    OFFICER,
    FACILITATOR,
    COMMISSIONER,
    SAFEGUARDING_LEAD,
    YOUNG_AMBASSADOR,
    PARENT_CARER_AMBASSADOR,
]


@pytest.fixture
def known(demo_site):
    """Real objects for the routes' arguments, so requests reach the views behind them."""
    now = timezone.now()
    voice = Voice.objects.create(
        text="He hits me when I get home", channel="survey", audience="young_person",
        said_at=now, safeguarding_flag=True, analysed_at=now,
        analysed_text="He hits me when I get home",
    )  # fmt: skip
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    return {
        "case": SafeguardingCase.objects.get_or_create(voice=voice)[0],
        "voice": voice,
        "survey": survey,
        "home": HomePage.objects.get(),
        "session": FocusGroupSession.objects.first(),
        "link": SurveyLink.objects.filter(page=survey).first()
        or SurveyLink.objects.create(page=survey, label="Probe"),
    }


def plausible_values(route: Route, known: dict) -> list[str]:
    """A value for each argument that names something real where it can."""
    survey, home = known["survey"], known["home"]
    by_name = {
        "page_id": survey.pk,
        "parent_page_id": home.pk,
        "page_to_move_id": survey.pk,
        "destination_id": home.pk,
        "survey_id": survey.pk,
        "key": "waiting",
        "code": known["link"].code,
        "content_type_app_name": "surveys",
        "content_type_model_name": "surveypage",
        "app_label": "surveys",
        "model_name": "surveypage",
        "app_name": "surveys",
        "filter_spec": "original",
        "number": 1,
    }
    pk_by_prefix = {
        "/safeguarding/": known["case"].pk,
        "/focus-groups/": known["session"].pk,
        "/admin/pages/": survey.pk,
        "/admin/comments/": known["voice"].pk,
    }
    pk = next((v for prefix, v in pk_by_prefix.items() if route.label.startswith(prefix)), 1)
    return [str(by_name.get(name, pk)) for name, _converter in route.arguments]


def client_for(person: str, known: dict) -> Client:
    client = Client(raise_request_exception=False)
    if person == RESPONDENT:
        Respondent(client, known["survey"]).start()
    elif person == SUPERUSER:
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
    elif person != ANONYMOUS:
        client.force_login(UserFactory(roles=[person]))
    return client


def described(response) -> str:
    request = response.request
    query = f"?{request['QUERY_STRING']}" if request.get("QUERY_STRING") else ""
    return f"{request['REQUEST_METHOD']} {request['PATH_INFO']}{query} -> {response.status_code}"


def server_errors(responses) -> list[str]:
    return [described(r) for r in responses if r.status_code >= 500]


@pytest.mark.parametrize("person", [ANONYMOUS, OFFICER, SUPERUSER])
def test_a_malformed_id_in_any_address_is_never_a_server_error(known, person):
    client = client_for(person, known)
    paths = set()
    for route in every_route():
        values = plausible_values(route, known)
        for position in range(len(values)):
            for bad in filter(lambda bad: route.accepts(position, bad), BAD_IDS):
                paths.add(route.path([*values[:position], bad, *values[position + 1 :]]))
    assert len(paths) > 200  # the walk found Wagtail's routes as well as the site's own
    responses = []
    for path in sorted(paths):
        responses += [client.get(path), client.post(path)]
    assert not server_errors(responses), "\n".join(server_errors(responses))


PEOPLE = [ANONYMOUS, RESPONDENT, *ROLES, SUPERUSER]
# Wagtail's admin views are classes (HEAD is their GET) behind the admin's own door: walked as
# the superuser, who reaches them all; officers' way in is in test_permission_matrix.py.
ADMIN_WALKERS = {ANONYMOUS, SUPERUSER}


def audit_since(last_pk: int) -> list[tuple]:
    return list(AuditEvent.objects.filter(pk__gt=last_pk).values_list("kind", "action"))


def latest_audit_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("person", PEOPLE)
def test_no_route_answers_a_method_it_was_not_written_for(known, person):
    """PUT, PATCH, DELETE, OPTIONS and PROPFIND are refused, except where a view's own code
    answers one (Wagtail's admin scripts send two). HEAD is refused too, or is GET without the
    body: GET's status and the same audit entries."""
    client = client_for(person, known)
    session_user = client.session.get("_auth_user_id")
    answered, head_differs, responses = [], [], []
    for route in every_route():
        if route.label.startswith("/admin/") and person not in ADMIN_WALKERS:
            continue
        path = route.path(plausible_values(route, known))
        before = latest_audit_pk()
        head = client.head(path)
        head_audit, before = audit_since(before), latest_audit_pk()
        get = client.get(path)
        if head.status_code != 405 and (head.status_code, head_audit) != (
            get.status_code,
            audit_since(before),
        ):
            head_differs.append(
                f"{path}: HEAD {head.status_code} {head_audit}, GET {described(get)}"
            )
        responses += [head, get]
        if person in (ANONYMOUS, RESPONDENT, SUPERUSER):  # refused before anyone is asked
            for method in ODD_METHODS:
                odd = client.generic(method, path)
                responses.append(odd)
                if odd.status_code not in (404, 405) and not route_allows(path, method):
                    answered.append(described(odd))
        if client.session.get("_auth_user_id") != session_user:  # a GET must not sign out
            pytest.fail(f"GET {path} changed who is signed in")
    assert not server_errors(responses), "\n".join(server_errors(responses))
    assert not answered, "\n".join(answered)
    assert not head_differs, "\n".join(head_differs)


def route_allows(path: str, method: str) -> bool:
    return method in allowed_methods(resolve(path).func)


class QueryNames(HTMLParser):
    """The query parameters a page offers: fields of its GET forms and keys in its links."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self._in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])
        elif tag == "a" and "?" in (attrs.get("href") or ""):
            self.names.update(key for key, _ in parse_qsl(urlsplit(attrs["href"]).query))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def query_names(response) -> set[str]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    parser = QueryNames()
    parser.feed(response.content.decode())
    return parser.names


# Read by views without a form on the page (exports take the dashboard's filters).
ALWAYS_TRIED = {"p", "page", "id", "outcome", "theme", "status", "parent", "content_type"}


def test_an_oversized_number_in_any_query_string_is_never_a_server_error(known):
    """Every page a superuser can open, with each parameter its forms and links offer (and a
    few read without one) set to 40 digits. All at once: a filter form checks each field on
    its own, so one refused value does not hide another."""
    client = client_for(SUPERUSER, known)
    responses = []
    for route in every_route():
        path = route.path(plausible_values(route, known))
        page = client.get(path)
        responses.append(page)
        if page.status_code == 200:
            names = query_names(page) | ALWAYS_TRIED
            responses.append(client.get(path, dict.fromkeys(sorted(names), BIG)))
    assert len(responses) > 300
    assert not server_errors(responses), "\n".join(server_errors(responses))


@pytest.mark.parametrize("listing", ["/admin/documents/", "/admin/images/"])
def test_wagtail_search_with_a_usage_count_filter(known, listing):
    """Wagtail 8's search backend cannot filter on the annotated usage count (django-modelsearch
    issue 51): engagement/admin_listings.py filters first, then searches those."""
    client = client_for(SUPERUSER, known)
    for results in ("", "results/"):
        response = client.get(listing + results, {"q": "plan", "usage_count_max": "3"})
        assert response.status_code == 200
