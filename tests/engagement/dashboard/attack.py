"""A solver attack on published counts, as someone trying to work out small numbers would run it.

The unknowns are the true counts of the finest cells (e.g. comments by theme, audience,
channel, sentiment, quarter and outcome). Every published figure is a sum of some of them and
says which values that sum can have: an interval. For each cell and each published sum whose
true value is 1 to 4, linear programming (scipy's linprog, HiGHS) finds the least and the
largest value it can take; where that range holds one whole number, the true one, it has been
worked out ("recovered"). Ranges of one or two whole numbers are checked again with the
unknowns held to whole numbers (a mixed-integer program): the strongest attacker we can run.

Kept in the tests: nothing here belongs in the app.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, vstack

from engagement.disclosure import BASE, FEWER_THAN

EPS = 1e-6


@dataclass
class Block:
    """Unknowns that published figures tie together (comments, answers, or people heard)."""

    truth: np.ndarray  # the true count of each finest cell
    rows: list[np.ndarray] = field(default_factory=list)  # indices of the cells each sum holds
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def add(self, cells: np.ndarray, interval: tuple[float, float] | None, label: str) -> None:
        if interval is not None and len(cells):
            self.rows.append(np.unique(cells))
            self.low.append(interval[0])
            self.high.append(interval[1])
            self.labels.append(label)

    def true_sum(self, cells: np.ndarray) -> int:
        return int(self.truth[cells].sum())


# What a published figure says about the true count, to three attackers.


def method_interval(shown: str) -> tuple[float, float]:
    """An attacker who knows the method: "fewer than 5" is 0 to 4; 5 is 1 to 14 (1 to 4 round
    up to 5, 10 to 14 may step down); anything else is within 9 of the true count (rounding
    moves it by up to 4, the further step by 5) and 5 or more."""
    if shown == FEWER_THAN:
        return (0, BASE - 1)
    value = int(shown)
    low = 1 if value == BASE else max(BASE, value - 2 * BASE + 1)
    return (low, value + 2 * BASE - 1)


def naive_interval(shown: str) -> tuple[float, float]:
    """An attacker who reads every number as exact."""
    return (0, BASE - 1) if shown == FEWER_THAN else (int(shown), int(shown))


def share_interval(share: str, whole: str, reading) -> tuple[float, float] | None:
    """What a percentage of a published base says about its part (the positive answers)."""
    if not share.endswith("%") or whole == FEWER_THAN:
        return None
    percent, base = int(share[:-1]), int(whole)
    if reading is naive_interval:
        return ((percent - 0.5) * base / 100, (percent + 0.5) * base / 100)
    parts = [p for p in range(BASE, base + 1, BASE) if round(100 * p / base) == percent]
    lows, highs = zip(*(method_interval(str(p)) for p in parts), strict=True)
    return (min(lows), max(highs))


def exact_interval(true: int) -> tuple[float, float]:
    """The old way, as the attacker saw it: exact counts and totals, 1 to 4 as "fewer than 5",
    none as 0. (Its secondary suppression hid some cells in each table, but not across
    filters, where the 430 recovered cells came from; it is not reproduced here.)"""
    if true == 0:
        return (0, 0)
    return (1, BASE - 1) if true < BASE else (true, true)


def exact_share_interval(positive: int, counted: int) -> tuple[float, float] | None:
    if counted < BASE or 0 < positive < BASE:
        return None
    percent = round(100 * positive / counted)
    return ((percent - 0.5) * counted / 100, (percent + 0.5) * counted / 100)


@dataclass
class Result:
    targets: int
    recovered: list[str]
    infeasible: bool = False


def attack(block: Block, integer_check: bool = True, most: int | None = None) -> Result:
    """Try to pin every cell and every published sum whose true value is 1 to 4 (or `most`
    of them, drawn at random)."""
    size = len(block.truth)
    matrix = _matrix(block.rows, size)
    # Identical sums published more than once are one constraint: the tightest interval.
    matrix, low, high = _merge(matrix, np.array(block.low), np.array(block.high))
    a_ub = vstack([matrix, -matrix]).tocsr()
    b_ub = np.concatenate([high, -low])
    small = np.flatnonzero((block.truth >= 1) & (block.truth < BASE))
    targets = [(f"cell {i}", np.array([i])) for i in small]
    targets += [
        (label, cells)
        for label, cells in zip(block.labels, block.rows, strict=True)
        if 1 <= block.true_sum(cells) < BASE
    ]
    targets = list({tuple(cells): (label, cells) for label, cells in targets}.values())
    if most is not None and len(targets) > most:
        chosen = np.random.default_rng(15).choice(len(targets), most, replace=False)
        targets = [targets[at] for at in sorted(chosen)]
    program = Program(a_ub, b_ub, size)
    if program.solve(np.zeros(size)) is None:
        return Result(len(targets), [], infeasible=True)
    open_targets = _sweep(targets, block, program)
    recovered = []
    for label, cells in open_targets:
        true = block.true_sum(cells)
        if program.can_move(cells, true, integer=False):
            continue
        if integer_check and program.can_move(cells, true, integer=True):
            continue
        recovered.append(label)
    return Result(len(targets), recovered)


class Program:
    """The attacker's linear program: published intervals as rows, counts of 0 or more."""

    def __init__(self, a_ub, b_ub, size: int):
        self.a_ub, self.b_ub, self.size = a_ub, b_ub, size

    def solve(self, objective: np.ndarray, integer: bool = False) -> np.ndarray | None:
        solved = linprog(
            objective, A_ub=self.a_ub, b_ub=self.b_ub, bounds=(0, None), method="highs",
            integrality=np.ones(self.size) if integer else None,
        )  # fmt: skip
        return solved.x if solved.status == 0 else None

    def can_move(self, cells: np.ndarray, true: int, integer: bool) -> bool:
        """Whether the sum of these cells can be a whole number other than its true value."""
        objective = np.zeros(self.size)
        objective[cells] = 1
        for sign in (-1, 1):  # the largest value, then the least
            point = self.solve(sign * objective, integer)
            if point is None:
                return True  # the program failed: claim nothing
            value = point[cells].sum()
            if value >= true + 1 - EPS or value <= true - 1 + EPS:
                return True
        return False


def _sweep(targets, block: Block, program: Program, rounds: int = 30) -> list:
    """Feasible points from random objectives over the targets still open: each shows values
    every target can take and rules most of them out at once (far fewer programs than two per
    target). Returns the targets no point moved off their true value."""
    rng = np.random.default_rng(2026)
    open_targets = targets
    for _ in range(rounds):
        if not open_targets:
            break
        weights = np.zeros(program.size)
        for _, cells in open_targets:
            weights[cells] += rng.normal()
        point = program.solve(weights)
        if point is None:
            break
        still = [
            (label, cells)
            for label, cells in open_targets
            if abs(point[cells].sum() - block.true_sum(cells)) < 1 - EPS
        ]
        if len(still) == len(open_targets) and len(still) < 10:
            break  # the rest are for one program each
        open_targets = still
    return open_targets


def _matrix(rows: list[np.ndarray], size: int) -> csr_matrix:
    indptr = np.cumsum([0, *(len(row) for row in rows)])
    indices = np.concatenate(rows) if rows else np.array([], dtype=int)
    return csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), size))


def _merge(matrix: csr_matrix, low: np.ndarray, high: np.ndarray):
    keys: dict[bytes, int] = {}
    merged_low, merged_high, keep = [], [], []
    for row in range(matrix.shape[0]):
        key = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tobytes()
        if key in keys:
            at = keys[key]
            merged_low[at] = max(merged_low[at], low[row])
            merged_high[at] = min(merged_high[at], high[row])
        else:
            keys[key] = len(keep)
            keep.append(row)
            merged_low.append(low[row])
            merged_high.append(high[row])
    return matrix[keep], np.array(merged_low), np.array(merged_high)
