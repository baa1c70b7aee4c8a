"""Officers import a quarter's indicator values from a CSV: every row checked and shown first,
nothing saved from a file with a bad line, a second confirm stores nothing twice, and a confirm
that no longer matches what is stored saves nothing."""

import csv
import io
import time
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from engagement.dashboard.periods import recent_quarters
from engagement.roles import COMMISSIONER
from outcomes_cms.models import IndicatorValue, OutcomeIndicator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/outcomes_cms/indicatorvalue/"
URL = LISTING + "import/"
TEMPLATE_URL = URL + "template.csv"
HEADER = "indicator,quarter_starting,value,unit,source,target\n"


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


def confirm(client, page: str):
    return client.post(URL, {"confirm": "1", "rows": signed_rows(page)}, follow=True)


def one_row(indicator, value: str, **cells) -> str:
    cells = {"unit": "", "source": "LA data", "target": "", **cells}
    return HEADER + (
        f'"{indicator.name}",{last_quarter()},"{value}",{cells["unit"]},'
        f'"{cells["source"]}",{cells["target"]}\n'
    )


def template(client) -> list[dict]:
    content = b"".join(client.get(TEMPLATE_URL).streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_the_filled_in_template_imports_once_after_a_check(client, officer, indicators, encoding):
    rows = template(client)
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

    first = confirm(client, page)
    assert "Imported 2 values: 2 new, 0 replaced" in first.content.decode()
    again = confirm(client, page)  # a double click: nothing is stored twice
    assert "0 new, 0 replaced, 2 already as in the file" in again.content.decode()
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
    assert "The value &#x27;ten&#x27; will not do: write it like 1204.5" in page
    assert "The source is empty" in page
    assert "Line 5: Line 2 already gives this indicator&#x27;s value for this quarter" in page
    assert 'name="rows"' not in page  # no way to import until it is fixed
    assert not IndicatorValue.objects.filter(period_start=last_quarter()).exists()


@pytest.mark.parametrize(
    ("written", "stored", "problem"),
    [
        ("1,204.5", Decimal("1204.50"), ""),
        ("1\u00a0204", Decimal("1204.00"), ""),
        ("\u22125", Decimal("-5.00"), ""),  # a typographic minus, as Word and Excel make it
        ("72.5%", Decimal("72.50"), ""),
        ("1,5", None, "write it like 1204.5, with a full stop for decimals"),
        ("1.005", None, "no more than 2 decimal places"),
        ("12345678901", None, "no more than 10 digits before the decimal point"),
    ],
)
def test_numbers_are_read_as_people_write_them_or_refused_with_advice(
    client, officer, indicators, written, stored, problem
):
    page = upload(client, one_row(indicators[0], written)).content.decode()
    if problem:
        assert problem in page and 'name="rows"' not in page
        return
    confirm(client, page)
    assert IndicatorValue.objects.get(period_start=last_quarter()).value == stored


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
        higher_is_better=False,
    )
    text = one_row(indicator, "65%", unit="%", source="Corrected")
    page = upload(client, text).content.decode()
    changes = "value 60 → 65; target 70 → none; source &#x27;First go&#x27; → &#x27;Corrected&#x27;"
    assert changes in page
    assert "higher is better" not in page  # no direction column: the stored one stays
    history = confirm(client, page)
    assert "0 new, 1 replaced" in history.content.decode()
    old.refresh_from_db()
    assert (old.value, old.source, old.target, old.higher_is_better) == (
        Decimal("65.00"),
        "Corrected",
        None,
        False,
    )
    entry = ModelLogEntry.objects.get(action="wagtail.edit", object_id=str(old.pk))
    assert entry.data["import"].startswith("value 60 → 65")
    assert "No change: already saved like this" in upload(client, text).content.decode()


def test_a_confirm_that_no_longer_matches_what_is_stored_saves_nothing(client, officer, indicators):
    checked = upload(client, one_row(indicators[0], "40")).content.decode()
    # Someone types a value in the editor before the officer confirms the import.
    IndicatorValue.objects.create(
        indicator=indicators[0], period_start=last_quarter(), value=55, source="Typed in"
    )
    page = confirm(client, checked).content.decode()
    assert "has changed since you checked the file" in page
    assert IndicatorValue.objects.get(period_start=last_quarter()).value == Decimal("55.00")


def test_an_indicator_removed_between_check_and_confirm_saves_nothing(client, officer):
    outcome = OutcomeIndicator.objects.filter(kind="quantitative").first().page
    doomed = OutcomeIndicator.objects.create(page=outcome, name="Short-lived", kind="quantitative")
    checked = upload(client, one_row(doomed, "3")).content.decode()
    doomed.delete()
    page = confirm(client, checked).content.decode()
    assert "&#x27;Short-lived&#x27; is no longer an indicator" in page
    assert "Nothing has been saved" in page
    assert not IndicatorValue.objects.filter(period_start=last_quarter()).exists()


@pytest.mark.parametrize("target", ["20.5", "60", "-5"])  # never "6E+1", never "'-5"
def test_the_template_carries_each_indicators_latest_unit_source_and_target(
    client, officer, indicators, target
):
    indicator = indicators[0]
    IndicatorValue.objects.create(
        indicator=indicator,
        period_start=recent_quarters(4)[3].start,
        value=12,
        unit="weeks",
        source="Case system",
        target=Decimal(target),
        higher_is_better=False,
    )
    row = next(row for row in template(client) if row["indicator"] == indicator.name)
    assert (row["unit"], row["source"], row["target"], row["higher_is_better"], row["value"]) == (
        "weeks",
        "Case system",
        target,
        "no",
        "",
    )


def test_a_name_excel_would_run_as_a_formula_survives_the_round_trip(client, officer):
    outcome = OutcomeIndicator.objects.filter(kind="quantitative").first().page
    formula = OutcomeIndicator.objects.create(
        page=outcome, name="=Rate of EHCPs", kind="quantitative"
    )
    row = next(row for row in template(client) if row["indicator_id"] == str(formula.pk))
    assert row["indicator"] == "'=Rate of EHCPs"  # text in Excel, not a formula
    row["value"], row["source"] = "4", "LA data"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow({**row, "indicator_id": ""})  # matched by its name alone
    page = upload(client, out.getvalue()).content.decode()
    assert "Adds a new value" in page and "Import 1 value" in page


def test_a_trailing_comma_and_blank_lines_are_not_problems(client, officer, indicators):
    text = one_row(indicators[0], "9").replace("\n", ",\n") + "\n,,,,,\n"
    assert "Import 1 value" in upload(client, text).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,value\nx,1\n", "Missing: indicator, quarter_starting, source"),
        (b"\x00\x01binary", "not a CSV text file"),
        (b"indicator,quarter_starting,value,source\n", "No row has a value"),
        (b"indicator," + b"x" * 200_000 + b"\n", "Line 1: the CSV is broken there"),
    ],
)
def test_unusable_files_are_refused_with_what_to_do(client, officer, data, message):
    response = client.post(URL, {"csv_file": SimpleUploadedFile("v.csv", data)})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_forged_confirm_saves_nothing_and_says_so(client, officer):
    page = client.post(URL, {"confirm": "1", "rows": "forged"}, follow=True).content.decode()
    assert "could not be read, so nothing has been saved" in page
    assert not IndicatorValue.objects.filter(period_start=last_quarter()).exists()


def test_a_check_left_for_more_than_a_day_must_be_done_again(
    client, officer, indicators, monkeypatch
):
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: two_days_ago)
    checked = upload(client, one_row(indicators[0], "7")).content.decode()
    monkeypatch.undo()
    assert "has run out" in confirm(client, checked).content.decode()
    assert not IndicatorValue.objects.filter(period_start=last_quarter()).exists()


def admin_user_with(*codenames: str):
    user = UserFactory(authenticator=False)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return user


@pytest.mark.parametrize(
    "codenames", [["view_indicatorvalue"], ["view_indicatorvalue", "add_indicatorvalue"]]
)
def test_importing_takes_both_add_and_change(client, indicators, codenames):
    client.force_login(admin_user_with(*codenames))
    assert client.get(LISTING).status_code == 200
    assert "Import from CSV" not in client.get(LISTING).content.decode()
    # Wagtail sends a refused admin request to the admin's home page, with a message.
    for refused in (
        client.get(URL),
        client.get(TEMPLATE_URL),
        client.post(URL, {"csv_file": SimpleUploadedFile("v.csv", b"x")}),
        client.post(URL, {"confirm": "1", "rows": "x"}),
    ):
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_commissioners_have_no_admin_and_are_sent_to_sign_in(client):
    client.force_login(UserFactory(roles=[COMMISSIONER]))
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_the_values_listing_offers_the_import(client, officer):
    page = client.get(LISTING).content.decode()
    assert URL in page and "Import from CSV" in page


def test_a_line_in_windows_1252_is_repaired_and_shown_on_the_check(client, officer, indicators):
    text = one_row(indicators[0], "9", source="Café data")
    data = text.encode() + f'"{indicators[1].name}",{last_quarter()},5,,"Don’t know",\n'.encode(
        "cp1252"
    )
    file = SimpleUploadedFile("values.csv", data, content_type="text/csv")
    page = client.post(URL, {"csv_file": file}).content.decode()
    assert "Line 3: not UTF-8, so read as Windows-1252: “Don’t”" in page
    assert "Import 2 values" in page and "Don’t know" in page
