"""A Content-Security-Policy with no inline scripts, and documents served through a view with
only safe kinds of file."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from engagement.roles import OFFICER
from tests.factories import UserFactory

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


def test_only_the_admin_allows_wagtails_inline_code_and_still_nothing_from_elsewhere(
    client, demo_site
):
    client.force_login(UserFactory(roles=[OFFICER]))
    response = client.get("/admin/pages/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:"]


def test_no_template_has_an_inline_script():
    """Every <script> loads a file: an inline one would be blocked by the policy anyway."""
    inline = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        for tag in re.findall(r"<script\b[^>]*>", template.read_text(encoding="utf-8")):
            if "src=" not in tag and "application/json" not in tag:
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
