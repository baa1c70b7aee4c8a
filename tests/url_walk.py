"""Every URL the site answers, each as one sample address, for tests that must hold on every
route: a route added tomorrow (ours, Wagtail's, allauth's) is walked without anyone listing it."""

import re

from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

SAMPLE_BY_CONVERTER = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001"}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?[^>]+>")
# Tried in turn for every group of a regular expression until the whole address resolves.
GROUP_FILLERS = ("1", "x/", "")


def _patterns(patterns, prefix=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, (*prefix, pattern.pattern))
        else:
            yield (*prefix, pattern.pattern)


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
    from wagtail.models import Page

    addresses = set()
    for page in Page.objects.live().specific():
        base = page.url
        if not base:
            continue
        addresses.add(base)
        for route in getattr(page, "get_subpage_urls", list)():
            addresses.add(base.rstrip("/") + "/" + _route_sample(str(route.pattern)))
    return addresses
