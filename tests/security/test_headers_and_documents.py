"""A Content-Security-Policy with no inline scripts, and documents served through a view with
only safe kinds of file."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from engagement.roles import OFFICER
from surveys.models import SurveyPage
from tests.factories import UserFactory
from tests.url_walk import url_conf_routes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def test_public_pages_allow_nothing_from_elsewhere_and_no_inline_code(client, demo_site):
    for path in ["/", "/rochdale/", "/pupil-voice-annual-review/", "/accounts/login/"]:
        policy = directives(client.get(path))
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert policy["object-src"] == ["'none'"], path


def test_only_the_admin_allows_inline_styles_and_its_scripts_need_the_nonce(client, demo_site):
    client.force_login(UserFactory(roles=[OFFICER]))
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    response = client.get(f"/admin/pages/{survey.pk}/edit/")  # choosers, dates, inline panels
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce_of(response)}'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:"]


def nonce_of(response) -> str:
    found = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return found.group(1) if found else ""


def inline_scripts(html: str) -> list[str]:
    """The opening tags of <script> elements that run code written into the page."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and "application/json" not in tag
    ]


def test_every_inline_script_on_every_admin_page_carries_that_pages_nonce(client, demo_site):
    """Walks the admin as a superuser: a script Wagtail writes inline without the nonce would
    be refused by the browser (and an injected one is, since it cannot know the nonce)."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    pages, unnonced = 0, []
    for route in url_conf_routes():
        if not route.label.startswith("/admin/"):
            continue
        path = route.path([str(survey.pk)] * len(route.arguments))
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        assert "'unsafe-inline'" not in directives(response)["script-src"], path
        nonce = nonce_of(response)
        for tag in inline_scripts(response.content.decode()):
            if not nonce or f'nonce="{nonce}"' not in tag:
                unnonced.append(f"{path}: {tag}")
    assert pages > 50
    assert unnonced == []


def test_no_template_has_an_inline_script_but_wagtails_own_with_the_nonce():
    """Every <script> of ours loads a file. The only inline ones are the Wagtail admin's own
    set-up scripts that engagement/templates/wagtailadmin/ gives the response's nonce."""
    inline = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        admin_override = "wagtailadmin" in template.parts
        for tag in inline_scripts(template.read_text(encoding="utf-8")):
            if not (admin_override and 'nonce="{% csp_nonce %}"' in tag):
                inline.append(f"{template.relative_to(ROOT)}: {tag}")
    assert inline == []


def upload(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_an_html_upload_is_refused_and_a_pdf_is_served_through_the_view(client, demo_site):
    Document = get_document_model()
    client.force_login(UserFactory(roles=[OFFICER]))
    refused = upload(client, "page.html", b"<script>alert(1)</script>")
    assert refused.status_code == 200
    assert "File extension “html” is not allowed" in refused.content.decode()
    assert not Document.objects.filter(title="page.html").exists()

    assert upload(client, "plan.pdf", b"%PDF-1.4 test")["Location"].startswith("/admin/")
    document = Document.objects.get(title="plan.pdf")
    assert document.url == f"/documents/{document.pk}/{Path(document.file.name).name}"
    served = client.get(document.url)
    assert served.status_code == 200
    # Served by Wagtail's view (it checks privacy and names the file), not from the media folder.
    assert served["Content-Disposition"].startswith('inline; filename="plan')
