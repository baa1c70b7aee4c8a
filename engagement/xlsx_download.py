"""Excel downloads (openpyxl), for people who take the figures into their own spreadsheets."""

from collections.abc import Iterable
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(sheet, value):
    """Whole numbers stay numbers, so Excel can add them up. Every other text is stored as
    text, never as a formula, even when it starts with = + - or @."""
    if not isinstance(value, str):
        return value
    if value.isascii() and value.isdecimal() and value == str(int(value)):  # not "²" or "007"
        return int(value)
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_download(filename: str, title: str, rows: Iterable[Iterable]) -> HttpResponse:
    """One sheet named `title`; the first row is the header."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.language = "en-GB"
    sheet = workbook.create_sheet(title[:31])  # Excel's limit for a sheet name
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    content = BytesIO()
    workbook.save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
