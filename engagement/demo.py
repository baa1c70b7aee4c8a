"""Demo logins, one per role. Only ever created where settings.DEMO_USERS_ALLOWED (dev)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .roles import (
    COMMISSIONER,
    FACILITATOR,
    OFFICER,
    PARENT_CARER_AMBASSADOR,
    SAFEGUARDING_LEAD,
    YOUNG_AMBASSADOR,
)

DEMO_PASSWORD = "demo-send-voices"  # noqa: S105 - dev settings only, printed for the developer

DEMO_USERS = [
    ("officer@example.com", "Olivia", "Officer", OFFICER),
    ("facilitator@example.com", "Femi", "Facilitator", FACILITATOR),
    ("commissioner@example.com", "Chris", "Commissioner", COMMISSIONER),
    ("safeguarding@example.com", "Sam", "Safeguarding", SAFEGUARDING_LEAD),
    ("young.ambassador@example.com", "Yasmin", "Ambassador", YOUNG_AMBASSADOR),
    ("parent.ambassador@example.com", "Priya", "Ambassador", PARENT_CARER_AMBASSADOR),
]
DEMO_ADMIN = "admin@example.com"
DEMO_FACILITATOR = "facilitator@example.com"


class DemoUsersNotAllowed(Exception):
    pass


def seed_demo_users() -> list[tuple[str, str]]:
    """Create the demo logins if missing; return (email, role) for each."""
    if not settings.DEMO_USERS_ALLOWED:
        raise DemoUsersNotAllowed("Demo logins are only created with the dev settings.")
    User = get_user_model()
    logins = []
    for email, first_name, last_name, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        logins.append((email, role))
    if not User.objects.filter(email=DEMO_ADMIN).exists():
        User.objects.create_superuser(
            DEMO_ADMIN, DEMO_PASSWORD, first_name="Ada", last_name="Admin"
        )
    logins.append((DEMO_ADMIN, "Administrator (superuser)"))
    return logins
