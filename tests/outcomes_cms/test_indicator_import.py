"""Officers import a quarter's indicator values from a CSV: every row checked and shown first,
nothing saved from a file with a bad line, a second confirm stores nothing twice."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from engagement.dashboard.periods import recent_quarters
from engagement.roles import COMMISSIONER, OFFICER
from outcomes_cms.models import IndicatorValue, OutcomeIndicator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/snippets/outcomes_cms/indicatorvalue/import/"
TEMPLATE_URL = URL + "template.csv"


@pytest.fixture
def officer(client):
    user = UserFactory(roles=[OFFICER])
    client.force_login(user)
    return user


@pytest.fixture
def indicators():
    quantitative = OutcomeIndicator.objects.filter(kind=OutcomeIndicator.Kind.QUANTITATIVE)
    return list(quantitative.select_related("page").order_by("pk")[:2])


def last_quarter() -> date:
    return recent_quarters(2)[1].start


def upload(client, text: str, encoding: str = "utf-8"):
    file = SimpleUploadedFile("values.csv", text.encode(encoding), content_type="text/csv")
    return client.post(URL, {"csv_file": file})


def signed_rows(page: str) -> str:
    return page.split('name="rows" value="')[1].split('"')[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_the_filled_in_template_imports_once_after_a_check(client, officer, indicators, encoding):
    template = client.get(TEMPLATE_URL)
    assert template["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(template.content.decode())))
    assert len(rows) == OutcomeIndicator.objects.filter(kind="quantitative").count()
    assert {row["quarter_starting"] for row in rows} == {last_quarter().isoformat()}
    for row, number in zip(rows, ("72.5", "1,204"), strict=False):
        row["value"], row["target"], row["source"] = number, "75", "Annual review returns – Q2"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)  # the rest left without a value, as an officer would

    checked = upload(client, out.getvalue(), encoding)
    page = checked.content.decode()
    assert checked.status_code == 200
    assert "Import 2 values" in page and "Annual review returns – Q2" in page
    assert page.count("Left out: no value") == len(rows) - 2
    assert page.count("Adds a new value") == 2
    assert not IndicatorValue.objects.filter(period_start=last_quarter()).exists()

    confirm = {"confirm": "1", "rows": signed_rows(page)}
    assert client.post(URL, confirm).status_code == 302
    client.post(URL, confirm)  # a double click: nothing is stored twice
    saved = IndicatorValue.objects.filter(period_start=last_quarter()).order_by("value")
    assert [(v.indicator.name, v.value, v.target) for v in saved] == [
        (rows[0]["indicator"], Decimal("72.50"), Decimal("75.00")),
        (rows[1]["indicator"], Decimal("1204.00"), Decimal("75.00")),
    ]
    # Each value's history says who imported it, once.
    assert ModelLogEntry.objects.filter(action="wagtail.create", user=officer).count() == 2


def test_a_file_with_a_bad_line_saves_nothing_and_names_each_problem(client, officer, indicators):
    first, second = indicators
    quarter = last_quarter().isoformat()
    text = (
        "indicator,outcome,quarter_starting,value,unit,source,target\n"
        f'"{first.name}",,{quarter},80,%,LA data,\n'
        f"No such indicator,,{quarter},5,,LA data,\n"
        f'"{second.name}",,2026-02-01,ten,,,\n'
        f'"{first.name}",,{quarter},81,%,LA data,\n'
    )
    response = upload(client, text)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing has been saved" in page
    assert "Line 3: No quantitative indicator is called &#x27;No such indicator&#x27;" in page
    assert "1 February 2026 does not start a quarter" in page
    assert "The value &#x27;ten&#x27; is not a number" in page
    assert "The source is empty" in page
    assert "Line 5: Line 2 already gives this indicator&#x27;s value for this quarter" in page
    assert 'name="rows"' not in page  # no way to import until it is fixed
    assert not IndicatorValue.objects.filter(period_start=last_quarter()).exists()


def test_a_value_for_a_quarter_that_has_one_replaces_it_saying_what_changes(
    client, officer, indicators
):
    indicator = indicators[0]
    old = IndicatorValue.objects.create(
        indicator=indicator,
        period_start=last_quarter(),
        value=60,
        unit="%",
        source="First go",
        target=70,
    )
    text = (
        "indicator,quarter_starting,value,unit,source,higher_is_better\n"
        f'"{indicator.name.upper()}",{last_quarter():%d/%m/%Y},65%,%,Corrected,no\n'
    )
    page = upload(client, text).content.decode()
    changes = "value 60 → 65; target 70 → none; source &#x27;First go&#x27; → &#x27;Corrected&#x27;"
    assert changes in page
    assert "lower is better" in page
    client.post(URL, {"confirm": "1", "rows": signed_rows(page)})
    old.refresh_from_db()
    assert (old.value, old.source, old.target, old.higher_is_better) == (
        Decimal("65.00"),
        "Corrected",
        None,
        False,
    )
    again = upload(client, text).content.decode()
    assert "No change: already saved like this" in again


def test_the_template_carries_each_indicators_latest_unit_source_and_target(
    client, officer, indicators
):
    indicator = indicators[0]
    IndicatorValue.objects.create(
        indicator=indicator,
        period_start=recent_quarters(4)[3].start,
        value=12,
        unit="weeks",
        source="Case system",
        target=Decimal("20.5"),
        higher_is_better=False,
    )
    rows = csv.DictReader(io.StringIO(client.get(TEMPLATE_URL).content.decode()))
    row = next(row for row in rows if row["indicator"] == indicator.name)
    assert (row["unit"], row["source"], row["target"], row["higher_is_better"], row["value"]) == (
        "weeks",
        "Case system",
        "20.5",
        "no",
        "",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,value\nx,1\n", "Missing: indicator, quarter_starting, source"),
        (b"\x00\x01binary", "not a CSV text file"),
        (b"indicator,quarter_starting,value,source\n", "No row has a value"),
    ],
)
def test_unusable_files_are_refused_with_what_to_do(client, officer, data, message):
    response = client.post(URL, {"csv_file": SimpleUploadedFile("v.csv", data)})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_forged_or_expired_confirm_saves_nothing(client, officer):
    assert client.post(URL, {"confirm": "1", "rows": "forged"}).status_code == 404
    assert not IndicatorValue.objects.filter(period_start=last_quarter()).exists()


def test_only_those_who_may_edit_values_can_import(client):
    """Commissioners read the dashboard but have no admin: sent to sign in (the whole matrix of
    roles is in tests/security/test_permission_matrix.py)."""
    client.force_login(UserFactory(roles=[COMMISSIONER]))
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    assert client.get(TEMPLATE_URL)["Location"].startswith("/accounts/login/")


def test_the_values_listing_offers_the_import(client, officer):
    page = client.get("/admin/snippets/outcomes_cms/indicatorvalue/").content.decode()
    assert URL in page and "Import from CSV" in page
