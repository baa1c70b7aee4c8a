"""Wagtail's routing of survey steps, remembered in each process.

Wagtail finds a page by walking the tree from the site's root on every request (six queries
here: the site, three pages, and the page's view restrictions' ancestors twice). A survey step
is always one of a few addresses under a survey page, so once Wagtail has served a survey page
this process remembers where it is, and later requests under that address load the page by its
id (one query) and hand Wagtail the route it would have found (`request._wagtail_route_for_request`
and the site, which `Page.route_for_request` and `Site.find_for_request` read first). Wagtail's
serve view, its hooks and its view-restriction check still run on every request.

The remembered route is used only while the page is live at the same place (its url_path,
read fresh with the page); publishing, unpublishing, moving a page or saving a site forgets
every route in this process, and other processes read them again after ROUTE_SECONDS.
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

ROUTE_SECONDS = 60

_routes: dict[str, dict[str, tuple]] = {}  # host -> {address: (pk, url_path, site, roots, at)}
_lock = threading.Lock()


class SurveyRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _prime(request)
        return self.get_response(request)


def remember(request, survey) -> None:
    """Called as a survey page is served: its address leads to it in this process."""
    site = getattr(request, "_wagtail_site", None)
    address = survey.get_url(request)
    if site is None or not address or not address.startswith("/"):
        return
    roots = getattr(request, "_wagtail_cached_site_root_paths", None)
    with _lock:
        _routes.setdefault(request.get_host(), {})[address] = (
            survey.pk, survey.url_path, site, roots, time.monotonic(),
        )  # fmt: skip


def _prime(request) -> None:
    from surveys.models import SurveyPage

    path = request.path_info
    known = list(_routes.get(request.get_host(), {}).items())  # another thread may add one
    for address, (pk, url_path, site, roots, at) in known:
        if not path.startswith(address) or time.monotonic() - at > ROUTE_SECONDS:
            continue
        page = SurveyPage.objects.filter(pk=pk, live=True, url_path=url_path).first()
        if page is None:
            forget_all()
            return
        try:
            match = page.resolve_subpage("/" + path[len(address) :])
        except Http404:
            return  # not one of the survey's steps: Wagtail routes it as ever
        request.routable_resolver_match = match
        view, args, kwargs = match
        request._wagtail_site = site
        if roots is not None:
            request._wagtail_cached_site_root_paths = roots
        request._wagtail_route_for_request = RouteResult(page, args=(view, args, kwargs))
        return


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_all(**kwargs) -> None:
    with _lock:
        _routes.clear()
