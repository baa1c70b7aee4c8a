"""Theme any CSV of comments: python manage.py theme_csv INPUT.csv --text-column COLUMN.

Writes every row back with the analysis added: themes (codebook keys joined by ";"),
theme_reasons, sentiment, safeguarding (yes/no), personal_data (yes/no) and redacted_text.
Rows that cannot be analysed are listed by line on stderr and written back unanalysed, or left
out when the row itself is broken (more cells than the header).
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from engagement.analysis import Codebook, analyse
from engagement.analysis.csv_io import UnreadableFile, read_csv, spreadsheet_safe

ADDED = ["themes", "theme_reasons", "sentiment", "safeguarding", "personal_data", "redacted_text"]


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def add_arguments(self, parser):
        parser.add_argument("input", type=Path, help="The CSV to theme (UTF-8 or Windows-1252)")
        parser.add_argument("--text-column", required=True, help="The column with the comments")
        parser.add_argument("--output", type=Path, help="Where to write (default: stdout)")
        parser.add_argument(
            "--codebook",
            type=Path,
            help="A codebook JSON file (default: the officers' codebook in the database)",
        )

    def handle(self, *args, input: Path, text_column: str, output, codebook, **options):
        try:
            parsed = read_csv(input.read_bytes())
            problems = parsed.check_text_column(text_column)
        except FileNotFoundError as missing:
            raise CommandError(f"There is no file at {input}.") from missing
        except UnreadableFile as problem:
            raise CommandError(f"{input}: {problem}") from problem
        codebook = self._codebook(codebook)

        skip = {problem.line for problem in problems}
        rows = parsed.frame()
        good = rows[~rows.index.isin(skip)]
        analysed = analyse(good, codebook=codebook, text_column=text_column)
        added = {
            "themes": analysed["themes"].map(";".join),
            "theme_reasons": analysed["theme_details"].map(_reasons).map(spreadsheet_safe),
            "sentiment": analysed["sentiment"],
            "safeguarding": analysed["safeguarding"].map(_yes_no),
            "personal_data": analysed["personal_data"].map(_yes_no),
            "redacted_text": analysed["redacted_text"].map(spreadsheet_safe),
        }
        for column in ADDED:
            rows[column] = ""
            rows.loc[good.index, column] = added[column]

        out = output.open("w", encoding="utf-8-sig", newline="") if output else self.stdout
        try:
            writer = csv.writer(out)
            columns = [c for c in parsed.columns if c not in ADDED] + ADDED
            writer.writerow(columns)
            writer.writerows(rows[columns].itertuples(index=False, name=None))
        finally:
            if output:
                out.close()

        for warning in parsed.warnings:
            self.stderr.write(f"{warning} (read as shown)")
        for problem in problems:
            self.stderr.write(f"{problem} (written back without analysis)")
        for problem in parsed.problems:
            self.stderr.write(f"{problem} (left out)")
        summary = f"Themed {len(good):,} of {len(rows) + len(parsed.problems):,} rows"
        self.stderr.write(summary + (f"; written to {output}" if output else ""))

    def _codebook(self, path: Path | None) -> Codebook:
        if path is None:
            from engagement.themes import current_codebook

            return current_codebook()
        try:
            return Codebook.from_json(path)
        except (OSError, ValueError, KeyError) as problem:
            raise CommandError(
                f"Could not read the codebook {path}: {problem}. It must be JSON like "
                'engagement/analysis/data/codebook.json: {"themes": [{"key": ..., "name": ...}]}'
            ) from problem


def _reasons(details) -> str:
    return " | ".join(f"{d['key']}: {', '.join(d['reasons'])}" for d in details)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
