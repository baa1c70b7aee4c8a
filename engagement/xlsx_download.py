"""Excel downloads (openpyxl), for people who take the figures into their own spreadsheets."""

from collections.abc import Iterable
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook

from engagement.analysis.csv_io import spreadsheet_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    """Whole numbers stay numbers, so Excel can add them up; text that Excel would run as a
    formula is kept as text, as in the CSV downloads."""
    if isinstance(value, str):
        return int(value) if value.isdigit() else spreadsheet_safe(value)
    return value


def xlsx_download(filename: str, title: str, rows: Iterable[Iterable]) -> HttpResponse:
    """One sheet named `title`; the first row is the header."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.language = "en-GB"
    sheet = workbook.create_sheet(title[:31])  # Excel's limit for a sheet name
    for row in rows:
        sheet.append([_cell(value) for value in row])
    content = BytesIO()
    workbook.save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
