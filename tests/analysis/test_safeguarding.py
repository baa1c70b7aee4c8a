"""Possible disclosures of harm are caught however they are worded; everyday words are not."""

import pytest

from engagement.analysis.safeguarding import (
    ABUSE,
    CARER_AT_BREAKING_POINT,
    EXPLOITATION,
    FEAR_OF_HOME,
    NEGLECT,
    SELF_HARM,
    possible_disclosure,
)

DISCLOSURES = [
    ("Sometimes I want to kill myself", SELF_HARM),
    ("i want to kil my self", SELF_HARM),
    ("I have been cutting myself again", SELF_HARM),
    ("i think about sucide a lot", SELF_HARM),
    ("I don't want to be alive anymore", SELF_HARM),
    ("i dont wanna be here no more", SELF_HARM),
    ("Everyone would be better off without me", SELF_HARM),
    ("Sometimes I feel like ending it all", SELF_HARM),
    ("I wish I was never born", SELF_HARM),
    ("I self harm when I get stressed", SELF_HARM),
    ("my stepdad hits me when mum is out", ABUSE),
    ("My dad hurts me", ABUSE),
    ("He touched me in my private parts", ABUSE),
    ("I keep getting hit at home", ABUSE),
    ("i'm scared of my mums boyfriend", ABUSE),
    ("she locks me in my room", ABUSE),
    ("there is never any food at home and mum is always drunk", NEGLECT),
    ("I get left home alone all weekend", NEGLECT),
    ("older boys give me money to carry parcels", EXPLOITATION),
    ("a man I met online asked me for pictures", EXPLOITATION),
    ("I'm scared to go home", FEAR_OF_HOME),
    ("I don't feel safe at home", FEAR_OF_HOME),
    ("i ran away last week because of my dad", FEAR_OF_HOME),
    ("I'm at breaking point with my son and I'm scared I'll hurt him", CARER_AT_BREAKING_POINT),
    ("I can't cope anymore", CARER_AT_BREAKING_POINT),
    ("we might have to put him into care, I can't keep him safe", CARER_AT_BREAKING_POINT),
    # Said indirectly, as young people and parent carers do: written for the analysis, away
    # from the held-out SEND set, to widen the patterns beyond the first examples.
    ("sometimes i think everyone would be happier if i wasnt around", SELF_HARM),
    ("i feel like a burden to everyone", SELF_HARM),
    ("theres no point me being alive", SELF_HARM),
    ("i just want to go to sleep and not wake up", SELF_HARM),
    ("sometimes i pray i dont wake up", SELF_HARM),
    ("i scratch my arms till they bleed when im stressed", SELF_HARM),
    ("ive started cutting again", SELF_HARM),
    ("she has tried to take her own life", SELF_HARM),
    ("last night i swallowed a load of paracetamol", SELF_HARM),
    ("my arms are covered in scars from what i do", SELF_HARM),
    ("sometimes i wanna disapear", SELF_HARM),
    ("my step dad pins me down", ABUSE),
    ("my dad gets angry and throws things at me", ABUSE),
    ("my brother does stuff to me at night that i dont like", ABUSE),
    ("my uncle comes into my room at night", ABUSE),
    ("i get the belt when im naughty", ABUSE),
    ("my mum's new fella scares me and he grabs my arm really hard", ABUSE),
    ("the school restrained him and he came home with marks", ABUSE),
    ("when my step mum is cross she wont let me eat", NEGLECT),
    ("nobody makes me dinner", NEGLECT),
    ("no one comes for me after school", NEGLECT),
    ("no one cares for us when mum is out", NEGLECT),
    ("no one picks me up from school and i walk home in the dark", NEGLECT),
    ("i have to look after my little sisters every night cos mum goes out", NEGLECT),
    ("a guy on snapchat says he loves me and wants pics", EXPLOITATION),
    ("i was told to keep a bag at my house for some older boys", EXPLOITATION),
    ("i got given a new phone by someone i dont know", EXPLOITATION),
    ("i sleep at a friends most nights because its bad at home", FEAR_OF_HOME),
    ("id rather be anywhere than at home", FEAR_OF_HOME),
    ("i stay out late so i dont have to be at home", FEAR_OF_HOME),
    (
        "i'm on my knees and have thought about leaving him and not coming back",
        CARER_AT_BREAKING_POINT,
    ),
    ("i don't know how much more i can take before i do something stupid", CARER_AT_BREAKING_POINT),
    ("i dont think i can go on like this", CARER_AT_BREAKING_POINT),
    # Found by a review of the patterns: each was missed or mis-read by an earlier version.
    ("the older boys said i owe them a favour", EXPLOITATION),
    ("my stepdad gets into bed with me at night", ABUSE),
    ("mum would be fine if i was not around", SELF_HARM),
    ("i bit my arms", SELF_HARM),
    ("her legs are covered in marks", SELF_HARM),
    ("they make me watch videos i don't want to", ABUSE),
    ("i get the wooden spoon", ABUSE),
    ("mum never gets up in the mornings", NEGLECT),
    ("i don't know how long i can do this", CARER_AT_BREAKING_POINT),
    ("i want to drive off and never come back", CARER_AT_BREAKING_POINT),
    ("i can't carry on at all", SELF_HARM),
    ("he has been cutting his arms", SELF_HARM),
]

SAFE_USES = [
    "I feel safe now the bullying has stopped",
    "I hurt my knee at football",
    "This homework is killing me",
    "My head hurts when it is noisy",
    "I'm dying to go to the party",
    "I feel safe at home",
    "Mum helps me with my dinner",
    "I like going home on the bus",
    "I can't wait to go to college",
    "Health and safety stopped the trip",
    "I'd like more food options at lunch",
    "I am happy at home",
    "older children helped me at the club",
    "I struggle to cope with exams",
    "Staff keep me safe",
    "We need more respite",
    "The taxi to school is always late",
    "my mum drinks a lot of tea",
    "i owe my TA a big thank you",
    "i'm going to kill it at my exams",
    "the school nurse gave me tablets for my asthma",
    "we are fighting for his EHCP and it is exhausting",
    "no point complaining they never listen",
    "i can't carry on with the course without a laptop",
    "i make my own tea now which is part of my PfA goals",
    "she holds me up when i walk because of my legs",
    "the waiting list was cut from 12 months to 6",
    "i'd rather be at college than at school",
    "he cut his finger in food tech but the TA sorted it",
    "specialist provision does not exist in our area",
    "the council keep cutting his hours",
    "he is taking lots of tablets for his epilepsy",
    "there's no point trying anymore with the LA",
    "we can't carry on waiting for an EHCP",
    "my parents fight for my EHCP",
    "nobody gets me at school",
    "i can make my own breakfast now, my mum is proud",
    "we keep asking for them to assess him",
    "his behaviour is awful at home",
    "we left him at school and he's not going back",
]


@pytest.mark.parametrize(("text", "kind"), DISCLOSURES)
def test_disclosures_are_flagged_with_what_was_found(text, kind):
    reasons = possible_disclosure(text)
    assert any(reason.startswith(kind + ":") for reason in reasons), reasons


@pytest.mark.parametrize("text", SAFE_USES)
def test_everyday_uses_of_risky_words_are_not_flagged(text):
    assert possible_disclosure(text) == ()


def test_the_reason_quotes_the_words_that_were_found():
    (reason,) = possible_disclosure("Honestly some days I want to die")
    assert reason == f'{SELF_HARM}: "want to die"'
