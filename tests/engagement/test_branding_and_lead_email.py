"""The council's name, logo colour and contact come from Settings > Branding, in the header,
the footer and the PDFs; a failed email to the safeguarding lead is in the audit log, shown to
officers until it goes, and sent again by the sweep."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from pypdf import PdfReader
from wagtail.models import Site

from engagement import tasks
from engagement.checking import sweep
from engagement.models import AuditEvent, Branding, SafeguardingCase
from engagement.roles import COMMISSIONER, OFFICER, SAFEGUARDING_LEAD
from tests.engagement.test_checking import DISCLOSURE, ready, run
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NAME = "Borsetshire County Council"


@pytest.fixture
def branded(demo_site):
    branding = Branding.for_site(Site.objects.get(is_default_site=True))
    branding.council_name = NAME
    branding.colour = "#5a1e5c"
    branding.contact_email = "send@borsetshire.example"
    branding.contact_phone = "01632 960 000"
    branding.save()
    return branding


def test_the_header_footer_and_stylesheet_use_the_branding(client, branded, rochdale):
    html = client.get("/").content.decode()
    assert NAME in html and "Rochdale Borough Council (demo)" not in html
    assert 'href="mailto:send@borsetshire.example"' in html and 'href="tel:01632960000"' in html
    assert 'href="/brand.css"' in html
    css = client.get("/brand.css")
    assert css["Content-Type"] == "text/css" and "--brand: #5a1e5c" in css.content.decode()


def test_the_pdfs_name_the_council_from_the_branding(client, branded, rochdale):
    client.force_login(UserFactory(roles=[COMMISSIONER]))
    plan = client.get(f"{rochdale.plan().url}pdf/")
    assert PdfReader(io.BytesIO(plan.content)).metadata.author == NAME
    report = PdfReader(io.BytesIO(client.get("/dashboard/report.pdf").content)).metadata
    # The report is about one council's area (its title names the framework's area); the
    # council that publishes it is the author.
    assert report.author == NAME


def test_an_officer_sets_the_branding_and_a_hard_to_read_colour_is_refused(client, demo_site):
    client.force_login(UserFactory(roles=[OFFICER]))
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/engagement/branding/{site.pk}/"
    assert client.get(url).status_code == 200
    form = {"council_name": NAME, "colour": "#ffdd00", "contact_email": "", "contact_phone": ""}
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "too hard to read" in refused.content.decode()
    client.post(url, {**form, "colour": "#1d3557"})
    assert Branding.for_site(site).council_name == NAME
    assert NAME in client.get("/").content.decode()


@pytest.mark.usefixtures("database_task_queue")
def test_a_failed_lead_email_is_audited_shown_to_officers_and_sent_again(
    make_voice, settings, mailoutbox
):
    from django.test import Client

    UserFactory(roles=[SAFEGUARDING_LEAD], email="lead@council.example")
    voice = make_voice(DISCLOSURE, analysed=False)
    tasks.analyse_voices.enqueue([voice.pk])
    run(ready(tasks.analyse_voices))
    case = SafeguardingCase.objects.get(voice=voice)
    # A real mail server that is not there: nothing listens on port 1.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    assert run(ready(tasks.notify_safeguarding_leads)).status == TaskResultStatus.FAILED
    (event,) = AuditEvent.objects.filter(action__startswith="Email to the safeguarding leads")
    assert event.object_id == str(case.pk) and DISCLOSURE[:10] not in event.action

    officer = Client()
    officer.force_login(UserFactory(roles=[OFFICER]))
    assert "has not gone" not in officer.get("/admin/").content.decode()  # not yet overdue
    SafeguardingCase.objects.filter(pk=case.pk).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    home = officer.get("/admin/").content.decode()
    assert "The email to the safeguarding lead has not gone" in home
    assert "he hits" not in home

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sweep()
    run(ready(tasks.notify_safeguarding_leads))
    assert mailoutbox[-1].to == ["lead@council.example"]
    assert "has not gone" not in officer.get("/admin/").content.decode()
