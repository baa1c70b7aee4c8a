from django.conf import settings
from django.utils.functional import SimpleLazyObject, lazy

from .branding import branding_for

# Made once: lazy() builds a class each time it is called.
_name_of = lazy(lambda branding: branding.name, str)


def site_chrome(request):
    """What the base layout needs on every page. Read only when a template uses it, so a chat
    step's fragment (no header, no footer) costs no query for it."""
    branding = SimpleLazyObject(lambda: branding_for(request))
    return {
        "branding": branding,
        "council_name": _name_of(branding),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
