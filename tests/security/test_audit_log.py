"""The audit log records sign-ins, refused sign-ins, exports and safeguarding-queue actions, and
never a comment's words; superusers and officers read it in the admin, nobody changes it."""

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify

from engagement.models import AuditEvent, SafeguardingCase, Voice
from engagement.roles import COMMISSIONER, OFFICER, SAFEGUARDING_LEAD
from surveys.models import SurveyPage
from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def kinds(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("kind", flat=True))


def actions(**filters) -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(**filters).order_by("pk").values_list("kind", "action"))


def test_sign_ins_and_refused_sign_ins_are_recorded(client, demo_site):
    lead = UserFactory(email="lead@council.example", roles=[SAFEGUARDING_LEAD])
    client.post("/accounts/login/", {"login": "lead@council.example", "password": "guess"})
    client.post("/accounts/login/", {"login": "lead@council.example", "password": PASSWORD})
    assert kinds() == ["sign_in_failed"]  # the password alone does not sign a lead in
    client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert actions(user=lead) == [
        ("sign_in_failed", "Wrong email or password"),
        ("sign_in_failed", "Wrong authenticator code"),
        ("sign_in", "Signed in with password and authenticator code"),
    ]
    assert AuditEvent.objects.filter(email="lead@council.example").count() == 3


def test_refusals_for_too_many_wrong_tries_are_recorded(client, demo_site):
    lead = UserFactory(email="lead@council.example", roles=[SAFEGUARDING_LEAD])
    for _ in range(6):
        client.post("/accounts/login/", {"login": "lead@council.example", "password": "guess"})
    assert actions(user=lead)[-2:] == [
        ("sign_in_failed", "Wrong email or password"),
        ("sign_in_failed", "Refused: too many wrong passwords"),
    ]
    client.post("/accounts/login/", {"login": "nobody@council.example", "password": "guess"})
    assert actions(email="nobody@council.example") == [
        ("sign_in_failed", "Wrong email or password")
    ]


def test_a_sign_in_without_the_code_says_so_and_the_code_given_later_is_recorded(client, demo_site):
    """Django's own sign-in (any route but allauth's) is recorded too, as what it is."""
    officer = UserFactory(roles=[OFFICER])
    assert client.login(email=officer.email, password=PASSWORD)
    assert actions(user=officer) == [
        ("sign_in", "Password accepted; no access until the authenticator code is given")
    ]
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code()})
    assert actions(user=officer)[-1] == ("sign_in", "Authenticator code given for this session")
    commissioner = UserFactory(roles=[COMMISSIONER])
    Client().post("/accounts/login/", {"login": commissioner.email, "password": PASSWORD})
    assert actions(user=commissioner) == [("sign_in", "Signed in with password")]


def test_every_download_is_recorded_such_as_the_answers_csv(client, demo_site):
    officer = UserFactory(roles=[OFFICER])
    client.force_login(officer)
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    response = client.get(f"/admin/survey-results/{survey.pk}/answers.csv")
    assert response.status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORT)
    assert event.user == officer
    assert event.action == (
        f"Downloaded {slugify(survey.title)}-answers.csv "
        f"from /admin/survey-results/{survey.pk}/answers.csv"
    )


def test_a_report_opened_in_the_browser_is_recorded_too(client, demo_site):
    commissioner = UserFactory(roles=[COMMISSIONER])
    client.force_login(commissioner)
    assert client.get("/dashboard/report.pdf").status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORT)
    assert event.user == commissioner
    assert event.action.startswith("Downloaded themed-feedback-report-")
    assert event.action.endswith(" from /dashboard/report.pdf")


def test_opening_and_deciding_a_safeguarding_case_is_recorded_without_its_words(client, demo_site):
    now = timezone.now()
    voice = Voice.objects.create(
        text="I am scared to go home", channel="survey", audience="young_person", said_at=now,
        safeguarding_flag=True, analysed_at=now, analysed_text="I am scared to go home",
    )  # fmt: skip
    case = SafeguardingCase.objects.create(voice=voice)
    lead = UserFactory(roles=[SAFEGUARDING_LEAD])
    client.force_login(lead)
    client.get(f"/safeguarding/{case.pk}/")
    client.post(f"/safeguarding/{case.pk}/", {"status": "referred", "notes": "Told the DSL"})
    actions = list(
        AuditEvent.objects.filter(kind="safeguarding", user=lead)
        .order_by("pk")
        .values_list("action", "object_id")
    )
    assert actions == [
        (f"Opened case {case.pk}", str(case.pk)),
        (f"Marked case {case.pk}: Referred", str(case.pk)),
    ]
    written = str(list(AuditEvent.objects.values()))
    assert "scared" not in written and "DSL" not in written


def test_superusers_and_officers_read_the_log_and_nobody_changes_it(client, demo_site):
    event = AuditEvent.objects.create(kind="sign_in", email="x@council.example", action="Signed in")
    for person in [UserFactory(roles=[OFFICER]), UserFactory(is_superuser=True, is_staff=True)]:
        client.force_login(person)
        listing = client.get("/admin/audit-log/")
        assert listing.status_code == 200
        assert "x@council.example" in listing.content.decode()
        assert client.get(f"/admin/audit-log/inspect/{event.pk}/").status_code == 200
        for path in ["new/", f"edit/{event.pk}/", f"delete/{event.pk}/"]:
            assert client.get(f"/admin/audit-log/{path}").status_code in (302, 403), path
    client.force_login(UserFactory(roles=[COMMISSIONER]))
    assert client.get("/admin/audit-log/").status_code in (302, 403)
