"""Excel downloads keep counts as numbers and never turn text into a formula."""

from io import BytesIO

from openpyxl import load_workbook

from engagement.xlsx_download import xlsx_download


def test_counts_are_numbers_and_formula_like_text_stays_text():
    response = xlsx_download(
        "f.xlsx", "Figures", [["value"], ["12"], ["=HYPERLINK(1)"], ["-3%"], ["²"], ["007"]]
    )
    assert response["Content-Disposition"] == 'attachment; filename="f.xlsx"'
    sheet = load_workbook(BytesIO(response.content))["Figures"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [12, "=HYPERLINK(1)", "-3%", "²", "007"]
    assert [cell.data_type for cell in cells] == ["n", "s", "s", "s", "s"]
