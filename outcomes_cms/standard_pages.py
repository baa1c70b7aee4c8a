"""The words of the accessibility statement and the privacy notice that a new site starts with.

Written for a 10-year-old reader: short sentences, everyday words. Officers edit them in the
admin; the seed only creates them when they are missing.
"""


def _paragraphs(*texts: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _section(heading: str, *texts: str) -> list[tuple[str, str]]:
    return [("heading", heading), *_paragraphs(*texts)]


ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "summary": "We want everyone to be able to use this website. This page says how we make it "
    "easy to use, and what to do if something is hard.",
    "body": [
        *_section(
            "What you can do on this website",
            "You can make the words bigger. You can zoom in up to 4 times and the page still fits.",
            "You can use it with only a keyboard. Press Tab to move, and Enter to choose.",
            "You can use a screen reader. Every picture has words that say what it shows.",
            "You can use it without JavaScript. Everything still works.",
            "Every question has an easy-read version.",
            "Answers have pictures beside them. They look the same on every phone and "
            "computer, and the words beside them say what they mean.",
        ),
        *_section(
            "How we check",
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
            "An automatic checker tests every page each time we change the website. People "
            "also try every page with a keyboard, with a screen reader and zoomed in.",
        ),
        *_section(
            "If something is hard to use",
            "Tell us. Ask an adult you trust to help, or tell the SEND team at the council. "
            "We will reply within 10 working days.",
            "If you are not happy with our reply, you can contact the Equality Advisory and "
            "Support Service (EASS).",
        ),
    ],
}

# The periods here match HEAR_BACK_RETENTION_DAYS and INCOMPLETE_RESPONSE_RETENTION_DAYS in the
# settings (tests/outcomes_cms/test_standard_pages.py checks they agree).
PRIVACY = {
    "slug": "privacy",
    "title": "Privacy notice",
    "summary": "This page says what we keep when you answer a survey or come to a group, why we "
    "keep it, who sees it, how long we keep it, and how to delete it.",
    "body": [
        *_section(
            "You do not have to tell us who you are",
            "Our surveys do not ask for your name. We do not know who you are unless you tell us.",
            "We do not keep your IP address (the number of your internet connection) or anything "
            "else that could say which phone or computer you used with your answers. To stop "
            "computer programs filling in surveys, a scrambled form of that number is kept for "
            "10 minutes, apart from your answers, and then it is gone.",
            "You can stop at any time. You can skip questions you do not want to answer.",
        ),
        *_section(
            "What we keep",
            "We keep your answers and anything you write in the comment boxes.",
            "We keep who answered: you, you with help, or someone answering for you.",
            "At a group, we write down what people said, but not who said it. We count how many "
            "young people and parent carers came. We do not write down names.",
            "If you want to hear what happened because of your answers, you can give us an email "
            "address. We keep it apart from your answers. We only use it to tell you what "
            "changed. You can stop the emails at any time with the link in each email.",
        ),
        *_section(
            "On your phone or computer",
            "We tell your browser not to keep copies of the pages with your answers, so someone "
            "using the same device later cannot go back and see them.",
            'The "Exit this page" button takes you to another website at once.',
            "Our pages only load things from this website. No other company sees that you "
            "visited, and we do not use cookies to follow you around the internet. We use two "
            "small cookies that only this website reads: one so the survey remembers your "
            "answers while you answer, and one that keeps the forms safe from tricks.",
        ),
        *_section(
            "Who sees your answers",
            "Nobody at the council reads your answers before you send them. The only exception "
            "is on keeping safe, below.",
            "Council staff who plan SEND services read what people said. When we share results, "
            "we never show a number smaller than 5, so nobody can work out who said what.",
            "We take out names, phone numbers and addresses before anyone else reads a comment.",
            "Staff sign in with a password. Staff who manage the website, or read messages about "
            "keeping safe, also need a code from their phone. We keep a record of who signed in "
            "and who downloaded results.",
        ),
        *_section(
            "If you tell us you are not safe",
            "If you write something that makes us think you or someone else might be hurt, a "
            "person whose job is to keep children safe will read it. Nobody else will see it. "
            "They will only use it to help keep you safe.",
        ),
        *_section(
            "How long we keep it",
            "Email addresses: 2 years, then we delete them.",
            "A survey you started but did not send: if nothing changes for 90 days, we delete "
            "it and everything you wrote in it.",
            "Answers you sent: we keep them to see how things change over the years. They do "
            "not say who you are.",
        ),
        *_section(
            "Deleting your answers",
            "Before you send your answers, after you send them, and on the page with your link "
            "to come back later, there is a link to delete your answers. It deletes your "
            "answers, your comments and your email address at once.",
            "If you saved the link to come back later, you can use it to delete your answers "
            "any time. If you lost it, ask the SEND team. Tell them which survey, when you "
            "answered and something you wrote, and they can find your answers and delete them.",
        ),
        *_section(
            "Why we are allowed to keep it",
            "The council has a public task to plan and improve services for children and young "
            "people with SEND (Children and Families Act 2014). The law that protects your "
            "information is the UK GDPR and the Data Protection Act 2018.",
        ),
        *_section(
            "Your rights",
            "You can ask to see what we keep about you, ask us to change it, or ask us to delete "
            "it. Contact the council's data protection officer. If you are not happy, you can "
            "complain to the Information Commissioner's Office (ICO).",
        ),
    ],
}

STANDARD_PAGES = [ACCESSIBILITY, PRIVACY]
