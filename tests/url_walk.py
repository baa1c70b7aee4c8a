"""Every URL the site answers, for tests that must hold on every route: a route added tomorrow
(ours, Wagtail's, allauth's) is walked without anyone listing it. Either each route as one
sample address (every_url, every_address, every_page_address), or each route with its
arguments (url_conf_routes, page_routes), to fill one argument at a time with a chosen value
(a malformed id, say)."""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.converters import get_converters
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

SAMPLE_BY_CONVERTER = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001"}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?[^>]+>")
# Tried in turn for every group of a regular expression until the whole address resolves.
GROUP_FILLERS = ("1", "x/", "")


def _leaves(patterns, prefix=()):
    """(the patterns of the resolvers above, the URLPattern) for every leaf of the URL conf."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _leaves(pattern.url_patterns, (*prefix, pattern.pattern))
        else:
            yield prefix, pattern


def _patterns(patterns, prefix=()):
    for parts, leaf in _leaves(patterns, prefix):
        yield (*parts, leaf.pattern)


def _route_sample(route: str, number: str = "1") -> str:
    samples = {**SAMPLE_BY_CONVERTER, "int": number}
    return CONVERTER.sub(lambda m: samples.get(m.group("converter") or "str", "x"), route)


def _regex_sample(regex: str, filler: str) -> str:
    """The regex with its anchors dropped, each outermost group and each `.*`/`.+` replaced by
    the filler, and escaped characters unescaped: enough for the site's few regex routes."""
    regex = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    sample, depth, i = [], 0, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\" and i + 1 < len(regex):
            if depth == 0:
                sample.append(regex[i + 1])
            i += 2
            continue
        if char == "(":
            if depth == 0:
                sample.append(filler)
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and regex[i : i + 2] in (".*", ".+"):
            sample.append(filler or "x")
            i += 2
            continue
        elif depth == 0:
            sample.append(char)
        i += 1
    return "".join(sample)


def _sample(parts, number: str = "1") -> str:
    for filler in GROUP_FILLERS:
        filler = number if filler == "1" else filler
        path = "/" + "".join(
            _route_sample(str(part), number)
            if isinstance(part, RoutePattern)
            else _regex_sample(str(part), filler)
            for part in parts
        )
        try:
            resolve(path)
        except Resolver404:
            continue  # try the next filler
        return path
    raise AssertionError(f"No sample address for the route {[str(p) for p in parts]}: add one")


def every_url() -> dict[str, str]:
    """{sample address: the name of the view that answers it}, one per route in the URL conf
    (routes a later one shadows answer with the view that actually serves them)."""
    urls = {}
    for parts in _patterns(get_resolver().url_patterns):
        path = _sample(parts)
        urls[path] = resolve(path).view_name
    return urls


def every_address(numbers_for) -> set[str]:
    """Every route's address once for each id numbers_for(route) gives (the route as written,
    e.g. "admin/comments/edit/<str:pk>/"): to try a route on the objects a test made."""
    addresses = set()
    for parts in _patterns(get_resolver().url_patterns):
        route = "".join(str(part) for part in parts)
        numbers = numbers_for(route) if ("<" in route or "(?P" in route) else [1]
        addresses.update(_sample(parts, str(number)) for number in numbers)
    return addresses


def every_page_address() -> set[str]:
    """Every live page's address and each of its own routes (RoutablePageMixin: a survey's
    steps, the "You said, we did" feed): Wagtail serves these from the page tree."""
    addresses = set()
    for page in Page.objects.live().specific():
        base = page.url
        if not base:
            continue
        addresses.add(base)
        for route in getattr(page, "get_subpage_urls", list)():
            addresses.add(base.rstrip("/") + "/" + _route_sample(str(route.pattern)))
    return addresses


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


def url_conf_routes() -> list[Route]:
    return [
        Route((*prefix, leaf.pattern), leaf.name)
        for prefix, leaf in _leaves(get_resolver().url_patterns)
    ]


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
