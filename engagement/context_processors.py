from django.conf import settings


def site_chrome(request):
    """What the base layout needs on every page."""
    return {"council_name": settings.COUNCIL_NAME, "site_name": settings.WAGTAIL_SITE_NAME}
