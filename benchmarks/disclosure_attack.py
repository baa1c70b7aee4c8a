"""Residual risk of the disclosure control: the solver attack of
tests/engagement/dashboard/test_disclosure_attack.py under many cell-key secrets.

    .venv/bin/python benchmarks/disclosure_attack.py [--keys 40 | --keys 20:40]

Each key rounds every figure differently; the attack then tries to pin each cell and each
published sum whose true value is 1 to 4. Prints the targets and the cells recovered under each
key and in all (docs/decisions/0002-disclosure-control.md quotes the result). About 40 s a key.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEST = "tests/engagement/dashboard/test_disclosure_attack.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", default="40", help="how many other keys, or a range: 20:40")
    keys = parser.parse_args().keys
    run = subprocess.run(
        [sys.executable, "-m", "pytest", TEST, "-q", "-s", "-p", "no:cacheprovider"],
        cwd=REPO, env={**os.environ, "DISCLOSURE_ATTACK_KEYS": keys},
        capture_output=True, text=True,
    )  # fmt: skip
    found = re.findall(
        r"^attack: (\S+) figures (\d+) targets (\d+) recovered (\d+)$", run.stdout, re.M
    )
    for key, figures, targets, recovered in found:
        print(f"key {key}: {figures} published figures, {targets} cells and sums of 1 to 4 "
              f"attacked, {recovered} recovered")  # fmt: skip
    targets = sum(int(t) for _, _, t, _ in found)
    recovered = sum(int(r) for _, _, _, r in found)
    print(f"{len(found)} keys: {targets} attacked, {recovered} recovered")
    if run.returncode:
        print(run.stdout[-3000:], run.stderr[-2000:], sep="\n")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
