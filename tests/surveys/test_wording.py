"""Questions asked about the young person when someone answers for them (surveys.wording)."""

import pytest

from surveys.wording import about_them, third_person


@pytest.mark.parametrize(
    ("wording", "asked"),
    [
        # After a question word, the verb before "you" agrees with the name.
        ("How are you getting on?", "How is Jayden getting on?"),
        ("How do you feel?", "How does Jayden feel?"),
        ("What have you tried?", "What has Jayden tried?"),
        ("Where were you told?", "Where was Jayden told?"),
        ("How happy are you with life at home?", "How happy is Jayden with life at home?"),
        ("How relaxed and happy do you feel?", "How relaxed and happy does Jayden feel?"),
        ("How often do you see friends?", "How often does Jayden see friends?"),
        ("Have you got a key worker?", "Has Jayden got a key worker?"),
        ("Were you asked?", "Was Jayden asked?"),
        # Modals and the past tense are the same for everyone.
        ("How can you get there?", "How can Jayden get there?"),
        ("What would you change?", "What would Jayden change?"),
        ("Would you like more help?", "Would Jayden like more help?"),
        ("How long did you wait?", "How long did Jayden wait?"),
        # A "you" before the verb belongs to its own clause.
        (
            "When you need help with your health, do you get it quickly?",
            "When Jayden needs help with their health, do they get it quickly?",
        ),
    ],
)
def test_the_verb_before_you_agrees_with_the_name(wording, asked):
    assert about_them(wording, "Jayden") == asked


@pytest.mark.parametrize(
    ("wording", "asked"),
    [
        # The first subject "I"/"you" becomes the name, its verb agreeing; later ones "they".
        (
            "Adults know what I want to be when I grow up. They help me get there.",
            "Adults know what Sam wants to be when they grow up. They help them get there.",
        ),
        ("Do people listen to what you say?", "Do people listen to what Sam says?"),
        ("People know where I go.", "People know where Sam goes."),
        ("My carers know what I watch.", "Sam's carers know what Sam watches."),
        ("Adults know what I fix.", "Adults know what Sam fixes."),
        ("Teachers notice when I worry.", "Teachers notice when Sam worries."),
        ("Staff help when I try hard.", "Staff help when Sam tries hard."),
        ("Adults know how I relax.", "Adults know how Sam relaxes."),
        ("Adults know what I really want.", "Adults know what Sam really wants."),
        ("People know what I'm good at.", "People know what Sam's good at."),
        ("People know what I’m good at.", "People know what Sam’s good at."),
        ("Do people listen when you're upset?", "Do people listen when Sam's upset?"),
        ("People know when I am tired.", "People know when Sam is tired."),
        ("People know when I have had enough.", "People know when Sam has had enough."),
        ("People know when I haven't slept.", "People know when Sam hasn't slept."),
        ("Mum knows when I don't feel well.", "Mum knows when Sam doesn't feel well."),
        ("People know when I can't cope.", "People know when Sam can't cope."),
        ("People know when I won't eat.", "People know when Sam won't eat."),
        ("Adults know what I wanted.", "Adults know what Sam wanted."),
        ("Adults know what I felt.", "Adults know what Sam felt."),
        ("Staff understand what I need.", "Staff understand what Sam needs."),
        ("Is there someone you trust?", "Is there someone Sam trusts?"),
        ("The help you get is good.", "The help Sam gets is good."),
        # "the help you need": a noun, so its "you" is a subject, not "help them".
        ("Do you get the help you need?", "Does Sam get the help they need?"),
        # An object "you" is not a subject.
        ("Does school make you happy?", "Does school make Sam happy?"),
        ("What stops you going to clubs?", "What stops Sam going to clubs?"),
        # A leading "I'm" (either apostrophe) becomes a question, as "I am" does.
        ("I'm happy at school.", "Is Sam happy at school?"),
        ("I’m happy at school.", "Is Sam happy at school?"),
        ("I don't like noise.", "Sam doesn't like noise."),
    ],
)
def test_a_subject_inside_the_sentence_becomes_the_name_once(wording, asked):
    assert about_them(wording, "Sam") == asked


@pytest.mark.parametrize(
    ("verb", "agreed"),
    [
        ("want", "wants"),
        ("miss", "misses"),
        ("wish", "wishes"),
        ("watch", "watches"),
        ("fix", "fixes"),
        ("buzz", "buzzes"),
        ("go", "goes"),
        ("try", "tries"),
        ("play", "plays"),
        ("need", "needs"),
        ("have", "has"),
        ("am", "is"),
        ("are", "is"),
        ("were", "was"),
        ("do", "does"),
        ("don't", "doesn't"),
        ("don’t", "doesn’t"),
        ("'m", "'s"),
        ("’m", "’s"),
        ("can", "can"),
        ("should", "should"),
        ("can't", "can't"),
        ("won't", "won't"),
        ("wanted", "wanted"),
        ("felt", "felt"),
    ],
)
def test_third_person(verb, agreed):
    assert third_person(verb) == agreed


@pytest.mark.parametrize(
    ("wording", "asked"),
    [
        ("I feel safe.", "Does the young person feel safe?"),
        ("How are you getting on?", "How is the young person getting on?"),
        ("Do people listen to what you say?", "Do people listen to what the young person says?"),
        ("People around me help me.", "People around the young person help them."),
        ("My EHC plan helps me.", "The young person's EHC plan helps them."),
    ],
)
def test_with_no_name_it_is_the_young_person(wording, asked):
    assert about_them(wording) == asked


# The demo surveys' wordings (surveys/demo.py, surveys/demo_middlesbrough.py and the Bradford
# questionnaire), standard and easy read.
SEED_WORDINGS = [
    ("I feel supported by those around me.", "Does {} feel supported by those around them?"),
    ("People around me help me.", "People around {} help them."),
    ("I feel safe.", "Does {} feel safe?"),
    (
        "My EHC plan helps me do what I want to do.",
        "{}'s EHC plan helps them do what {} wants to do.",
    ),
    (
        "The adults in my life know what I want to be when I'm older. They are providing "
        "opportunities for me to reach my aspirations.",
        "The adults in {}'s life know what {} wants to be when they're older. They are providing "
        "opportunities for them to reach their aspirations.",
    ),
    (
        "Adults know what I want to be when I grow up. They help me get there.",
        "Adults know what {} wants to be when they grow up. They help them get there.",
    ),
    ("I feel I belong where I live.", "Does {} feel they belong where they live?"),
    ("I can get to the places I want to go.", "Can {} get to the places they want to go?"),
    ("People listen to me.", "People listen to {}."),
    (
        "I know and understand how to keep myself healthy.",
        "Does {} know and understand how to keep themselves healthy?",
    ),
    ("Do people listen to what you say?", "Do people listen to what {} says?"),
    (
        "Do you get to make choices about things that matter to you?",
        "Does {} get to make choices about things that matter to them?",
    ),
    (
        "When you need help with your health, do you get it quickly?",
        "When {} needs help with their health, do they get it quickly?",
    ),
    ("Do you go to clubs you like?", "Does {} go to clubs they like?"),
    ("What stops you going to clubs?", "What stops {} going to clubs?"),
    ("Where do you get help?", "Where does {} get help?"),
    ("Are you ready for after school?", "Is {} ready for after school?"),
    (
        "How are you getting on with doing things for yourself?",
        "How is {} getting on with doing things for themselves?",
    ),
    ("Can you do more things on your own?", "Can {} do more things on their own?"),
    ("How relaxed and happy do you feel?", "How relaxed and happy does {} feel?"),
    ("How happy are you with life at home?", "How happy is {} with life at home?"),
    ("Who helps you?", "Who helps {}?"),
]


@pytest.mark.parametrize(("wording", "asked"), SEED_WORDINGS)
@pytest.mark.parametrize("name", ["Jayden", ""])
def test_the_demo_surveys_wordings(wording, asked, name):
    expected = asked.format(*[name or "the young person"] * asked.count("{}"))
    assert about_them(wording, name) == expected[:1].upper() + expected[1:]
