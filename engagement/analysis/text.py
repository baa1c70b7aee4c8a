"""Words as the analysis reads them: tokens, stems, negation and young people's spelling.

Everything here works offline from what ships inside PyPI packages (the Snowball stemmer;
TextBlob's English word list), so nothing is downloaded at run time.
"""

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from .textblob_data import textblob_file

# Words that turn what follows around. Spelt with and without apostrophes, as people type them.
NEGATORS = frozenset(
    """not no never nobody noone none nothing nowhere neither nor without hardly barely
    cannot can't cant don't dont doesn't doesnt didn't didnt isn't isnt wasn't wasnt aren't
    arent weren't werent won't wont wouldn't wouldnt couldn't couldnt shouldn't shouldnt
    haven't havent hasn't hasnt hadn't hadnt ain't aint n't""".split()
)

# Young people's spelling of words the codebook and detectors care about. Anything else that is
# not an English word is matched to the codebook by edit distance (see Vocabulary.closest).
COMMON_MISSPELLINGS = {
    "becuase": "because",
    "becos": "because",
    "cos": "because",
    "coz": "because",
    "freinds": "friends",
    "frends": "friends",
    "freind": "friend",
    "skool": "school",
    "scool": "school",
    "shcool": "school",
    "teecher": "teacher",
    "techer": "teacher",
    "teachers'": "teachers",
    "lisen": "listen",
    "lissen": "listen",
    "lisened": "listened",
    "bulied": "bullied",
    "bullyed": "bullied",
    "buling": "bullying",
    "bulling": "bullying",
    "bullyin": "bullying",
    "anxios": "anxious",
    "anxuos": "anxious",
    "anxius": "anxious",
    "anxity": "anxiety",
    "anxeity": "anxiety",
    "waitin": "waiting",
    "waitting": "waiting",
    "apointment": "appointment",
    "appointmant": "appointment",
    "theraphy": "therapy",
    "therapie": "therapy",
    "speach": "speech",
    "collage": "college",
    "colledge": "college",
    "safe-guarding": "safeguarding",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "dunno": "don't know",
    "kno": "know",
    "u": "you",
    "ur": "your",
    "ppl": "people",
    "pple": "people",
    "plz": "please",
    "pls": "please",
    "thx": "thanks",
    "luv": "love",
    "hav": "have",
    "wen": "when",
    "nuffin": "nothing",
    "nuthin": "nothing",
    "nothin": "nothing",
    "sumtimes": "sometimes",
    "somtimes": "sometimes",
    "evry": "every",
    "realy": "really",
    "relly": "really",
    "lonley": "lonely",
    "lonly": "lonely",
    "scarred": "scared",
    "scard": "scared",
    "worrid": "worried",
    "wory": "worry",
    "hapy": "happy",
    "hapyy": "happy",
}

# Apostrophe-free spellings of contractions, so "dont" and "don't" read the same.
CONTRACTIONS = {
    word.replace("'", ""): word
    for word in NEGATORS | {"i'm", "i've", "i'll", "it's"}
    if "'" in word
}

_stemmer = snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    """The word's stem ("waiting", "waited" -> "wait"), cached: a vocabulary is small."""
    return _stemmer.stemWord(word)


@dataclass(slots=True)
class Token:
    """One word as the analysis reads it. Shared between comments: never change one."""

    text: str  # as written
    word: str  # lower case, spelling mended
    stem: str
    negated: bool  # a negator within the three words before it, in the same clause
    negator: bool  # the word itself turns what follows around ("not", "never", "dont")


# Words, and the punctuation that ends a sentence or clause ("E.H.C.P" does not).
_PIECES = re.compile(
    r"(?:[a-z]\.){2,}[a-z]?|[^\W_]+(?:['’][^\W_]+)*|[.!?;:](?=\s|$)", re.IGNORECASE
)
_CLAUSE_BREAKS = frozenset(".!?;:") | {"but", "however", "though", "although"}
_NEGATION_REACH = 3
_known: dict[tuple[str, bool], tuple[Token, ...]] = {}  # a vocabulary is small: read each once


def tokenise(text: str) -> list[Token]:
    """The words of a comment with their stems and whether a negation reaches them."""
    tokens: list[Token] = []
    since_negator = _NEGATION_REACH + 1
    for piece in _PIECES.findall(text):
        if piece in _CLAUSE_BREAKS or piece.lower() in _CLAUSE_BREAKS:
            since_negator = _NEGATION_REACH + 1
            continue
        negated = since_negator <= _NEGATION_REACH
        for token in _known.get((piece, negated)) or _read(piece, negated):  # mostly known
            tokens.append(token)
            since_negator = 1 if token.negator else since_negator + 1
    return tokens


def _read(written: str, negated: bool) -> tuple[Token, ...]:
    found = _known.get((written, negated))
    if found is None:
        if len(_known) > 200_000:  # a long-running worker must not grow without bound
            _known.clear()
        word = written.lower().replace("’", "'").replace(".", "")
        word = COMMON_MISSPELLINGS.get(word, CONTRACTIONS.get(word, word))
        found = _known[(written, negated)] = tuple(
            Token(written, part, stem(part), negated, part in NEGATORS) for part in word.split()
        )  # "wanna" -> "want to"
    return found


@cache
def english_words() -> frozenset[str]:
    """TextBlob's English word list (from Project Gutenberg and the BNC), shipped with it."""
    with textblob_file("en-spelling.txt").open(encoding="utf-8") as spelling:
        return frozenset(
            line.split()[0] for line in spelling if line.strip() and not line.startswith(";;;")
        )


def deletions(word: str) -> set[str]:
    """The word with each one letter left out: two words sharing one are a typo apart."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


class Vocabulary:
    """Words to match against, with a look-up that forgives one slip of the keyboard.

    Callers mend only words that are not English words themselves; and only words of five
    letters or more are matched, so "bus" never becomes "but".
    """

    MIN_LENGTH = 5

    def __init__(self, words: set[str]):
        self._index: dict[str, set[str]] = {}
        for word in words:
            if len(word) >= self.MIN_LENGTH and word.isalpha():
                for variant in deletions(word):
                    self._index.setdefault(variant, set()).add(word)
        self._cache: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        """The one vocabulary word this misspelling stands for, or None."""
        if word in self._cache:
            return self._cache[word]
        found = None
        if len(word) >= self.MIN_LENGTH - 1 and word.isalpha():
            candidates = set()
            for variant in deletions(word):
                candidates |= self._index.get(variant, set())
            candidates.discard(word)
            if len(candidates) == 1:  # two equally close words: do not guess
                found = candidates.pop()
        self._cache[word] = found
        return found
