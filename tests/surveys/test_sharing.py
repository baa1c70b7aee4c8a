"""Sharing a survey: every QR code and poster decodes, as a phone camera would, to the address
set in Settings > Sites, and an officer can set that address."""

import io
import re

import pytest
import resvg_py
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from wagtail.models import Site

from surveys.models import SurveyLink

pytestmark = pytest.mark.django_db

ADDRESS = "https://send.example.gov.uk"


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def decode_svg(svg: bytes) -> list[str]:
    """Rasterise the file as a browser would, with nothing behind it (a transparent code
    would decode as solid black), then read it."""
    png = resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8"))
    return decode(Image.open(io.BytesIO(bytes(png))))


@pytest.fixture
def real_address(db):
    Site.objects.filter(is_default_site=True).update(hostname="send.example.gov.uk", port=443)


@pytest.fixture
def tagged(bradford):
    return SurveyLink.objects.create(page=bradford, label="Annual reviews", channel="annual_review")


def test_the_survey_qr_codes_decode_to_the_site_address(client, officer, bradford, real_address):
    url = f"{ADDRESS}{bradford.url}"
    share = client.get(f"/admin/survey-results/{bradford.pk}/share/").content.decode()
    assert url in share and "http://localhost" not in share

    svg = client.get(f"/admin/survey-results/{bradford.pk}/share/qr.svg?")
    assert svg["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in svg.content
    assert decode_svg(svg.content) == [url]

    png = client.get(f"/admin/survey-results/{bradford.pk}/share/qr.png?&download")
    assert png["Content-Type"] == "image/png"
    assert (
        (png["Content-Disposition"])
        == 'attachment; filename="pupil-voice-annual-review-survey-qr.png"'
    )
    assert decode(Image.open(io.BytesIO(png.content))) == [url]
    # The survey's own public QR route gives the same valid file.
    assert decode_svg(client.get(f"{bradford.url}qr/").content) == [url]


def test_tagged_links_decode_to_their_short_link(client, officer, bradford, tagged, real_address):
    url = f"{ADDRESS}/s/{tagged.code}/"
    share = client.get(f"/admin/survey-results/{bradford.pk}/share/").content.decode()
    assert url in share and "Annual reviews" in share
    base = f"/admin/survey-results/{bradford.pk}/share/"
    assert decode_svg(client.get(f"{base}qr.svg?link={tagged.code}").content) == [url]
    png = client.get(f"{base}qr.png?link={tagged.code}").content
    assert decode(Image.open(io.BytesIO(png))) == [url]
    assert decode_svg(client.get(f"/s/{tagged.code}/qr/").content) == [url]
    # Another survey's link code is not found here.
    assert client.get(f"{base}qr.svg?link=nope").status_code == 404


def test_a_poster_per_link_with_title_short_link_and_a_code_that_reads(
    client, officer, bradford, tagged, real_address
):
    response = client.get(
        f"/admin/survey-results/{bradford.pk}/share/poster.pdf?link={tagged.code}"
    )
    assert response["Content-Type"] == "application/pdf"
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]  # A4 in points
    text = page.extract_text()
    assert bradford.title.split()[0] in text
    assert f"{ADDRESS}/s/{tagged.code}/" in text
    assert "phone" in text and f"{bradford.minutes_to_complete} minutes" in text
    (image,) = page.images
    assert decode(image.image) == [f"{ADDRESS}/s/{tagged.code}/"]


def test_the_share_page_warns_while_the_address_is_localhost(client, officer, bradford):
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "localhost"
    html = client.get(f"/admin/survey-results/{bradford.pk}/share/").content.decode()
    assert "will not work outside this computer" in html
    assert f'href="/admin/sites/edit/{site.pk}/"' in html


def test_an_officer_sets_the_site_address_in_settings(client, officer, bradford):
    site = Site.objects.get(is_default_site=True)
    edit = client.get(f"/admin/sites/edit/{site.pk}/")
    assert edit.status_code == 200
    response = client.post(
        f"/admin/sites/edit/{site.pk}/",
        {
            "hostname": "send.example.gov.uk",
            "port": "443",
            "site_name": site.site_name or "SEND voices",
            "root_page": site.root_page_id,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302, re.findall(r"error-message.*", response.content.decode())
    html = client.get(f"/admin/survey-results/{bradford.pk}/share/").content.decode()
    assert f"{ADDRESS}{bradford.url}" in html
    assert "will not work outside this computer" not in html
