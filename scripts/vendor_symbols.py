"""Copy the symbols in surveys/symbols.py's CATALOGUE from OpenMoji's npm package, minified.

    cd /tmp && npm pack openmoji && tar xzf openmoji-*.tgz
    pip install scour   # in any virtualenv: only this script needs it
    python scripts/vendor_symbols.py /tmp/package

Only the colour SVGs the catalogue names are copied (a few hundred KB of the package's
thousands), each minified by scour: ids, metadata and line breaks go, numbers keep 3 significant
digits (a 72-unit drawing shown at 48 px loses nothing visible). That roughly halves them, which
matters because respondent pages carry them inline. Unused files left in the folder are removed.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from surveys.symbols import NAMES, STATIC_FOLDER  # noqa: E402

# scour on the PATH, or importable by this Python.
SCOUR = [shutil.which("scour")] if shutil.which("scour") else [sys.executable, "-m", "scour"]
TARGET = ROOT / "surveys" / "static" / STATIC_FOLDER
SCOUR_OPTIONS = [
    "--enable-id-stripping",
    "--shorten-ids",
    "--remove-metadata",
    "--remove-descriptive-elements",
    "--strip-xml-prolog",
    "--enable-comment-stripping",
    "--no-line-breaks",
    "--strip-xml-space",
    "--create-groups",
    "--set-precision=3",
]


def main(package: Path) -> None:
    version = json.loads((package / "package.json").read_text())["version"]
    for key in NAMES:
        source = package / "color" / "svg" / f"{key}.svg"
        if not source.exists():
            sys.exit(f"OpenMoji {version} has no {source.name}")
        target = TARGET / source.name
        subprocess.run(
            [*SCOUR, "-q", "-i", source, "-o", target, *SCOUR_OPTIONS],
            check=True,
        )
    for old in TARGET.glob("*.svg"):
        if old.stem not in NAMES:
            old.unlink()
    total = sum(f.stat().st_size for f in TARGET.glob("*.svg"))
    print(f"{len(NAMES)} symbols from OpenMoji {version}: {total / 1024:.1f} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
