"""CSV downloads that open cleanly in Excel and cannot carry a formula into it."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

from engagement.analysis.csv_io import spreadsheet_safe


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def csv_download(filename: str, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """Stream rows (the first is the header) as a UTF-8 CSV with a byte-order mark, so Excel
    reads the accents right; text cells that Excel would run as formulas are kept as text."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        for row in rows:
            yield writer.writerow(
                [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
