"""An administrator creates staff in the Wagtail admin and gives them a role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from engagement.roles import COMMISSIONER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_staff_member_with_a_role(client, demo_site):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    commissioner_group = Group.objects.get(name=COMMISSIONER)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "New.Commissioner@Council.example",
            "first_name": "Nia",
            "last_name": "Shah",
            "password1": "Xy-long-pass-77",
            "password2": "Xy-long-pass-77",
            "is_active": "on",
            "groups": [commissioner_group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(email="new.commissioner@council.example")
    assert list(user.groups.all()) == [commissioner_group]
    assert not user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("engagement.view_dashboard")


def test_officers_cannot_manage_users(client, demo_site):
    client.force_login(UserFactory(roles=["Officer"]))
    assert client.get("/admin/users/").status_code in (302, 403)
