"""What a question says to the person answering it.

When someone answers for a young person, the questions are asked about the young person
("Does Sam feel safe?" instead of "I feel safe."). An officer can write that wording for a
question (SurveyQuestion.about_them_wording, with {name} where the name goes); otherwise it
is made from the question here: first person ("I feel ...", "my ...") and second person
("Do you ...?") become the third person: the name where the young person is first mentioned
(its verb agreeing: "How is Sam getting on?", "what Sam wants"), singular "they" after that.
The first name, if the helper gave one, lives in the session alone and is never stored.
"""

import re

THE_YOUNG_PERSON = "the young person"
# Marks where the name goes until the end, so that its "I"/"you" does not become "they".
HERE = "\0"

# Words after which "you" is an object ("help you", "to you"): "them", and never a subject.
# Not after "the": "the help you need" is a noun, and its "you" a subject.
OBJECT_AFTER = (
    r"(?<!the )(?:to|for|with|about|at|from|of|on|by|help|helps|stop|stops|ask|asks"
    r"|make|makes|let|lets|tell|tells|give|gives)"
)
# Pronouns, in the order they must be replaced (longer forms first).
SWAPS = [
    (r"\bI'm\b|\bI’m\b", "they're"),
    (r"\bI am\b", "they are"),
    (r"\bI've\b|\bI’ve\b", "they've"),
    (r"\bI\b", "they"),
    (r"\bmyself\b", "themselves"),
    (r"\bmine\b", "theirs"),
    (r"\bmy\b", "their"),
    (r"\bme\b", "them"),
    (r"\byourself\b", "themselves"),
    (r"\byour\b", "their"),
    (r"\byou're\b|\byou’re\b", "they're"),
    (rf"\b({OBJECT_AFTER}) you\b", r"\1 them"),
    (r"\byou\b", "they"),
]
# A leading "I" turned into a question: (pattern, replacement with {name}).
STATEMENTS = [
    (r"^I can (.*?)[.!]?$", r"Can {name} \1?"),
    (r"^I(?: am|'m|’m) (.*?)[.!]?$", r"Is {name} \1?"),
    (r"^I have (.*?)[.!]?$", r"Does {name} have \1?"),
    (r"^I (\w+) (.*?)[.!]?$", r"Does {name} \1 \2?"),
]
# "(How happy) are you ...?": the verb before "you" agrees with the name ("is Sam").
# The words between the question word and the verb may not hold a "you" or a comma, so that
# "When you need help, do you get it?" is left to the subject rule below.
ASKED = re.compile(
    r"^((?:how|what|which|where|when|why|who)(?: (?!you\b)[\w'’]+)*? )?"
    r"(do|did|are|were|have|can|could|will|would|should) you\b(.*)$",
    flags=re.IGNORECASE,
)
# A subject "I"/"you" inside a sentence, with its verb (maybe after an adverb) or its "'m".
SUBJECT = re.compile(
    r"\b(?:I|[Yy]ou)(?:(['’](?:m|re|ve|d|ll)\b)"
    r"|( (?:always|never|often|sometimes|usually|really|still|also|just|only))? ([\w'’]+))"
)

# The third person singular of a verb, for a name in place of "I" or "you".
THIRD_PERSON = {
    "am": "is",
    "are": "is",
    "were": "was",
    "have": "has",
    "do": "does",
    "aren't": "isn't",
    "weren't": "wasn't",
    "haven't": "hasn't",
    "don't": "doesn't",
    "'m": "'s",
    "'re": "'s",
    "'ve": "'s",
    "'d": " would",  # "Sam'd like" reads oddly
    "'ll": " will",
}
# Modals and common irregular past tenses stay as they are ("Sam can", "Sam felt").
SAME_FOR_EVERYONE = set(
    "can could will would shall should may might must did was had got felt went said made "
    "knew thought told saw came took found kept left heard".split()
)


def third_person(verb: str) -> str:
    """want -> wants, go -> goes, try -> tries, are -> is, don't -> doesn't, can -> can."""
    plain = verb.lower().replace("’", "'")
    if plain in THIRD_PERSON:
        return THIRD_PERSON[plain].replace("'", "’" if "’" in verb else "'")
    if plain in SAME_FOR_EVERYONE or "'" in plain or re.search(r"[^e]ed$", plain):
        return verb  # can't, won't, I'd, I'll; "wanted" (but "need" -> "needs")
    if re.search(r"(s|sh|ch|x|z|o)$", plain):
        return verb + "es"
    if re.search(r"[^aeiou]y$", plain):
        return verb[:-1] + "ies"
    return verb + "s"


def about_them(wording: str, name: str = "") -> str:
    """The question asked about the young person, e.g. "I feel safe." -> "Does Sam feel safe?".

    The name (or "the young person") goes where the young person is first mentioned. A subject
    "they" is only clear where it follows the name: "Adults know what they want to be" could mean
    the adults, so the first subject "I"/"you" gets the name too ("what Sam wants to be"), and
    later ones stay "they", whose verb is that of "I" and "you" (they want, they are).
    """
    text = wording.strip()
    for pattern, replacement in STATEMENTS:
        match = re.match(pattern, text)
        if match:
            return _finish(_swap(match.expand(replacement.replace("{name}", HERE))), name)
    asked = ASKED.match(text)
    if asked:
        before, verb, rest = asked.groups()
        return _finish(_swap(f"{before or ''}{third_person(verb.lower())} {HERE}{rest}"), name)
    text = _swap(_name_first_subject(text))
    # A "my"/"me" before that subject (or with no subject at all) is the first mention: it gets
    # the name too ("People around me help me." -> "People around Sam help them.").
    first = re.search(r"\b(their|them)\b", text)
    if first and (HERE not in text or first.start() < text.index(HERE)):
        named = f"{HERE}'s" if first.group(1) == "their" else HERE
        text = text[: first.start()] + named + text[first.end() :]
    return _finish(text, name)


def _name_first_subject(text: str) -> str:
    for match in SUBJECT.finditer(text):
        if re.search(rf"\b(?:{OBJECT_AFTER}) $", text[: match.start()], flags=re.IGNORECASE):
            continue  # "help you": an object
        clitic, adverb, verb = match.groups()
        agreed = third_person(clitic) if clitic else f"{adverb or ''} {third_person(verb)}"
        return text[: match.start()] + HERE + agreed + text[match.end() :]
    return text


def _swap(text: str) -> str:
    for pattern, replacement in SWAPS:
        # "I" is only ever a capital; "My", "You" may start the sentence.
        flags = 0 if "bI" in pattern else re.IGNORECASE
        text = re.sub(pattern, replacement, text, flags=flags)
    return text


def _finish(text: str, name: str) -> str:
    return _sentence(text.replace(HERE, name or THE_YOUNG_PERSON))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill_name(wording: str, name: str = "") -> str:
    """An officer's own "about them" wording with the name (or "the young person") put in."""
    return _sentence(wording.replace("{name}", name or THE_YOUNG_PERSON))
