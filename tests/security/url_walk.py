"""Every address the site answers, as concrete paths: the URL conf walked to its leaves, plus the
routes each RoutablePage (a survey's steps) adds below its own address.

Tests fill each captured argument with a value and send requests to the result, so a view added
later is probed without anyone listing it.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import get_converters
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

# <converter:name> in a path() route.
ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# A capturing group in a re_path() pattern, one level of nesting allowed inside it.
REGEX_GROUP = re.compile(r"\((?!\?:)(?:\?P<(?P<name>\w+)>)?(?P<body>(?:[^()]|\([^()]*\))*)\)")


@dataclass(frozen=True)
class Route:
    """One leaf of the URL conf: its pattern pieces from the root, and its name."""

    pieces: tuple  # RoutePattern and RegexPattern objects, outermost first
    name: str | None
    prefix: str = "/"  # a page's own address, for a RoutablePage's routes

    @property
    def label(self) -> str:
        return self.prefix + "".join(str(piece) for piece in self.pieces)

    @property
    def arguments(self) -> list[tuple[str, str]]:
        """(name, converter) of each argument in order; a regex group's converter is "regex"."""
        found = []
        for piece in self.pieces:
            if isinstance(piece, RoutePattern):
                found += [
                    (m["name"], m["converter"] or "str")
                    for m in ROUTE_ARGUMENT.finditer(str(piece))
                ]
            else:
                found += [(m["name"] or "", "regex") for m in REGEX_GROUP.finditer(str(piece))]
        return found

    def accepts(self, position: int, value: str) -> bool:
        """Whether the path converter at `position` lets the value through to the view (an
        <int:...> never sees "abc"); a regex group is left to path() to judge."""
        converter = self.arguments[position][1]
        if converter == "regex":
            return True
        return re.fullmatch(get_converters()[converter].regex, value) is not None

    def path(self, values: list[str]) -> str:
        """The path with the arguments given in order. A regex group that refuses its value gets
        the first of a few samples it accepts: such an address could never reach the view."""
        given = iter(values)
        return self.prefix + "".join(_fill(piece, given) for piece in self.pieces)


def _fill(piece, given) -> str:
    text = str(piece)
    if isinstance(piece, RoutePattern):
        return ROUTE_ARGUMENT.sub(lambda m: next(given), text)
    assert isinstance(piece, RegexPattern), piece

    def group(match) -> str:
        wanted = next(given)
        for sample in (wanted, "1", "x", "x/", ""):
            if re.fullmatch(match["body"], sample):
                return sample
        return wanted

    filled = REGEX_GROUP.sub(group, text)
    filled = filled.replace(".*", "x").replace(".+", "x")
    return re.sub(r"\\(.)", r"\1", filled.lstrip("^").rstrip("$"))


def _walk(patterns, pieces=()) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, (*pieces, entry.pattern))
        elif isinstance(entry, URLPattern):
            yield Route((*pieces, entry.pattern), entry.name)


def url_conf_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def page_routes(page) -> list[Route]:
    """The routes a RoutablePage adds below its own address (its own address is
    wagtail_serve's, walked with the URL conf)."""
    return [
        Route((pattern.pattern,), pattern.name, prefix=page.url)
        for pattern in page.get_subpage_urls()
        if str(pattern.pattern)
    ]


def routable_page_routes() -> list[Route]:
    """The routes below one live page of each RoutablePage type (a survey's steps)."""
    routes = []
    types = Page.objects.live().values_list("content_type", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=types):
        model = content_type.model_class()
        if issubclass(model, RoutablePageMixin):
            routes += page_routes(model.objects.live().first())
    return routes


def every_route() -> list[Route]:
    return url_conf_routes() + routable_page_routes()
