from django.conf import settings

from .branding import branding_for


def site_chrome(request):
    """What the base layout needs on every page."""
    branding = branding_for(request)
    return {
        "branding": branding,
        "council_name": branding.name,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
