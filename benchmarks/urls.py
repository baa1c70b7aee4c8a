"""The site's URLs plus a bare view, for the load benchmark only (engagement.settings.bench)."""

from django.http import HttpResponse
from django.urls import path


def bare(request):
    """No database, no template, no session: the floor a Django request costs on this stack."""
    return HttpResponse("ok", content_type="text/plain")


# The bare view goes first: the site's URLs end with Wagtail's catch-all page route.
urlpatterns = [path("bench/bare/", bare, name="bench_bare")]

from engagement.urls import urlpatterns as site_urlpatterns  # noqa: E402

urlpatterns += site_urlpatterns
