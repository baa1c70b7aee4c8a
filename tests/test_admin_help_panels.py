"""Every SEND screen staff use says, in a short panel at the top, what it is for, what its main
button does and what cannot be undone (issue 18). Admin screens use Wagtail's help_block; the
facilitators' and the safeguarding lead's screens, in the site's own layout, its help-panel.

Two checks: each screen, fetched as the role that uses it, shows its panel; and every template
of a staff screen holds one, so a new screen without help fails here unless it is listed below
with the reason it needs none."""

import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from engagement.models import Theme
from engagement.roles import FACILITATOR, SAFEGUARDING_LEAD
from surveys.models import SurveyPage
from tests.factories import FocusGroupSessionFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
SITE_HELP = '<div class="help-panel">'


def help_blocks(html: str, status: str = "info") -> list[str]:
    """The text of each {% help_block status=... %} on the page, less Wagtail's own: every
    admin page has one in its keyboard shortcuts dialog, so finding the markup alone proves
    nothing."""
    found = re.findall(rf'<div class="help-block help-{status}">(.*?)</div>', html, re.S)
    texts = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block)).strip() for block in found]
    return [text for text in texts if not text.startswith("Keyboard shortcuts are")]


# The admin screens' templates (Wagtail's layout) and the staff screens in the site's layout.
ADMIN_TEMPLATE_DIRS = [
    "templates/engagement/admin",
    "surveys/templates/surveys/admin",
    "you_said_we_did/templates/you_said_we_did/admin",
    "outcomes_cms/templates/outcomes_cms/admin",
]
SITE_TEMPLATE_DIRS = [
    "surveys/templates/surveys/focus_groups",
    "templates/engagement/safeguarding",
]
NEEDS_NO_PANEL = {
    "templates/engagement/admin/themes_cell.html": "a cell of the comments list, not a screen",
    "templates/engagement/admin/confirm_review.html": (
        "the one-question confirmation of a decision on ticked comments: the question says what "
        "'Yes, do it' does, any decision can be changed by another, and the comments list it "
        "comes from has the panel"
    ),
    "surveys/templates/surveys/focus_groups/session_detail.html": (
        "the live capture page: each section says what it does where it is, and a panel would "
        "push the box people type into down the screen during the session"
    ),
    "templates/engagement/safeguarding/case.html": (
        "one case: reached from the queue's panel; its 'no concern' step explains itself"
    ),
    "templates/engagement/safeguarding/case_actions.html": "part of the case page",
    "templates/engagement/safeguarding/due.html": "a due time, part of the queue and case",
}


def staff_templates(dirs: list[str]) -> list[str]:
    """The screens' templates in these folders (not includes/: parts of a screen), less those
    that need no panel."""
    found = {
        str(path.relative_to(ROOT)) for folder in dirs for path in (ROOT / folder).glob("*.html")
    }
    return sorted(found - set(NEEDS_NO_PANEL))


def test_the_screens_said_to_need_no_panel_still_exist():
    assert [template for template in NEEDS_NO_PANEL if not (ROOT / template).exists()] == []


@pytest.mark.parametrize("template", staff_templates(ADMIN_TEMPLATE_DIRS))
def test_every_admin_screen_has_a_help_block(template):
    # An info block: a warning or an error box shows only when something is wrong.
    assert '{% help_block status="info" %}' in (ROOT / template).read_text(encoding="utf-8"), (
        f"{template} has no {{% help_block %}}: say in a sentence or three what the screen is "
        "for, what its button does and what cannot be undone (or list it in NEEDS_NO_PANEL)"
    )


@pytest.mark.parametrize("template", staff_templates(SITE_TEMPLATE_DIRS))
def test_every_staff_screen_in_the_site_layout_has_a_help_panel(template):
    assert 'class="help-panel"' in (ROOT / template).read_text(encoding="utf-8"), (
        f"{template} has no help panel (or list it in NEEDS_NO_PANEL)"
    )


def a_theme() -> Theme:
    return Theme.objects.get(key="transport")  # the codebook's, from its migration


def a_survey() -> SurveyPage:
    return SurveyPage.objects.order_by("pk").first()  # the demo seed's


OFFICER_SCREENS = {
    "review comments": lambda: reverse("wagtailsnippets_engagement_voice:list"),
    "themes": lambda: reverse("wagtailsnippets_engagement_theme:list"),
    "import comments": lambda: reverse("comment_imports"),
    "theme suggestions": lambda: reverse("theme_suggestions"),
    "learning from decisions": lambda: reverse("theme_learning"),
    "merge a theme": lambda: reverse("theme_merge", args=[a_theme().pk]),
    "split a theme": lambda: reverse("theme_split", args=[a_theme().pk]),
    "write a you said we did": lambda: reverse("you_said_we_did_from_theme", args=[a_theme().pk]),
    "survey results": lambda: reverse("survey_results"),
    "question by question": lambda: reverse("survey_question_answers", args=[a_survey().pk]),
    "share a survey": lambda: reverse("survey_share", args=[a_survey().pk]),
    "erase a respondent's answers": lambda: reverse("survey_erase_response"),
}


@pytest.mark.parametrize("screen", OFFICER_SCREENS)
def test_officers_screens_show_their_help(client, officer, screen):
    response = client.get(OFFICER_SCREENS[screen]())
    assert response.status_code == 200
    assert help_blocks(response.content.decode())


def test_wagtails_own_help_block_is_not_taken_for_a_screens_panel(client, officer):
    """The control: the admin's home page has only Wagtail's (keyboard shortcuts) help block.
    If Wagtail rewords it, this fails instead of every check above passing on any page."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'class="help-block help-info"' in html
    assert help_blocks(html) == []


def test_publishing_without_the_ambassadors_check_warns_what_cannot_be_taken_back(
    client, officer, index, make_change
):
    from wagtail.models import Workflow, WorkflowPage

    WorkflowPage.objects.create(
        page=index, workflow=Workflow.objects.get(name="Co-production review")
    )
    page = make_change(publish=False, live=False)
    response = client.get(reverse("publish_without_ambassadors_check", args=[page.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    [warning] = help_blocks(html, "warning")
    assert "straight away, for everyone to read" in warning
    assert "an email cannot be taken back" in warning


def test_the_safeguarding_queue_shows_its_help(client):
    client.force_login(UserFactory(roles=[SAFEGUARDING_LEAD]))
    response = client.get(reverse("safeguarding_queue"))
    assert response.status_code == 200
    assert SITE_HELP in response.content.decode()


@pytest.fixture
def facilitators_session(client, django_capture_on_commit_callbacks):
    """A facilitator, signed in, with a session and one contribution, checked so it may be
    edited."""
    facilitator = UserFactory(roles=[FACILITATOR])
    client.force_login(facilitator)
    session = FocusGroupSessionFactory()
    session.facilitators.add(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("focus_group_contribution_add", args=[session.pk]),
            {
                "kind": "quote",
                "speaker_type": "young_person",
                "client_key": str(uuid.uuid4()),
                "text": "The bus is late every day",
            },
        )
    return session


@pytest.mark.parametrize(
    "screen", ["sessions", "new session", "paste notes", "edit a contribution"]
)
def test_facilitators_screens_show_their_help(client, facilitators_session, screen):
    session = facilitators_session
    url = {
        "sessions": lambda: reverse("focus_group_sessions"),
        "new session": lambda: reverse("focus_group_new"),
        "paste notes": lambda: reverse("focus_group_bulk", args=[session.pk]),
        "edit a contribution": lambda: reverse(
            "focus_group_contribution_edit", args=[session.pk, session.contributions.get().pk]
        ),
    }[screen]()
    response = client.get(url)
    assert response.status_code == 200
    assert SITE_HELP in response.content.decode()


def test_a_facilitator_is_told_the_list_is_their_own_sessions(client, facilitators_session):
    html = client.get(reverse("focus_group_sessions")).content.decode()
    assert "The focus group sessions you run" in html
