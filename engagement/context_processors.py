from django.conf import settings
from django.utils.functional import SimpleLazyObject, lazy

from .branding import branding_for


def site_chrome(request):
    """What the base layout needs on every page. Read only when a template uses it, so a chat
    step's fragment (no header, no footer) costs no query for it."""
    branding = SimpleLazyObject(lambda: branding_for(request))
    return {
        "branding": branding,
        "council_name": lazy(lambda: branding.name, str)(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
