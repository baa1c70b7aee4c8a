"""A codebook of themes, and how a comment's words are matched to it, with the reasons why.

Each theme lists what points to it:
- keywords: any form of the word counts ("wait" finds waiting, waited, waits); a keyword in
  capitals with two or more capitals is an acronym ("EHCP", "SENCo", "OT") and short or
  ambiguous ones ("OT", "TA", "SALT") only count when written in capitals;
- supporting words: point to the theme but are not enough alone ("school" for School and
  learning support): two of them, or one with a keyword, are;
- phrases: several words in this order ("have a say"), any form of each; * stands for any one
  word ("changed * times");
- examples: whole comments; a comment sharing most of an example's words counts.
Misspelt words that are not English words are read as the keyword one slip away from them.
"""

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .text import Token, Vocabulary, english_words, tokenise

DEFAULT_CODEBOOK = Path(__file__).parent / "data" / "codebook.json"

# How much each kind of evidence counts. A theme is given when its evidence combined
# (1 - product of (1 - weight)) reaches THRESHOLD: one keyword or phrase is enough, one
# supporting word is not.
WEIGHTS = {"phrase": 0.9, "acronym": 0.85, "keyword": 0.75, "misspelt": 0.6, "supporting": 0.3}
THRESHOLD = 0.5
EXAMPLE_MIN_SHARE = 0.6  # of an example's content words found in the comment
EXAMPLE_MIN_WORDS = 3  # and never fewer than this many

STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been being but by can could did do
    does doing for from get got had has have he her him his how i if in into is it its just
    me more most my of on or our out over so some than that the their them then there these
    they this to too up us very was we were what when which who will with would you your""".split()
)


@dataclass(frozen=True, slots=True)
class Theme:
    key: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    supporting: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> "Theme":
        def strings(name: str) -> tuple[str, ...]:
            return tuple(str(item).strip() for item in data.get(name, ()) if str(item).strip())

        return cls(
            key=str(data["key"]).strip(),
            name=str(data.get("name") or data["key"]).strip(),
            description=str(data.get("description", "")).strip(),
            keywords=strings("keywords"),
            supporting=strings("supporting"),
            phrases=strings("phrases"),
            examples=strings("examples"),
            outcomes=strings("outcomes"),
        )

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "description": self.description,
            "keywords": list(self.keywords),
            "supporting": list(self.supporting),
            "phrases": list(self.phrases),
            "examples": list(self.examples),
            "outcomes": list(self.outcomes),
        }


@dataclass(frozen=True, slots=True)
class ThemeMatch:
    key: str
    confidence: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Cue:
    key: str
    kind: str  # a key of WEIGHTS
    label: str  # what the officer reads: the keyword or phrase as the codebook has it


@dataclass
class Codebook:
    themes: tuple[Theme, ...]
    name: str = "Codebook"
    _exact: dict[str, list[_Cue]] = field(default_factory=lambda: defaultdict(list), repr=False)
    _words: dict[str, list[_Cue]] = field(default_factory=lambda: defaultdict(list), repr=False)
    _acronyms: dict[str, list[_Cue]] = field(default_factory=lambda: defaultdict(list), repr=False)
    _capitals_only: dict[str, list[_Cue]] = field(
        default_factory=lambda: defaultdict(list), repr=False
    )
    _cue_cache: dict[str, list] = field(default_factory=dict, repr=False)
    _sequences: dict[tuple[str, ...], list[tuple[tuple[str, ...], _Cue]]] = field(
        default_factory=lambda: defaultdict(list), repr=False
    )

    def __post_init__(self):
        keys = [theme.key for theme in self.themes]
        duplicated = sorted({key for key in keys if keys.count(key) > 1})
        if duplicated:
            raise ValueError(f"Each theme needs its own key; repeated: {', '.join(duplicated)}")
        for theme in self.themes:
            for keyword in theme.keywords:
                self._add(keyword, _Cue(theme.key, "keyword", keyword))
            for word in theme.supporting:
                self._add(word, _Cue(theme.key, "supporting", word))
            for phrase in theme.phrases:
                self._add(phrase, _Cue(theme.key, "phrase", phrase))

    # -- building ------------------------------------------------------------------------

    def _add(self, entry: str, cue: _Cue) -> None:
        if _is_acronym(entry):
            cue = _Cue(cue.key, "acronym", cue.label) if cue.kind == "keyword" else cue
            if _acronym_needs_capitals(entry):
                self._capitals_only[entry.upper()].append(cue)
            else:
                self._acronyms[entry.lower()].append(cue)
            return
        tokens = tokenise(entry.replace(ANY_WORD, " ANYWORD "))
        stems = tuple(ANY_WORD if t.word == "anyword" else t.stem for t in tokens)
        if stems and stems[0] == ANY_WORD:  # phrases are found by their first word
            stems = stems[1:]
        if len(stems) == 1:
            # The word itself wins over its stem: "friendly" is Staff, "friends" Belonging,
            # though both stem to "friend". Other forms ("friendlier") go by the stem.
            same_word = self._exact[tokens[0].word]
            if any(known.key == cue.key for known in same_word):
                return  # "skool" reads as "school": one cue, not two
            same_word.append(cue)
            same_stem = self._words[stems[0]]
            if not any(known.key == cue.key for known in same_stem):  # one cue per stem
                same_stem.append(cue)
        elif len(stems) >= 2:
            # Found by their first two words, so "in my plan" is only tried after "in my".
            same_start = self._sequences[stems[:2]]
            if not any(known == stems and c.key == cue.key for known, c in same_start):
                same_start.append((stems, cue))

    @cached_property
    def _sequence_starts(self) -> frozenset[str]:
        """The stems a phrase can start with: any other word is passed over at once."""
        return frozenset(first for first, _ in self._sequences)

    @cached_property
    def _vocabulary(self) -> Vocabulary:
        return Vocabulary(set(self._words))

    @cached_property
    def _examples(self) -> tuple[dict[str, list[int]], list[tuple[str, str, frozenset[str]]]]:
        """An index from content stem to the examples holding it, and the examples."""
        examples: list[tuple[str, str, frozenset[str]]] = []
        index: dict[str, list[int]] = defaultdict(list)
        for theme in self.themes:
            for example in theme.examples:
                stems = frozenset(content_stems(tokenise(example)))
                if len(stems) >= EXAMPLE_MIN_WORDS:
                    for item in stems:
                        index[item].append(len(examples))
                    examples.append((theme.key, example, stems))
        return index, examples

    @classmethod
    def from_dict(cls, data: dict) -> "Codebook":
        themes = data.get("themes")
        if not isinstance(themes, list) or not themes:
            raise ValueError("A codebook needs a list of themes, each with a key and a name.")
        return cls(tuple(Theme.from_dict(theme) for theme in themes), data.get("name", "Codebook"))

    @classmethod
    def from_json(cls, path: str | Path) -> "Codebook":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def to_dict(self) -> dict:
        return {"name": self.name, "themes": [theme.to_dict() for theme in self.themes]}

    @property
    def keys(self) -> list[str]:
        return [theme.key for theme in self.themes]

    # -- matching ------------------------------------------------------------------------

    def match(self, tokens: Sequence[Token]) -> list[ThemeMatch]:
        """The themes these words point to, most confident first, each with its reasons."""
        found: dict[str, dict[str, float]] = defaultdict(dict)  # key -> reason -> weight
        seen: set[tuple[str, str]] = set()  # (theme, cue): each cue counts once per comment

        def note(cue: _Cue, reason: str, weight: float) -> None:
            if (cue.key, cue.label) in seen:
                return
            seen.add((cue.key, cue.label))
            reasons = found[cue.key]
            reasons[reason] = max(weight, reasons.get(reason, 0.0))

        sequences, cue_cache = self._sequences, self._cue_cache
        starts, last = self._sequence_starts, len(tokens) - 1
        for position, token in enumerate(tokens):
            cues = cue_cache.get(token.text)
            if cues is None:
                cues = self._cues_of(token)
            for cue, reason, weight in cues:
                note(cue, "not " + reason if token.negated else reason, weight)
            if position < last and token.stem in starts:
                start = token.stem
                for pair in ((start, tokens[position + 1].stem), (start, ANY_WORD)):
                    for stems, cue in sequences.get(pair, ()):
                        if _continues(tokens, position, stems):
                            label = "not " + cue.label if token.negated else cue.label
                            note(cue, label, WEIGHTS[cue.kind])
        self._match_examples(tokens, found)
        return _decide(found)

    def _cues_of(self, token: Token) -> list[tuple[_Cue, str, float]]:
        """What this one word points to, with the reason shown and its weight. Worked out once
        per distinct word (match() keeps them): acronyms, the word or its stem, or the keyword
        a misspelling stands for."""
        cues = []
        for cue in self._acronyms.get(token.word, ()):
            cues.append((cue, cue.label, WEIGHTS[cue.kind]))
        if len(_CAPITALS.findall(token.text)) >= 2:  # "OT", "SALT", never "salt"
            for cue in self._capitals_only.get(token.text.upper(), ()):
                cues.append((cue, cue.label, WEIGHTS[cue.kind]))
        for cue in self._exact.get(token.word) or self._words.get(token.stem) or ():
            cues.append((cue, _reason(token.text, cue.label), WEIGHTS[cue.kind]))
        if token.stem not in self._words and token.word not in english_words():
            mended = self._vocabulary.closest(token.stem)
            for cue in self._words.get(mended, ()) if mended else ():
                weight = min(WEIGHTS["misspelt"], WEIGHTS[cue.kind])
                cues.append((cue, f'"{token.text}" (read as {cue.label})', weight))
        if len(self._cue_cache) > 200_000:  # bounded, for long-running workers
            self._cue_cache.clear()
        self._cue_cache[token.text] = cues
        return cues

    def _match_examples(self, tokens: Sequence[Token], found) -> None:
        index, examples = self._examples
        if not examples:
            return
        shared: dict[int, int] = defaultdict(int)
        stems = {t.stem for t in tokens if len(t.word) > 1 and t.word not in STOPWORDS}
        for item in stems & index.keys():
            for number in index.get(item, ()):
                shared[number] += 1
        for number, count in shared.items():
            key, example, example_stems = examples[number]
            share = count / len(example_stems)
            if share >= EXAMPLE_MIN_SHARE and count >= min(EXAMPLE_MIN_WORDS, len(example_stems)):
                reason = f'like the example "{example}"'
                found[key][reason] = max(found[key].get(reason, 0.0), 0.4 + 0.5 * share)

    def match_text(self, text: str) -> list[ThemeMatch]:
        return self.match(tokenise(text))


def content_stems(tokens: Iterable[Token]) -> Iterable[str]:
    return (token.stem for token in tokens if token.word not in STOPWORDS and len(token.word) > 1)


def _decide(found: dict[str, dict[str, float]]) -> list[ThemeMatch]:
    matches = []
    for key, reasons in found.items():
        unlikely = 1.0
        for weight in reasons.values():
            unlikely *= 1.0 - weight
        confidence = round(1.0 - unlikely, 3)
        if confidence >= THRESHOLD:
            ordered = sorted(reasons, key=lambda reason: -reasons[reason])
            matches.append(ThemeMatch(key, confidence, tuple(ordered[:5])))
    return sorted(matches, key=lambda match: (-match.confidence, match.key))


ANY_WORD = "*"


def _continues(tokens: Sequence[Token], start: int, stems: tuple[str, ...]) -> bool:
    end = start + len(stems)
    return end <= len(tokens) and all(
        wanted == ANY_WORD or tokens[start + offset].stem == wanted
        for offset, wanted in enumerate(stems)
    )


def _reason(written: str, label: str) -> str:
    return label if written.lower() == label.lower() else f'"{written}" ({label})'


_CAPITALS = re.compile(r"[A-Z]")


def _is_acronym(entry: str) -> bool:
    return " " not in entry and len(_CAPITALS.findall(entry)) >= 2


def _acronym_needs_capitals(entry: str) -> bool:
    """Short acronyms, or ones that spell an English word (SALT, TA), must be in capitals."""
    return len(entry) <= 3 or entry.lower() in english_words()


def default_codebook() -> Codebook:
    """The 13 themes of the default SEND feedback codebook (data/codebook.json)."""
    return Codebook.from_json(DEFAULT_CODEBOOK)
