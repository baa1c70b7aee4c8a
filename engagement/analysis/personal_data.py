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
    # "flat 4, 27 kingsway": a flat's number, and the house number and name after it.
    r"|\b(?i:flat|apartment|apt)\s+\d{1,4}[a-zA-Z]?(?:,?\s+\d{1,4}[a-zA-Z]?\s+[A-Za-z'’]+)?"
)
# "i live on Cobden Street": a street named without a number, after living or moving there.
STREET_LIVED_ON = re.compile(
    r"\b(?:live|lives|living|lived|moved|move|moving|address is|stay|staying)\s+(?:on|at|to|in)\s+"
    r"(?P<street>(?:(?!(?:the|a|an|my|our|their|his|her|this|that)\s)[A-Za-z'’]+\s+){1,2}"
    r"(?:(?i:Road|Rd|Street|Lane|Avenue|Ave|Close|Drive|Crescent|Terrace|Grove|Gardens|Mews)|"
    r"Way|Court|Place|Walk|Row|Square|Hill|View|Rise|Fold|Brow|Green|Parade|Park))\b"
)
_DATE = (
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*,?\s*(?:\d{4})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s*(?:\d{4})?"
)
DATE_OF_BIRTH = re.compile(
    r"(?P<lead>\b(?:born|d\.?o\.?b\.?|date of birth|birthday|b'?day)(?:\s+(?:is|was|on|=))*"
    r"\s*[:=-]?\s*(?:on\s+)?(?:the\s+)?)"
    r"(?P<date>" + _DATE + r")",
    re.IGNORECASE,
)
# "Mrs Khan", "Mr B", "Ms A." (staff are often known by an initial), "mrs k".
TITLE_NAME = re.compile(
    r"\b(?:Mr|Mrs|Miss|Ms|Mx|Dr|Sir|Prof)\.?\s+"
    r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?|[A-Z]\.(?!\s*$)"
    r"|[A-Z]\b(?:\s+(?!(?:Is|Was|And|But|The|He|She|It|I|We|They|Has|Had)\b)[A-Z][\w'’-]+)?)"
    r"|\b(?:mr|mrs|ms|dr)\.?\s+[a-z](?:[a-z'’-]+|\b)"
)
# "miss johnson", but never "i miss school": only a word that is no everyday word.
LOWER_MISS = re.compile(r"\bmiss\s+(?P<name>[a-z][a-z'’-]+)")
# A child naming themselves: "my name is jayden", "im called tia-mae", "hi im kacper",
# "from riley age 9", "this is ollie's mum".
OWN_NAME = re.compile(
    r"\b(?:my\s+(?:name\s+is|name's|names)|(?:my|his|her|their)\s+\w+'?s\s+name\s+is|name\s+is|"
    r"(?:i'?m|i\s+am|he'?s|she'?s|is)\s+called)\s+(?P<name>[A-Za-z][\w'’-]*)"
    r"|\b(?:from|love|by|signed)\s+(?P<signed>[A-Za-z][\w'’-]*),?\s+(?:age|aged)\s+\d"
    r"|\bthis\s+is\s+(?P<parent>[A-Za-z][\w'’-]*?)(?:'s|’s)\s+(?:mum|dad|mam|nan|carer)\b"
    # weaker ("hi im sad"): only a word that reads as a name
    r"|\b(?:hi|hello|hiya|hey),?\s+(?:i'?m|i\s+am|its|it's)\s+(?P<greeted>[A-Za-z][\w'’-]*)",
    re.IGNORECASE,
)
_RELATION = (
    r"(?:son|daughter|child|brother|sister|mum|dad|mam|teacher|ta|senco|sendco|key ?worker|"
    r"social worker|support worker|worker|friend|best friend|carer|nan|nana|grandad|grandma|"
    r"aunt|auntie|uncle|cousin|boyfriend|girlfriend|therapist|ot|doctor|consultant|"
    r"paediatrician|caseworker|case worker|tutor|nurse|psychologist|head ?teacher|mate|"
    r"best mate|bestie|bff|mentor|coach|twin|step ?dad|step ?mum|foster (?:carer|mum|dad)|"
    r"partner|husband|wife|neighbour|pa|escort|driver|little brother|little sister|"
    r"big brother|big sister|baby brother|baby sister|stepbrother|stepsister)"
)
RELATION_NAME = re.compile(
    r"\b(?:my|our|his|her|their)\s+" + _RELATION + r"\s*,?\s+(?:(?:is\s+)?called\s+|named\s+)?"
    r"(?P<name>[A-Za-z][\w'’-]+|(?-i:[A-Z])(?![\w'’]))",
    re.IGNORECASE,
)
# Words that follow "my son" or "our keyworker" and are not a name ("my son has", "my mum
# always"); a lower-case word there is a name when it is a known name or no English word
# ("our keyworker bex").
_AFTER_RELATION = frozenset(
    """is was has had and who with does did goes went gets got keeps can cant can't will would
    could should never always still also just really too at in on to from for of isn't wasn't
    doesn't didn't won't wont isnt wasnt doesnt didnt are were age aged today yesterday now then
    here there again please though but so or if when because as that this they he she i we you
    it my our his her their the a an not no only even ever both all said told came made gave
    took put ran saw say tell come make give take get let see hit cut run be been being
    mr mrs miss ms mx dr sir prof""".split()
)
CALLED_NAME = re.compile(r"\b(?:called|named)\s+(?P<name>[A-Z][a-z'’-]+)\b(?![\w'’-])")
SCHOOL = re.compile(
    r"\b(?:St\.?\s+|Saint\s+)?(?:[A-Z][\w'’-]+\s+){1,4}"
    r"(?:Primary|Junior|Juniors|Infant|Infants|High|Secondary|Academy|College|School|Grammar)"
    r"(?:\s+(?:School|Academy|College))?\b"
)
# "St Anne's", "St Mary's": a saint's school (or church), named beside a person.
SAINTS_SCHOOL = re.compile(r"\bSt\.?\s+[A-Z][a-z]+(?:'s|’s|s)?\b")
# "st marys", "oakwood high", "springhill primary": a school written in lower case, when its
# first word is no everyday word (never "the high school" or "my old school").
LOWER_SCHOOL = re.compile(
    r"\bst\.?\s+[a-z]+(?:'?s)?\b"
    r"|\b[a-z][a-z'’]+\s+(?:primary|junior|juniors|infants?|high|secondary|academy|college|"
    r"school|grammar)\b"
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
# A name no list knows ("Tayyab", "Roksana"): a capitalised word that is no English word,
# doing what people do ("Tayyab helps me", "Ifeoma is my support worker") or being with
# someone ("me and Roksana", "thanks to Ifeoma").
_PERSON_VERBS = (
    r"(?:helps|helped|said|says|told|tells|listens|listened|showed|shows|taught|teaches|makes|"
    r"made|came|comes|waits|waited|sits|sat|plays|played|reads|read|gave|gives|explained|"
    r"explains|asked|asks|cares|understands|knows|always|never|is\s+my|was\s+my|is\s+our|"
    r"was\s+our|is\s+always|from\s+my)"
)
_NOT_PEOPLE = frozenset(
    "covid coronavirus camhs ehcp senco sendco youtube tiktok minecraft".split()
)
UNLISTED_NAME = re.compile(
    r"\b(?P<before>(?i:with|and|thanks\s+to|thank\s+you\s+to|friend|mate)\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[B-HJ-Z](?=\s))(?:'s|’s)?\b"
    r"(?P<after>\s+" + _PERSON_VERBS + r"\b)?"
)


_NOT_A_NAME_HERE = _NOT_NAMES | _AFTER_RELATION | _NOT_PEOPLE


@cache
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(names, names that are also everyday words and need a title or relation to count)."""
    names: set[str] = set()
    everyday: set[str] = set()
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
    found += [
        Found("address", m.start("street"), m.end("street")) for m in STREET_LIVED_ON.finditer(text)
    ]
    names = _names(text)
    found += names
    if names:  # a school is personal data here because a person is named with it
        found += [
            Found("school", m.start(), m.end())
            for m in SCHOOL.finditer(text)
            if m.group().split()[0].lower() not in _GENERIC_SCHOOL_WORDS
        ]
        found += [Found("school", m.start(), m.end()) for m in SAINTS_SCHOOL.finditer(text)]
        found += [
            Found("school", m.start(), m.end())
            for m in LOWER_SCHOOL.finditer(text)
            if re.match(r"st\.?\s", m.group()) or m.group().split()[0] not in english_words()
        ]
    return _without_overlaps(found)


def _names(text: str) -> list[Found]:
    names, everyday = first_names()
    found = [Found("name", m.start(), m.end()) for m in TITLE_NAME.finditer(text)]
    english = english_words()
    for match in LOWER_MISS.finditer(text):
        name = match.group("name")
        if name in names or name in SURNAMES or name not in english:
            found.append(Found("name", match.start("name"), match.end("name")))
    for match in OWN_NAME.finditer(text):
        group = next(g for g in ("name", "signed", "parent", "greeted") if match.group(g))
        lowered = match.group(group).lower()
        if group == "greeted" and not (_is_name(lowered, names) or lowered not in english):
            continue
        if lowered not in _NOT_NAMES | _AFTER_RELATION:
            found.append(Found("name", match.start(group), match.end(group)))
    for pattern in (RELATION_NAME, CALLED_NAME):
        for match in pattern.finditer(text):
            name = match.group("name")
            lowered = name.lower()
            if lowered in _NOT_NAMES or lowered in _AFTER_RELATION:
                continue
            if (
                name[0].isupper()
                or _is_name(lowered, names)
                or lowered in everyday
                or (lowered not in english and not lowered.endswith(("ed", "ing", "ly", "s")))
            ):
                end = _with_surname(text, match.end("name"))
                found.append(Found("name", match.start("name"), end))
    for match in UNLISTED_NAME.finditer(text):
        if not (match.group("before") or match.group("after")):
            continue
        word = match.group("name")
        if len(word) == 1:  # an initial ("J is my key worker"), never "Plan B" or "Vitamin D"
            before = text[: match.start("name")].split()
            if before and not before[-1].islower():
                continue
        elif word.lower() in english or word.lower() in _NOT_A_NAME_HERE:
            continue
        found.append(Found("name", match.start("name"), match.start("name") + len(word)))
    words = _WORD.findall(text.lower())
    if not any(_is_name(_without_possessive(word), names) for word in words):
        return found  # most comments name nobody: one pass to say so
    for match in _WORD.finditer(text):
        word = _without_possessive(match.group())
        lowered = word.lower()
        if not _is_name(lowered, names) or (word.isupper() and len(word) > 1):  # "TIA" is not Tia
            continue
        start, end = match.start(), match.start() + len(word)
        is_word = lowered in english
        if word.islower():
            surname_end = _with_surname(text, end, lower=True)
            if not is_word or surname_end > end:  # "aisha", "jack smith"; never "jack" or "will"
                found.append(Found("name", start, surname_end))
            continue
        end = _with_surname(text, end)
        # "Jack" starting a sentence may be the word; "Jack Smith" or "Aisha" is a name.
        if not is_word or end > start + len(word) or not _starts_sentence(text, start):
            found.append(Found("name", start, end))
    return found


def _without_possessive(word: str) -> str:
    """ "ollie's" -> "ollie": the name without the 's, which stays in the text."""
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def _is_name(word: str, names: frozenset[str]) -> bool:
    """A known first name, or a double-barrelled one made of them ("tia-mae", "lily-rose")."""
    if word in names:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(part in names or part in _NAME_PARTS for part in parts)


_NAME_PARTS = frozenset("mae may rose jo lou leigh marie ann anne grace louise jane".split())


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 4) : position].rstrip().rstrip("\"'“‘(")
    return not before or before[-1] in ".!?\n"


_SURNAME = re.compile(r"\s+[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?")
_LOWER_SURNAME = re.compile(r"\s+([a-z][a-z'’-]+)")
# Common surnames in England, lower case: "jack smith" is a name though "jack" and "smith" are
# words. Capitalised surnames need no list.
SURNAMES = frozenset(
    """smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson
    thompson wright walker white edwards hughes green hall lewis harris clarke patel jackson
    wood turner martin cooper hill ward morris moore clark lee king baker harrison morgan allen
    james scott phillips watson davis parker price bennett young griffiths mitchell kelly cook
    carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson
    simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray mason ali
    hussain ahmed akhtar rahman kaur shah mahmood iqbal okafor mensah nowak kowalski""".split()
)


def _with_surname(text: str, end: int, lower: bool = False) -> int:
    """Where a first name ends, with the surname after it if there is one: any capitalised word,
    or (for a name written in lower case) a common surname or a word that is no English word."""
    match = _SURNAME.match(text, end)
    if match and match.group().strip().lower() not in _NOT_NAMES:
        return match.end()
    if lower:
        match = _LOWER_SURNAME.match(text, end)
        if match and match.group(1) in SURNAMES:
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
