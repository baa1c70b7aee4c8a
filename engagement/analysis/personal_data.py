"""Personal data in a comment, and the comment with it replaced by placeholders.

A quote is only ever shown redacted ("[name] at [school] helped me"), so what matters is
finding what could identify someone: names, phone numbers, email addresses, postcodes and
street addresses, dates of birth, and a named school together with a named person.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .text import english_words

NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: 07700 900123, 0161 496 0000, +44 7700 900123, (01706) 123456.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s)-]{0,2}){8,9}\d(?!\d)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_STREET = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Court|Place|Grove|"
    r"Gardens|Terrace|Walk|Row|Mews|Square|Hill|View|Rise|Fold|Brow|Green|Parade|Park)"
)
# "12 Oak Road", or "12 oak road" but never "a 2 hour drive" or "10 minutes walk".
_NOT_A_STREET = "".join(f"(?<!{unit} )" for unit in "hour hours minute minutes mile miles".split())
ADDRESS = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,3}" + _STREET + r"\b"
    r"|\b\d{1,4}[a-z]?,?\s+(?:[a-z'’]+\s+){1,2}" + _NOT_A_STREET + _STREET.lower() + r"\b"
)
_DATE = (
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*,?\s*(?:\d{4})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s*(?:\d{4})?"
)
DATE_OF_BIRTH = re.compile(
    r"(?P<lead>\b(?:born(?: on)?|d\.?o\.?b\.?|date of birth(?: is)?|birthday(?: is)?)[:\s]+)"
    r"(?P<date>" + _DATE + r")",
    re.IGNORECASE,
)
TITLE_NAME = re.compile(
    r"\b(?:Mr|Mrs|Miss|Ms|Mx|Dr|Sir|Prof)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
    r"|\b(?:mr|mrs|ms|dr)\.?\s+[a-z][a-z'’-]+"
)
_RELATION = (
    r"(?:son|daughter|child|brother|sister|mum|dad|mam|teacher|ta|senco|sendco|key ?worker|"
    r"social worker|support worker|worker|friend|best friend|carer|nan|nana|grandad|grandma|"
    r"aunt|auntie|uncle|cousin|boyfriend|girlfriend|therapist|ot|doctor|consultant|"
    r"paediatrician|caseworker|case worker|tutor|nurse|psychologist|head ?teacher)"
)
RELATION_NAME = re.compile(
    r"\b(?:my|our|his|her|their)\s+" + _RELATION + r"\s*,?\s+(?:(?:is\s+)?called\s+|named\s+)?"
    r"(?P<name>[A-Za-z][\w'’-]+)",
    re.IGNORECASE,
)
CALLED_NAME = re.compile(r"\b(?:called|named)\s+(?P<name>[A-Z][a-z'’-]+)\b(?![\w'’-])")
SCHOOL = re.compile(
    r"\b(?:St\.?\s+|Saint\s+)?(?:[A-Z][\w'’-]+\s+){1,4}"
    r"(?:Primary|Junior|Juniors|Infant|Infants|High|Secondary|Academy|College|School|Grammar)"
    r"(?:\s+(?:School|Academy|College))?\b"
)
# Capitalised words that start a school's name but do not name one ("my Special School").
_GENERIC_SCHOOL_WORDS = frozenset(
    "a an the my our his her their this that special secondary primary mainstream local "
    "high new sixth form independent state private free catholic church further".split()
)
_NOT_NAMES = frozenset(
    "i the a an he she it they we you and but so is was has had in on at to of for my his her "
    "their our this that there then when who what why how not no yes".split()
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@cache
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(names, names that are also everyday words and need a title or relation to count)."""
    names, everyday = set(), set()
    current = names
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# Everyday words"):
            current = everyday
        elif line and not line.startswith("#"):
            current.add(line.strip().lower())
    return frozenset(names), frozenset(everyday)


@dataclass(frozen=True, slots=True)
class Found:
    kind: str
    start: int
    end: int


PLACEHOLDERS = {
    "email": "[email]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "address": "[address]",
    "date of birth": "[date of birth]",
    "name": "[name]",
    "school": "[school]",
}


_DIGIT = re.compile(r"\d")
_BIRTH = re.compile(r"born|d\.?o\.?b|birth", re.IGNORECASE)


def find_personal_data(text: str) -> list[Found]:
    """Every stretch of the text that could identify someone, in order, none overlapping."""
    found: list[Found] = []
    # Cheap looks first: most comments have no "@" and no digits, so skip those patterns.
    if "@" in text:
        found += [Found("email", m.start(), m.end()) for m in EMAIL.finditer(text)]
    if _DIGIT.search(text):
        for kind, pattern in (("phone", PHONE), ("address", ADDRESS), ("postcode", POSTCODE)):
            found += [Found(kind, m.start(), m.end()) for m in pattern.finditer(text)]
        if _BIRTH.search(text):
            found += [
                Found("date of birth", m.start("date"), m.end("date"))
                for m in DATE_OF_BIRTH.finditer(text)
            ]
    names = _names(text)
    found += names
    if names:  # a school is personal data here because a person is named with it
        found += [
            Found("school", m.start(), m.end())
            for m in SCHOOL.finditer(text)
            if m.group().split()[0].lower() not in _GENERIC_SCHOOL_WORDS
        ]
    return _without_overlaps(found)


def _names(text: str) -> list[Found]:
    names, everyday = first_names()
    found = [Found("name", m.start(), m.end()) for m in TITLE_NAME.finditer(text)]
    for pattern in (RELATION_NAME, CALLED_NAME):
        for match in pattern.finditer(text):
            name = match.group("name")
            lowered = name.lower()
            if lowered in _NOT_NAMES:
                continue
            if name[0].isupper() or lowered in names or lowered in everyday:
                found.append(Found("name", match.start("name"), match.end("name")))
    if names.isdisjoint(_WORD.findall(text.lower())):
        return found  # most comments name nobody: one pass to say so
    for match in _WORD.finditer(text):
        word = match.group()
        lowered = word.lower()
        if lowered not in names or (word.isupper() and len(word) > 1):  # "TIA" is not Tia
            continue
        is_word = lowered in english_words()
        if word.islower():
            if not is_word:  # "aisha", never "jack" or "will"
                found.append(Found("name", match.start(), match.end()))
            continue
        end = _with_surname(text, match.end())
        # "Jack" starting a sentence may be the word; "Jack Smith" or "Aisha" is a name.
        if not is_word or end > match.end() or not _starts_sentence(text, match.start()):
            found.append(Found("name", match.start(), end))
    return found


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 4) : position].rstrip().rstrip("\"'“‘(")
    return not before or before[-1] in ".!?\n"


_SURNAME = re.compile(r"\s+[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?")


def _with_surname(text: str, end: int) -> int:
    """Where a first name ends, with the capitalised surname after it if there is one."""
    match = _SURNAME.match(text, end)
    if match and match.group().strip().lower() not in _NOT_NAMES:
        return match.end()
    return end


def _without_overlaps(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and item.start < kept[-1].end:
            if item.end > kept[-1].end and item.kind == kept[-1].kind:
                kept[-1] = Found(item.kind, kept[-1].start, item.end)
            continue
        kept.append(item)
    return kept


def redact(text: str, found: list[Found] | None = None) -> str:
    """The text with each piece of personal data replaced by a placeholder like [name]."""
    found = find_personal_data(text) if found is None else found
    parts, position = [], 0
    for item in found:
        parts += [text[position : item.start], PLACEHOLDERS[item.kind]]
        position = item.end
    parts.append(text[position:])
    return "".join(parts)
