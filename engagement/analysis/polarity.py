"""TextBlob's polarity, computed the way TextBlob computes it, but about ten times faster.

TextBlob's default analyser (pattern's Sentiment) tokenises the text with a general-purpose
tokenizer and then walks the words once, scoring those in its lexicon, with negation ("not
good"), modifiers ("very good") and exclamation marks. At thousands of comments a second the
tokenizer is most of the cost, so this module does the same walk over its own lighter
tokenisation and reads TextBlob's own lexicon (the en-sentiment.xml file TextBlob ships).
tests/analysis/test_polarity.py checks it against TextBlob itself.
"""

import re
from functools import cache
from xml.etree import ElementTree

from .textblob_data import textblob_file

# pattern's punctuation, split from the start and end of each word.
_PUNCTUATION = frozenset(".,;:!?()[]{}`''\"@#$^&*+-|=~_")
_NEGATIONS = frozenset(("no", "not", "n't", "never"))
_QUOTES = str.maketrans({"“": " “ ", "”": " ” ", "‘": " ‘ ", "’": " ’ ", "'": " ' ", '"': ' " '})
_SARCASM = re.compile(r"\( ?! ?\)")
_ELLIPSIS = "..."


# pattern's emoticons and their polarity (textblob/_text.py, BSD licence, CLiPS).
EMOTICONS = {
    1.0: ("<3", "♥", ">:D", ":-D", ":D", "=-D", "=D", "X-D", "x-D", "XD", "xD", "8-D"),
    0.75: (">:P", ":-P", ":P", ":-p", ":p", ":-b", ":b", ":c)", ":o)", ":^)"),
    0.5: (">:)", ":-)", ":)", "=)", "=]", ":]", ":}", ":>", ":3", "8)", "8-)"),
    0.25: (">;]", ";-)", ";)", ";-]", ";]", ";D", ";^)", "*-)", "*)"),
    0.05: (">:o", ":-O", ":O", ":o", ":-o", "o_O", "o.O", "°O°", "°o°"),
    -0.25: (">:/", ":-/", ":/", ":\\", ">:\\", ":-.", ":-s", ":s", ":S", ":-S", ">.>"),
    -0.75: (">:[", ":-(", ":(", "=(", ":-[", ":[", ":{", ":-<", ":c", ":-c", "=/"),
    -1.0: (":'(", ":'''(", ";'("),
}


def _average(values) -> tuple[float, float, float]:
    polarity, subjectivity, intensity = (
        sum(column) / len(column) for column in zip(*values, strict=True)
    )
    return polarity, subjectivity, intensity


@cache
def _lexicon() -> tuple[dict[str, tuple[float, float, float, bool]], dict[str, float]]:
    """word -> (polarity, subjectivity, intensity, is_adverb), and emoticon -> polarity.

    Read from TextBlob's en-sentiment.xml the way pattern's Sentiment.load() reads it (scores
    averaged per part of speech, then over all of them; adjectives also give their "-ly"
    adverb), without importing TextBlob, which would import all of NLTK.
    """
    senses: dict[str, dict] = {}
    for word in ElementTree.parse(textblob_file("en-sentiment.xml")).getroot().iter("word"):
        form = word.get("form")
        if form:
            scores = tuple(
                float(word.get(name, default))
                for name, default in (("polarity", 0.0), ("subjectivity", 0.0), ("intensity", 1.0))
            )
            senses.setdefault(form, {}).setdefault(word.get("pos"), []).append(scores)
    lexicon: dict[str, dict[str | None, tuple[float, float, float]]] = {}
    for form, by_pos in senses.items():
        averaged = {pos: _average(scores) for pos, scores in by_pos.items()}
        averaged[None] = _average(averaged.values())
        lexicon[form] = averaged
    for form, by_pos in list(lexicon.items()):  # "terrible" -> "terribly" (textblob.en)
        if "JJ" in by_pos:
            stem = form[:-1] + "i" if form.endswith("y") else form
            stem = stem[:-2] if stem.endswith("le") else stem
            adverb = lexicon.setdefault(stem + "ly", {})
            adverb["RB"] = adverb[None] = by_pos["JJ"]
    words = {form: (*by_pos[None], "RB" in by_pos) for form, by_pos in lexicon.items()}
    emoticons = {face.lower(): score for score, faces in EMOTICONS.items() for face in faces}
    return words, emoticons


def tokens(text: str) -> list[str]:
    """Lower-case tokens split as pattern splits them: apostrophes and leading and trailing
    punctuation become tokens of their own ("didn't!" -> did, n, ', t, !)."""
    out: list[str] = []
    for chunk in _SARCASM.sub(" (!) ", text).translate(_QUOTES).lower().split():
        split = _chunks.get(chunk)
        if split is None:
            if len(_chunks) > 200_000:  # bounded, for long-running workers
                _chunks.clear()
            split = _chunks[chunk] = _split_chunk(chunk)
        out += split
    return out


_chunks: dict[str, list[str]] = {}  # words repeat: each distinct one is split once


def _split_chunk(chunk: str) -> list[str]:
    _, emoticons = _lexicon()
    if chunk in emoticons or chunk == "(!)":
        return [chunk]
    out: list[str] = []
    start, end = 0, len(chunk)
    while start < end and chunk[start] in _PUNCTUATION:
        out.append(chunk[start])
        start += 1
    tail = []
    while end > start and (chunk[end - 1] in _PUNCTUATION):
        if chunk.endswith(_ELLIPSIS, start, end):
            tail.append(_ELLIPSIS)
            end -= 3
            while end > start and chunk[end - 1] == ".":
                end -= 1
        else:
            tail.append(chunk[end - 1])
            end -= 1
    if start < end:
        out.append(chunk[start:end])
    out.extend(reversed(tail))
    return out


def polarity(text: str) -> float:
    """TextBlob's polarity of the text, from -1 (negative) to 1 (positive)."""
    return polarity_of_tokens(tokens(text))


def polarity_of_tokens(words: list[str]) -> float:
    """pattern's Sentiment.assessments() and average, for words from tokens()."""
    lexicon, emoticons = _lexicon()
    scores: list[list] = []  # [polarity, intensity, negated] per scored word
    modifier: str | None = None
    negation: str | None = None
    for word in words:
        entry = lexicon.get(word)
        if entry is not None:
            p, _, i, is_adverb = entry
            if modifier is None:
                scores.append([p, i, False])
            else:  # "really good": the modifier's intensity scales this word
                last = scores[-1]
                last[0] = max(-1.0, min(p * last[1], 1.0))
                last[1] = i
            if negation is not None:  # "not good"
                scores[-1][1] = 1.0 / scores[-1][1]
                scores[-1][2] = True
            modifier = word if is_adverb else None
            negation = word if word in _NEGATIONS else None
            continue
        if word in _NEGATIONS:
            negation = word
        elif negation and len(word.strip("'")) > 1:
            negation = None  # a negation carries across small words only ("not a good")
        if negation is not None and modifier is not None and modifier.endswith("ly"):
            scores[-1][2] = True  # "really not good"
            negation = None
        elif modifier and len(word) > 2:
            modifier = None
        if word == "!" and scores:
            scores[-1][0] = max(-1.0, min(scores[-1][0] * 1.25, 1.0))
        if word == "(!)":
            scores.append([0.0, 1.0, False])
        elif word in emoticons:
            scores.append([emoticons[word], 1.0, False])
    if not scores:
        return 0.0
    # "not good" is slightly bad and "not bad" slightly good: a negated word counts -0.5 times.
    return sum(p * -0.5 if negated else p for p, _, negated in scores) / len(scores)
