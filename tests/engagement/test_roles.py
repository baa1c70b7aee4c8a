"""Each role sees only what is its own: the Wagtail admin is for officers alone."""

import pytest
from django.contrib.auth.models import Group

from engagement.roles import OFFICER, ROLES
from outcomes_cms.models import OutcomePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLE_NAMES = [role.name for role in ROLES]
NON_OFFICERS = [name for name in ROLE_NAMES if name != OFFICER]
PUBLIC_PATHS = ["/", "/rochdale/", "/rochdale/plan-on-a-page/", "/accessibility/"]


def test_the_migration_made_every_role_with_its_permissions():
    for role in ROLES:
        group = Group.objects.get(name=role.name)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} | {
            f"{p.permission.content_type.app_label}.{p.permission.codename}"
            for p in group.collection_permissions.all()
        }
        assert granted == set(role.permissions), role.name
        assert group.page_permissions.exists() == role.edits_pages


def test_anonymous_visitor_reads_pages_but_is_sent_to_sign_in_for_admin_and_staff(
    client, demo_site
):
    for path in PUBLIC_PATHS:
        assert client.get(path).status_code == 200, path
    for path in ["/admin/", "/staff/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_officer_uses_the_admin_and_can_edit_outcome_pages(client, demo_site):
    officer = UserFactory(roles=[OFFICER])
    client.force_login(officer)
    assert client.get("/admin/").status_code == 200
    outcome = OutcomePage.objects.get(title="My opinions are valued")
    assert client.get(f"/admin/pages/{outcome.pk}/edit/").status_code == 200
    assert outcome.permissions_for_user(officer).can_publish()
    assert "Edit pages in the content admin" in client.get("/staff/").content.decode()


@pytest.mark.parametrize("role", NON_OFFICERS)
def test_other_roles_are_kept_out_of_the_admin(client, demo_site, role):
    person = UserFactory(roles=[role])
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert client.get("/admin/pages/").status_code in (302, 403)
    outcome = OutcomePage.objects.get(title="My opinions are valued")
    assert not outcome.permissions_for_user(person).can_edit()
    staff_home = client.get("/staff/").content.decode()
    assert role in staff_home
    assert "Edit pages in the content admin" not in staff_home
    for path in PUBLIC_PATHS:
        assert client.get(path).status_code == 200


def test_a_person_with_no_role_is_told_to_ask_for_one(client, demo_site):
    client.force_login(UserFactory())
    assert "You have no role yet" in client.get("/staff/").content.decode()
