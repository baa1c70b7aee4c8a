"""Wagtail's routing of survey steps, remembered in each process.

Wagtail finds a page by walking the tree from the site's root on every request (six queries
here: the site, three pages, and the page's view restrictions' ancestors twice). A survey step
is always one of a few addresses under a survey page, so once Wagtail has served a survey page
this process remembers where it is and the page as served. A later request under that address
asks the database one small question, compiled once (`Freshness`): is the page still live at
the same place, published at the same moment, and free of view restrictions on it and every
ancestor? If so it is handed to Wagtail as the route Wagtail would have found
(`request._wagtail_route_for_request` and the site, which `Page.route_for_request` and
`Site.find_for_request` read first), marked as checked for restrictions. Wagtail's serve view
and hooks still run on every request; its view-restriction check runs in full whenever a
restriction or an alias is in the page's path.

Anything else (a new publish, a move, a restriction) and the page is read afresh. Publishing,
unpublishing, moving a page or saving a site also forgets every route in this process, and
other processes read them again after ROUTE_SECONDS.
"""

import copy
import threading
import time

from django.db import connection
from django.db.models import Exists
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

ROUTE_SECONDS = 60

_routes: dict[str, dict[str, tuple]] = {}  # host -> {address: (page, freshness, site, roots, at)}
_lock = threading.Lock()


class Freshness:
    """One query, its SQL built by the ORM once per remembered page: does a row still match the
    page as it was served (live, at the same place, published at the same moment) with no view
    restriction and no alias on its path (else Wagtail checks restrictions its own way)?
    Compiling the same query on every step cost more than running it."""

    def __init__(self, page):
        on_path = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
        query = (
            Page.objects.filter(
                pk=page.pk, live=True, url_path=page.url_path, path=page.path,
                last_published_at=page.last_published_at,
            )
            .exclude(Exists(PageViewRestriction.objects.filter(page__path__in=on_path)))
            .exclude(Exists(Page.objects.filter(path__in=on_path, alias_of__isnull=False)))
            .values_list("pk")
        )  # fmt: skip
        self.sql, self.params = query.query.sql_with_params()

    def holds(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            return cursor.fetchone() is not None


class SurveyRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _prime(request)
        return self.get_response(request)


def remember(request, survey) -> None:
    """Called as a survey page is served: its address leads to it in this process.

    Only the live page Wagtail routed to this request (never a preview or a draft), and only
    while nothing on its path restricts who may see it: a restricted survey is routed by
    Wagtail every time, and leaves every other survey's route in place.
    """
    if getattr(request, "_survey_route_remembered", False) or getattr(request, "is_preview", False):
        return
    routed = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if site is None or routed is None or routed.page is not survey or not survey.live:
        return
    address = survey.get_url(request)
    if not address or not address.startswith("/"):
        return
    kept = copy.copy(survey)  # nothing this request sets on the page after now reaches it
    freshness = Freshness(kept)  # the SQL is built here, outside the lock
    if not freshness.holds():
        return
    roots = getattr(request, "_wagtail_cached_site_root_paths", None)
    with _lock:
        _routes.setdefault(request.get_host(), {})[address] = (
            kept, freshness, site, roots, time.monotonic(),
        )  # fmt: skip


def _prime(request) -> None:
    path = request.path_info
    host = request.get_host()
    known = list(_routes.get(host, {}).items())  # another thread may add one
    for address, (kept, freshness, site, roots, at) in known:
        if not path.startswith(address) or time.monotonic() - at > ROUTE_SECONDS:
            continue
        if not freshness.holds():  # published, moved, unpublished or restricted since
            _forget(host, address)
            return
        page = copy.copy(kept)  # this request's own: nothing it sets reaches the next one
        try:
            match = page.resolve_subpage("/" + path[len(address) :])
        except Http404:
            return  # not one of the survey's steps: Wagtail routes it as ever
        page.view_restrictions_checked = True
        request._survey_route_remembered = True
        request.routable_resolver_match = match
        view, args, kwargs = match
        request._wagtail_site = site
        if roots is not None:
            request._wagtail_cached_site_root_paths = roots
        request._wagtail_route_for_request = RouteResult(page, args=(view, args, kwargs))
        return


def _forget(host: str, address: str) -> None:
    with _lock:
        _routes.get(host, {}).pop(address, None)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_all(**kwargs) -> None:
    with _lock:
        _routes.clear()
