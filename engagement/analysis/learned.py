"""Models that learn from labelled comments: themes ("learning from officers") and sentiment.

Both are linear models over the same cheap features, so predicting costs a few sparse products:

- words: unigrams and bigrams of the comment (TF-IDF, sublinear tf);
- chars: character 2-5-grams inside each word, padded with spaces (like scikit-learn's
  "char_wb"), which carry misspellings and word forms ("waited", "waiting", "wait") that whole
  words miss. A word's n-grams are looked up once and cached, so unseen spellings cost little;
- context: the words of the question the comment answers, and each comment word crossed with
  the question ("nothing" answering "what was good?" is a complaint, answering "what could we
  do better?" it is praise). Questions never seen in training simply add nothing.

Themes: one linear SVM per theme (class-balanced), its scores turned into probabilities by a
sigmoid fitted on out-of-fold scores, and a per-theme threshold halfway between the one that
maximises that theme's F1 and the single one that maximises micro-F1 (per-theme thresholds alone
overfit rare themes; a single one starves them). If almost every training comment carries a
theme, every prediction gets at least its most likely theme.

Sentiment: a 3-class linear SVM (negative / neutral-or-mixed / positive) over the same features
less the char n-grams, plus TextBlob's polarity (binned, so the model can learn where the lexicon
is wrong), trained on each comment with and without its question (so unseen questions do not
shift it), with class offsets fitted on out-of-fold scores to maximise macro-F1. A comment in
the middle class is "mixed" when one of its clauses (split at sentence ends and "but",
"however", "although", "though", "whereas", "except") is predicted positive and another
negative; otherwise "neutral".

Models are saved as JSON-able dicts (not pickle) so they can live in the database. Only numpy and
scipy are needed to predict; scikit-learn is imported when training.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from .polarity import polarity

MIN_POSITIVES = 5  # a theme with fewer labelled examples is skipped: too few to learn or calibrate
MIN_COMMENTS = 20  # fewer labelled comments than this and a model would only memorise
FOLDS = 3  # out-of-fold scores for calibration and thresholds
THEME_C = 0.5
SENTIMENT_C = 0.3
MAX_THEME_FEATURES = 16_000  # keeps the stored theme model to a few MB
MAX_SENTIMENT_FEATURES = 9_000  # keeps the shipped sentiment model under 1 MB
WEIGHT_STEPS = 100  # weights are stored as integers: the largest |weight| of an output is 100
REASONS = 3
WORD_CACHE = 200_000  # distinct words whose columns are remembered between batches

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
CLAUSES = re.compile(r"[.!?;]+\s|\b(?:but|however|although|though|whereas|except)\b", re.IGNORECASE)
# not shown as reasons on their own: they say nothing about a theme to an officer
STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her him his i i'm in is it "
    "it's its me my of on or our she so that the their them they this to too us was we were "
    "what when which who will with would you your".split()
)


def readable(name: str) -> bool:
    """A word that is not a stopword, or a phrase of two such words."""
    return not any(word in STOPWORDS for word in name.split())


SENTIMENTS = ("negative", "neutral", "positive")
BLOCKS = ("words", "chars", "question", "crossed")
BLOCK_WEIGHTS = (1.0, 1.0, 1.0, 0.7)  # chosen by out-of-fold F1 on the benchmark's training part
CHAR_SIZES = (2, 5)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def bigrams(toks: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def context_key(context: str | None) -> str:
    return " ".join((context or "").lower().split())


def char_grams(word: str) -> list[str]:
    padded = f" {word} "
    low, high = CHAR_SIZES
    return [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]


# --- features ---------------------------------------------------------------------------------


@dataclass
class Featurizer:
    """Maps comments (and their questions) to TF-IDF rows, one L2-normalised block per kind."""

    words: list[str]
    chars: list[str]
    question: list[str]
    crossed: dict[str, list[str]]  # question -> comment words crossed with it
    idf: np.ndarray
    _index: dict[str, Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.idf = np.asarray(self.idf, dtype=np.float64)
        offset = 0
        index: dict[str, Any] = {}
        for name in ("words", "chars", "question"):
            names = getattr(self, name)
            index[name] = {f: offset + i for i, f in enumerate(names)}
            offset += len(names)
        index["crossed"] = {}
        for question, words in self.crossed.items():
            index["crossed"][question] = {w: offset + i for i, w in enumerate(words)}
            offset += len(words)
        ends = np.cumsum([len(self.words), len(self.chars), len(self.question)])
        self.block_of = np.repeat(np.arange(4), np.diff([0, *ends, offset]))
        self.block_weight = np.asarray(BLOCK_WEIGHTS)[self.block_of]
        self._index = index
        self._word_chars: dict[str, np.ndarray] = {}  # word -> its char n-gram columns
        self._question_columns: dict[str, list[int]] = {}

    @property
    def size(self) -> int:
        return len(self.idf)

    def column_names(self) -> list[str]:
        crossed = [w for words in self.crossed.values() for w in words]
        return [*self.words, *self.chars, *self.question, *crossed]

    def transform(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None
    ) -> sp.csr_matrix:
        """TF-IDF rows. The only per-token Python work is one dict look-up: everything keyed by
        word (its columns, its char n-grams) is looked up once per distinct word in the batch
        and cached per word, and counting is done by sparse products."""
        contexts = contexts if contexts is not None else [None] * len(texts)
        seen: dict[str, int] = {}  # this batch's distinct words
        flat: list[int] = []
        lengths: list[int] = []
        for text in texts:
            ids = [seen.setdefault(t, len(seen)) for t in TOKEN.findall(text.lower())]
            flat += ids
            lengths.append(len(ids))
        batch_words = list(seen)
        local = np.asarray(flat, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts)), lengths)
        bag = sp.csr_matrix(
            (np.ones(len(local)), (rows, local)), shape=(len(texts), len(batch_words))
        )
        rest_rows, rest_columns = self._bigrams(rows, local, batch_words)
        for more_rows, more_columns in (
            self._question(contexts),
            self._crossed(contexts, rows, local, batch_words),
        ):
            rest_rows = np.concatenate([rest_rows, more_rows])
            rest_columns = np.concatenate([rest_columns, more_columns])
        rest = sp.csr_matrix(
            (np.ones(len(rest_rows)), (rest_rows, rest_columns)), shape=(len(texts), self.size)
        )
        return self._weigh((bag @ self._word_columns(batch_words) + rest).tocsr())

    def _word_columns(self, batch_words: list[str]) -> sp.csr_matrix:
        """Each batch word's unigram column and char n-gram columns (cached per word)."""
        cache = self._word_chars
        if len(cache) > WORD_CACHE:  # a long-running process must not grow without bound
            cache.clear()
        words, chars = self._index["words"], self._index["chars"]
        parts = []
        for word in batch_words:
            columns = cache.get(word)
            if columns is None:
                found = [chars[g] for g in char_grams(word) if g in chars] if chars else []
                if word in words:
                    found.append(words[word])
                columns = cache[word] = np.asarray(found, dtype=np.int64)
            parts.append(columns)
        indptr = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=indptr[1:])
        indices = np.concatenate(parts) if parts else np.zeros(0, np.int64)
        shape = (len(batch_words), self.size)
        return sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=shape)

    def _bigrams(
        self, rows: np.ndarray, local: np.ndarray, batch_words: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns of known bigrams; each distinct pair in the batch looked up once."""
        same_row = rows[1:] == rows[:-1]
        pairs = local[:-1][same_row] * len(batch_words) + local[1:][same_row]
        distinct, inverse = np.unique(pairs, return_inverse=True)
        words = self._index["words"]
        n = len(batch_words)
        columns = np.fromiter(
            (words.get(f"{batch_words[p // n]} {batch_words[p % n]}", -1) for p in distinct),
            np.int64,
            count=len(distinct),
        )[inverse]
        known = columns >= 0
        return rows[:-1][same_row][known], columns[known]

    def _question(self, contexts: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
        rows: list[int] = []
        columns: list[int] = []
        for row, context in enumerate(contexts):
            found = self._question_columns_of(context_key(context)) if context else ()
            rows += [row] * len(found)
            columns += found
        return np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64)

    def _question_columns_of(self, key: str) -> list[int]:
        columns = self._question_columns.get(key)
        if columns is None:
            question = self._index["question"]
            columns = [question[f] for f in question_features(key) if f in question] if key else []
            self._question_columns[key] = columns
        return columns

    def _crossed(
        self,
        contexts: Sequence[str | None],
        rows: np.ndarray,
        local: np.ndarray,
        batch_words: list[str],
    ) -> tuple[np.ndarray, np.ndarray]:
        """Comment words crossed with their question: present or not, per distinct question."""
        keys = [context_key(c) if c else "" for c in contexts]
        out_rows, out_columns = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for key in set(keys):
            crossed = self._index["crossed"].get(key)
            if not crossed:
                continue
            with_key = np.asarray([k == key for k in keys])[rows]
            pairs = np.unique(rows[with_key] * len(batch_words) + local[with_key])
            words = pairs % len(batch_words)
            distinct, inverse = np.unique(words, return_inverse=True)
            columns = np.fromiter(
                (crossed.get(batch_words[w], -1) for w in distinct), np.int64, len(distinct)
            )[inverse]
            known = columns >= 0
            out_rows.append(pairs[known] // len(batch_words))
            out_columns.append(columns[known])
        return np.concatenate(out_rows), np.concatenate(out_columns)

    def _weigh(self, matrix: sp.csr_matrix) -> sp.csr_matrix:
        """Sublinear tf times idf, then each block L2-normalised and weighted."""
        matrix.sum_duplicates()
        block = self.block_of[matrix.indices]
        matrix.data = (1.0 + np.log(matrix.data)) * self.idf[matrix.indices]
        rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
        key = rows * 4 + block
        norms = np.sqrt(np.bincount(key, weights=matrix.data**2, minlength=matrix.shape[0] * 4))
        norms[norms == 0] = 1.0
        matrix.data *= self.block_weight[matrix.indices] / norms[key]
        return matrix

    def select(self, keep: np.ndarray) -> Featurizer:
        """The same featurizer restricted to some columns (kept in order)."""
        keep = np.sort(keep)
        names = self.column_names()
        sizes = np.cumsum([len(self.words), len(self.chars), len(self.question)])
        kept = {int(k) for k in keep}
        words = [names[i] for i in range(sizes[0]) if i in kept]
        chars = [names[i] for i in range(sizes[0], sizes[1]) if i in kept]
        question = [names[i] for i in range(sizes[1], sizes[2]) if i in kept]
        crossed: dict[str, list[str]] = {}
        for key, columns in self._index["crossed"].items():
            chosen = [w for w, c in columns.items() if c in kept]
            if chosen:
                crossed[key] = chosen
        return Featurizer(words, chars, question, crossed, self.idf[keep])

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "chars": self.chars,
            "question": self.question,
            "crossed": self.crossed,
            "idf": [round(float(v), 4) for v in self.idf],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Featurizer:
        return cls(data["words"], data["chars"], data["question"], data["crossed"], data["idf"])


def question_features(key: str) -> list[str]:
    # the whole question (recurring prompts) and its words (prompts worded alike)
    return [f"={key}", *tokens(key)]


def fit_featurizer(
    texts: Sequence[str], contexts: Sequence[str | None] | None, char_ngrams: bool = True
) -> Featurizer:
    """Vocabulary and idf from the training comments: features seen in at least two comments.

    Sentiment leaves char n-grams out: they add little there and cost half the time."""
    contexts = contexts if contexts is not None else [None] * len(texts)
    frequency: dict[str, Counter] = {name: Counter() for name in BLOCKS}
    crossed_frequency: Counter = Counter()
    for text, context in zip(texts, contexts, strict=True):
        toks = tokens(text)
        frequency["words"].update({*toks, *bigrams(toks)})
        if char_ngrams:
            frequency["chars"].update({g for t in set(toks) for g in char_grams(t)})
        key = context_key(context)
        if key:
            frequency["question"].update(set(question_features(key)))
            crossed_frequency.update((key, t) for t in set(toks))
    n = len(texts)

    def kept(counter: Counter, least: int) -> list:
        return sorted(f for f, d in counter.items() if d >= least)

    words, chars, question = (kept(frequency[b], 2) for b in ("words", "chars", "question"))
    crossed: dict[str, list[str]] = {}
    for key, word in kept(crossed_frequency, 2):
        crossed.setdefault(key, []).append(word)
    document_frequency = [
        *(frequency["words"][f] for f in words),
        *(frequency["chars"][f] for f in chars),
        *(frequency["question"][f] for f in question),
        *(crossed_frequency[(k, w)] for k, ws in crossed.items() for w in ws),
    ]
    idf = [math.log((1 + n) / (1 + d)) + 1 for d in document_frequency]
    return Featurizer(words, chars, question, crossed, np.array(idf))


# --- storing weights --------------------------------------------------------------------------


def weights_to_dict(weights: np.ndarray) -> dict[str, Any]:
    """A (features x outputs) matrix as integer steps per output column, zeros left out."""
    scale = np.abs(weights).max(axis=0) / WEIGHT_STEPS
    scale[scale == 0] = 1.0
    steps = np.rint(weights / scale).astype(np.int64)
    rows, columns = np.nonzero(steps)
    return {
        "shape": list(weights.shape),
        "scale": [float(s) for s in scale],
        "rows": rows.tolist(),
        "columns": columns.tolist(),
        "steps": steps[rows, columns].tolist(),
    }


def weights_from_dict(data: dict[str, Any]) -> np.ndarray:
    weights = np.zeros(data["shape"])
    steps = np.asarray(data["steps"], dtype=np.float64)
    columns = np.asarray(data["columns"], dtype=np.int64)
    weights[np.asarray(data["rows"], dtype=np.int64), columns] = (
        steps * np.asarray(data["scale"])[columns]
    )
    return weights


def quantised(weights: np.ndarray) -> np.ndarray:
    # train-time predictions go through the same rounding as a stored model
    return weights_from_dict(weights_to_dict(weights))


# --- themes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemePrediction:
    key: str
    confidence: float  # calibrated probability, 0..1
    reasons: tuple[str, ...]  # the comment's words and phrases that pushed hardest to this theme


@dataclass
class ThemeModel:
    keys: list[str]
    featurizer: Featurizer
    weights: np.ndarray  # features x themes
    bias: np.ndarray
    slope: np.ndarray  # sigmoid calibration: p = 1 / (1 + exp(-(slope * score + offset)))
    offset: np.ndarray
    thresholds: np.ndarray  # on the calibrated probability
    at_least_one: bool

    def probabilities(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> tuple[np.ndarray, sp.csr_matrix]:
        features = self.featurizer.transform(texts, contexts)
        scores = features @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-(self.slope * scores + self.offset))), features

    def decide(self, probabilities: np.ndarray) -> np.ndarray:
        chosen = probabilities >= self.thresholds
        if self.at_least_one and len(probabilities):
            empty = ~chosen.any(axis=1)
            best = np.argmax(probabilities[empty] / self.thresholds, axis=1)
            chosen[np.flatnonzero(empty), best] = True
        return chosen

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[list[ThemePrediction]]:
        probabilities, features = self.probabilities(texts, contexts)
        rows, themes = np.nonzero(self.decide(probabilities))
        confidence = probabilities[rows, themes]
        order = np.lexsort((-confidence, rows))  # each comment's themes, most likely first
        rows, themes, confidence = rows[order], themes[order], confidence[order]
        reasons = self._reasons(features, rows, themes)
        results: list[list[ThemePrediction]] = [[] for _ in texts]
        for row, theme, p, why in zip(rows, themes, confidence, reasons, strict=True):
            results[row].append(ThemePrediction(self.keys[theme], round(float(p), 4), why))
        return results

    def _reasons(
        self, features: sp.csr_matrix, rows: np.ndarray, themes: np.ndarray
    ) -> list[tuple[str, ...]]:
        """For each (comment, theme), the comment's words and phrases that added most to it.

        Only word and phrase columns are shown (not char n-grams or the question), and words
        like "the" or "for" are passed over. All predictions are done at once with numpy.
        """
        pushes = features[rows].tocsr()
        prediction = np.repeat(np.arange(len(rows)), np.diff(pushes.indptr))
        words = len(self.featurizer.words)
        keep = np.flatnonzero(pushes.indices < words)
        prediction, column = prediction[keep], pushes.indices[keep]
        push = pushes.data[keep] * self.weights[column, themes[prediction]]
        positive = push > 0
        prediction, column, push = prediction[positive], column[positive], push[positive]
        order = np.lexsort((-push, prediction))
        prediction, column = prediction[order], column[order]
        rank = np.arange(len(order)) - np.searchsorted(prediction, prediction)
        found: list[list[str]] = [[] for _ in rows]
        for k in np.flatnonzero(rank < 3 * REASONS):  # room to pass over "the", "for", ...
            chosen, name = found[prediction[k]], self.featurizer.words[column[k]]
            if len(chosen) < REASONS and readable(name):
                chosen.append(name)
        return [tuple(chosen) for chosen in found]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "theme-model",
            "version": 1,
            "keys": self.keys,
            "featurizer": self.featurizer.to_dict(),
            "weights": weights_to_dict(self.weights),
            "bias": self.bias.tolist(),
            "slope": self.slope.tolist(),
            "offset": self.offset.tolist(),
            "thresholds": self.thresholds.tolist(),
            "at_least_one": self.at_least_one,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThemeModel:
        return cls(
            keys=list(data["keys"]),
            featurizer=Featurizer.from_dict(data["featurizer"]),
            weights=weights_from_dict(data["weights"]),
            bias=np.asarray(data["bias"]),
            slope=np.asarray(data["slope"]),
            offset=np.asarray(data["offset"]),
            thresholds=np.asarray(data["thresholds"]),
            at_least_one=bool(data["at_least_one"]),
        )


def train_theme_model(
    texts: Sequence[str],
    labels: Sequence[Collection[str]],
    contexts: Sequence[str] | None = None,
) -> ThemeModel:
    """Learn themes from labelled comments; themes with fewer than MIN_POSITIVES are skipped."""
    if len(texts) != len(labels) or (contexts is not None and len(contexts) != len(texts)):
        raise ValueError("texts, labels and contexts must have the same length")
    if len(texts) < MIN_COMMENTS:
        raise ValueError(f"need at least {MIN_COMMENTS} labelled comments, got {len(texts)}")
    counts = Counter(key for keys in labels for key in set(keys))
    keys = sorted(k for k, n in counts.items() if MIN_POSITIVES <= n <= len(texts) - MIN_POSITIVES)
    if not keys:
        raise ValueError(f"no theme has at least {MIN_POSITIVES} labelled comments yet")
    targets = np.array([[key in set(row) for key in keys] for row in labels], dtype=bool)

    featurizer = fit_featurizer(texts, contexts)
    features = featurizer.transform(texts, contexts)
    # a first fit picks the columns any theme leans on; the rest are dropped (smaller, faster)
    keep = strongest_columns(fit_svms(features, targets, THEME_C)[0], MAX_THEME_FEATURES)
    featurizer = featurizer.select(keep)
    features = featurizer.transform(texts, contexts)

    out_of_fold = out_of_fold_scores(features, targets)
    slope, offset = calibrate(out_of_fold, targets)
    probabilities = 1.0 / (1.0 + np.exp(-(slope * out_of_fold + offset)))
    thresholds = fit_thresholds(probabilities, targets)
    weights, bias = fit_svms(features, targets, THEME_C)
    return ThemeModel(
        keys=keys,
        featurizer=featurizer,
        weights=quantised(weights),
        bias=bias,
        slope=slope,
        offset=offset,
        thresholds=thresholds,
        # when officers theme nearly every comment, an unthemed prediction is a miss
        at_least_one=bool(targets.any(axis=1).mean() >= 0.95),
    )


def fit_svms(features: sp.csr_matrix, targets: np.ndarray, c: float) -> tuple[np.ndarray, ...]:
    """One class-balanced linear SVM per theme: (features x themes) weights and biases."""
    from sklearn.svm import LinearSVC

    weights = np.zeros((features.shape[1], targets.shape[1]))
    bias = np.zeros(targets.shape[1])
    for j in range(targets.shape[1]):
        svm = LinearSVC(C=c, class_weight="balanced", max_iter=5000).fit(features, targets[:, j])
        weights[:, j], bias[j] = svm.coef_[0], svm.intercept_[0]
    return weights, bias


def strongest_columns(weights: np.ndarray, limit: int) -> np.ndarray:
    strength = np.abs(weights).max(axis=1)
    if len(strength) <= limit:
        return np.flatnonzero(strength > 0)
    return np.argsort(-strength)[:limit]


def folds(n: int, seed: int = 0) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[k::FOLDS] for k in range(FOLDS)]


def out_of_fold_scores(features: sp.csr_matrix, targets: np.ndarray) -> np.ndarray:
    scores = np.zeros(targets.shape)
    for held_out in folds(len(targets)):
        training = np.setdiff1d(np.arange(len(targets)), held_out)
        # a fold without positives for a theme still trains: the SVM then scores all negative
        usable = targets[training].any(axis=0) & ~targets[training].all(axis=0)
        weights, bias = fit_svms(features[training], targets[training][:, usable], THEME_C)
        scores[np.ix_(held_out, np.flatnonzero(usable))] = features[held_out] @ weights + bias
        scores[np.ix_(held_out, np.flatnonzero(~usable))] = -1.0
    return scores


def calibrate(scores: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per theme, the sigmoid that best turns out-of-fold scores into probabilities."""
    from sklearn.linear_model import LogisticRegression

    slope = np.ones(scores.shape[1])
    offset = np.zeros(scores.shape[1])
    for j in range(scores.shape[1]):
        fit = LogisticRegression(C=100.0).fit(scores[:, [j]], targets[:, j])
        slope[j], offset[j] = fit.coef_[0, 0], fit.intercept_[0]
    return slope, offset


def f1(chosen: np.ndarray, targets: np.ndarray) -> float:
    true_positives = np.logical_and(chosen, targets).sum()
    total = chosen.sum() + targets.sum()
    return 2.0 * true_positives / total if total else 0.0


def fit_thresholds(probabilities: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Halfway between each theme's best-F1 threshold and the best single (micro-F1) one."""
    grid = np.linspace(0.05, 0.8, 76)
    shared = max(grid, key=lambda t: f1(probabilities >= t, targets))
    own = np.array(
        [
            max(grid, key=lambda t, j=j: f1(probabilities[:, j] >= t, targets[:, j]))  # type: ignore[misc]
            for j in range(targets.shape[1])
        ]
    )
    return (own + shared) / 2.0


# --- sentiment --------------------------------------------------------------------------------

POLARITY_BINS = np.linspace(-1.0, 1.0, 11)


def polarity_features(polarities: np.ndarray) -> np.ndarray:
    """Polarity, its positive and negative parts, "no lexicon word", and a one-hot of its bin."""
    p = np.asarray(polarities, dtype=np.float64)
    bins = np.zeros((len(p), len(POLARITY_BINS) + 1))
    bins[np.arange(len(p)), np.digitize(p, POLARITY_BINS)] = 1.0
    parts = [p, np.maximum(p, 0), np.minimum(p, 0), (p == 0).astype(float)]
    return np.hstack([np.column_stack(parts), bins])


@dataclass
class SentimentModel:
    featurizer: Featurizer
    weights: np.ndarray  # (features + polarity features) x 3 classes
    bias: np.ndarray  # includes the offsets fitted for macro-F1
    attribution: dict[str, str] = field(default_factory=dict)

    def scores(
        self,
        texts: Sequence[str],
        contexts: Sequence[str | None] | None,
        polarities: np.ndarray,
    ) -> np.ndarray:
        features = self.featurizer.transform(texts, contexts)
        n = self.featurizer.size
        dense = polarity_features(polarities) @ self.weights[n:]
        return features @ self.weights[:n] + dense + self.bias

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[tuple[str, float]]:
        polarities = np.fromiter((polarity(t) for t in texts), np.float64, count=len(texts))
        labels = np.asarray(SENTIMENTS)[self.scores(texts, contexts, polarities).argmax(axis=1)]
        labels = labels.astype(object)
        middle = np.flatnonzero(labels == "neutral")
        for row, is_mixed in zip(middle, self._mixed(texts, contexts, middle), strict=True):
            if is_mixed:
                labels[row] = "mixed"
        return [(str(label), float(p)) for label, p in zip(labels, polarities, strict=True)]

    def _mixed(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None, rows: np.ndarray
    ) -> list[bool]:
        """Whether one clause of each comment reads positive and another negative."""
        clauses: list[str] = []
        clause_contexts: list[str | None] = []
        owner: list[int] = []
        for k, row in enumerate(rows):
            parts = [p for p in CLAUSES.split(texts[row]) if p and TOKEN.search(p.lower())]
            if len(parts) > 1:
                clauses += parts
                clause_contexts += [contexts[row] if contexts is not None else None] * len(parts)
                owner += [k] * len(parts)
        found: list[set[str]] = [set() for _ in rows]
        if clauses:
            polarities = np.fromiter((polarity(c) for c in clauses), np.float64, len(clauses))
            best = self.scores(clauses, clause_contexts, polarities).argmax(axis=1)
            for k, label in zip(owner, best, strict=True):
                found[k].add(SENTIMENTS[label])
        return [{"positive", "negative"} <= labels for labels in found]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "sentiment-model",
            "version": 1,
            "attribution": self.attribution,
            "featurizer": self.featurizer.to_dict(),
            "weights": weights_to_dict(self.weights),
            "bias": self.bias.tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentimentModel:
        return cls(
            featurizer=Featurizer.from_dict(data["featurizer"]),
            weights=weights_from_dict(data["weights"]),
            bias=np.asarray(data["bias"]),
            attribution=dict(data.get("attribution", {})),
        )


def sentiment_class(label: str) -> int:
    """positive / negative, and mixed or neutral as the middle class."""
    label = label.strip().lower()
    if label not in ("positive", "negative", "neutral", "mixed"):
        raise ValueError(f"unknown sentiment label {label!r}")
    return SENTIMENTS.index("neutral" if label == "mixed" else label)


def train_sentiment_model(
    texts: Sequence[str],
    labels: Sequence[str],
    contexts: Sequence[str] | None = None,
    attribution: dict[str, str] | None = None,
) -> SentimentModel:
    """Learn sentiment from labelled comments (positive, negative, mixed or neutral)."""
    if len(texts) != len(labels) or (contexts is not None and len(contexts) != len(texts)):
        raise ValueError("texts, labels and contexts must have the same length")
    classes = np.array([sentiment_class(label) for label in labels])
    counts = np.bincount(classes, minlength=3)
    if len(texts) < MIN_COMMENTS or counts.min() < 3:
        raise ValueError(
            f"need at least {MIN_COMMENTS} comments and 3 of each of positive, negative and "
            f"neutral-or-mixed, got {dict(zip(SENTIMENTS, counts.tolist(), strict=True))}"
        )
    polarities = np.fromiter((polarity(t) for t in texts), np.float64, count=len(texts))
    featurizer = fit_featurizer(texts, contexts, char_ngrams=False)
    design = with_and_without(featurizer, texts, contexts, polarities, classes)
    weights, _ = fit_sentiment_svm(*design)
    strongest = strongest_columns(weights[: featurizer.size], MAX_SENTIMENT_FEATURES)
    featurizer = featurizer.select(strongest)
    features, both_polarities, both_classes = with_and_without(
        featurizer, texts, contexts, polarities, classes
    )

    n, size = len(texts), featurizer.size
    out_of_fold = np.zeros((n, 3))
    for held_out in folds(n):
        training = np.setdiff1d(np.arange(len(both_classes)), [*held_out, *(held_out + n)])
        w, b = fit_sentiment_svm(
            features[training], both_polarities[training], both_classes[training]
        )
        out_of_fold[held_out] = (
            features[held_out] @ w[:size] + polarity_features(polarities[held_out]) @ w[size:] + b
        )
    weights, bias = fit_sentiment_svm(features, both_polarities, both_classes)
    return SentimentModel(
        featurizer=featurizer,
        weights=quantised(weights),
        bias=bias + class_offsets(out_of_fold, classes),
        attribution=dict(attribution or {}),
    )


def with_and_without(
    featurizer: Featurizer,
    texts: Sequence[str],
    contexts: Sequence[str] | None,
    polarities: np.ndarray,
    classes: np.ndarray,
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Each comment with its question and again without, so that the model still works for a
    question it never saw (the shipped model is trained on NHS questions, used on SEND ones):
    without this, a missing question block shifts every score towards one class."""
    features = featurizer.transform(texts, contexts)
    if contexts is None:
        return features, polarities, classes
    without = featurizer.transform(texts, None)
    return sp.vstack([features, without]).tocsr(), np.tile(polarities, 2), np.tile(classes, 2)


def fit_sentiment_svm(
    features: sp.csr_matrix, polarities: np.ndarray, classes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.svm import LinearSVC

    design = sp.hstack([features, sp.csr_matrix(polarity_features(polarities))]).tocsr()
    svm = LinearSVC(C=SENTIMENT_C, max_iter=5000).fit(design, classes)
    weights = np.zeros((design.shape[1], 3))
    bias = np.full(3, -10.0)  # a class missing from a fold is never predicted
    if len(svm.classes_) == 2:  # binary: one score, for the second class against the first
        weights[:, svm.classes_[1]], bias[svm.classes_[1]] = svm.coef_[0], svm.intercept_[0]
        weights[:, svm.classes_[0]], bias[svm.classes_[0]] = -svm.coef_[0], -svm.intercept_[0]
    else:
        weights[:, svm.classes_] = svm.coef_.T
        bias[svm.classes_] = svm.intercept_
    return weights, bias


def macro_f1(predicted: np.ndarray, classes: np.ndarray) -> float:
    return float(np.mean([f1(predicted == k, classes == k) for k in range(3)]))


def class_offsets(scores: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Offsets added to the negative and middle class scores that maximise macro-F1."""
    offsets = np.zeros(3)
    grid = np.linspace(-1.0, 1.0, 41)
    for _ in range(3):
        for k in (0, 1):

            def score(g: float, k: int = k) -> float:
                trial = offsets.copy()
                trial[k] = g
                return macro_f1((scores + trial).argmax(axis=1), classes)

            offsets[k] = max(grid, key=score)
    return offsets
