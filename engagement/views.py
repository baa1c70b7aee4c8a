from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .roles import ROLES_BY_NAME
from .safeguarding import is_safeguarding_lead


@login_required
def staff_home(request):
    """Where staff land after signing in: their roles and the tools those roles open."""
    roles = [ROLES_BY_NAME[name] for name in request.user.role_names if name in ROLES_BY_NAME]
    return render(
        request,
        "engagement/staff_home.html",
        {
            "roles": roles,
            "can_use_admin": request.user.has_perm("wagtailadmin.access_admin"),
            "is_safeguarding_lead": is_safeguarding_lead(request.user),
            "drafts_to_check": _drafts_to_check(request.user),
        },
    )


def _drafts_to_check(user) -> int:
    if not user.has_perm("engagement.review_as_ambassador"):
        return 0
    from you_said_we_did.coproduction import drafts_to_check

    return drafts_to_check(user).count()
