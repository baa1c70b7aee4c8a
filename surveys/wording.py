"""What a question says to the person answering it.

When someone answers for a young person, the questions are asked about the young person
("Does Sam feel safe?" instead of "I feel safe."). An officer can write that wording for a
question (SurveyQuestion.about_them_wording, with {name} where the name goes); otherwise it
is made from the question here: first person ("I feel ...", "my ...") and second person
("Do you ...?") become the third person, with singular "they", whose verb forms are those of
"you" and "I" (they say, they are), so only the leading subject needs its verb changed.
The first name, if the helper gave one, lives in the session alone and is never stored.
"""

import re

THE_YOUNG_PERSON = "the young person"

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
    # "you" after a preposition or a verb is "them"; as a subject it is "they".
    (r"\b(to|for|with|about|at|help|helps|stops|stop|asks|ask) you\b", r"\1 them"),
    (r"\byou\b", "they"),
]
# A leading subject turned into a question: (pattern, replacement with {name}).
QUESTIONS = [
    (r"^I can (.*?)[.!]?$", r"Can {name} \1?"),
    (r"^I (?:am|'m|’m) (.*?)[.!]?$", r"Is {name} \1?"),
    (r"^I have (.*?)[.!]?$", r"Does {name} have \1?"),
    (r"^I (\w+) (.*?)[.!]?$", r"Does {name} \1 \2?"),
    (r"^Do you (.*)$", r"Does {name} \1"),
    (r"^Can you (.*)$", r"Can {name} \1"),
    (r"^Are you (.*)$", r"Is {name} \1"),
    (r"^Did you (.*)$", r"Did {name} \1"),
    (r"^(How|Where|When|What|Why|Who) do you (.*)$", r"\1 does {name} \2"),
    (r"^(How|Where|When|What|Why|Who) (\w+) you (.*)$", r"\1 \2 {name} \3"),
]


def about_them(wording: str, name: str = "") -> str:
    """The question asked about the young person, e.g. "I feel safe." -> "Does Sam feel safe?"."""
    who = name or THE_YOUNG_PERSON
    text = wording.strip()
    for pattern, replacement in QUESTIONS:
        match = re.match(pattern, text, flags=re.IGNORECASE if pattern.startswith("^(") else 0)
        if match:
            # The subject is replaced first, so its "I"/"you" does not become "they" below.
            text = match.expand(replacement.replace("{name}", "\0"))
            text = _swap(text).replace("\0", who)
            return _sentence(text)
    # No leading subject: the first "them" or "their" gets the name ("People around me help
    # me." -> "People around Sam help them.").
    text = _swap(text)
    # Not a subject "they": its verb would need changing too ("they say" -> "Sam says").
    text = re.sub(r"\b(their|them)\b", lambda m: _named(m.group(1), who), text, count=1)
    return _sentence(text)


def _swap(text: str) -> str:
    for pattern, replacement in SWAPS:
        # "I" is only ever a capital; "My", "You" may start the sentence.
        flags = 0 if "bI" in pattern else re.IGNORECASE
        text = re.sub(pattern, replacement, text, flags=flags)
    return text


def _named(pronoun: str, who: str) -> str:
    return f"{who}'s" if pronoun == "their" else who


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill_name(wording: str, name: str = "") -> str:
    """An officer's own "about them" wording with the name (or "the young person") put in."""
    return _sentence(wording.replace("{name}", name or THE_YOUNG_PERSON))
