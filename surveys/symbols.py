"""The symbols officers pick for answers and questions: pictures that look the same everywhere.

Emoji characters are drawn by each phone's own font, so they look different on every device and
are empty boxes where no emoji font is installed. These are OpenMoji's colour SVGs (CC BY-SA
4.0, attributed on the accessibility statement and in static/surveys/symbols/LICENSE.md),
vendored and minified by scripts/vendor_symbols.py. Each is shown as an <img>. On a respondent's
page all its symbols come in one compressed sprite (about 4 KB for eight), so a question page
stays under 60 KB and 10 requests on a cold load; elsewhere (check answers, the admin) a symbol
is its own static file. An officer's own upload (say a Widgit symbol the council licenses) is a
Wagtail image instead, shown through a rendition.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

STATIC_FOLDER = "surveys/symbols"
SIZE = 72  # OpenMoji draws on a 72 x 72 grid

# key (OpenMoji's hexcode, which names its file): the words officers see in the picker.
# Grouped as the picker groups them; add a symbol here, then run scripts/vendor_symbols.py.
CATALOGUE: dict[str, dict[str, str]] = {
    "Faces": {
        "1F604": "Very happy face",
        "1F600": "Big smile",
        "1F60A": "Smiling face",
        "1F642": "Happy face",
        "1F610": "Okay face (neither happy nor sad)",
        "1F615": "Unsure face",
        "1F641": "Sad face",
        "1F622": "Crying face (very sad)",
        "1F61F": "Worried face",
        "1F628": "Scared face",
        "1F620": "Angry face",
        "1F62E": "Surprised face",
        "1F634": "Sleepy face",
        "1F914": "Thinking face",
        "1F929": "Excited face (star eyes)",
    },
    "Hands": {
        "1F44D": "Thumbs up (yes)",
        "1F44E": "Thumbs down (no)",
        "1F44B": "Waving hand (hello)",
        "270B": "Raised hand (stop)",
        "1F44F": "Clapping hands",
        "1F91D": "Handshake (working together)",
    },
    "People": {
        "1F46A": "Family",
        "1F9D1-200D-1F3EB": "Teacher",
        "1F9D1-200D-2695-FE0F": "Health worker",
        "1F9D1-200D-1F393": "Student",
        "1F6B6": "Person walking",
    },
    "Places": {
        "1F3EB": "School",
        "1F3E0": "Home",
        "1F3E5": "Hospital",
        "1F68C": "Bus (travel)",
        "1F4CD": "Pin (somewhere else)",
    },
    "Things and activities": {
        "26BD": "Football (clubs and sport)",
        "1F3A8": "Paint palette (art)",
        "1F3B5": "Music note",
        "1F3AE": "Game controller",
        "1F4DA": "Books (learning)",
        "1F4F1": "Mobile phone",
        "1F34E": "Apple (food)",
        "1F6CF": "Bed (sleep)",
        "1FA7A": "Stethoscope (health)",
        "1F4AC": "Speech bubble (something else to say)",
        "2764": "Heart",
    },
    "Progress and signs": {
        "1F3C6": "Trophy (much better than hoped)",
        "1F31F": "Shining star (better than hoped)",
        "2B50": "Star",
        "2705": "Tick (done)",
        "1F3AF": "Target",
        "1F3C1": "Finish flag",
        "1F680": "Rocket (going very well)",
        "1F4C8": "Chart going up (going well)",
        "1F331": "Seedling (growing)",
        "1F422": "Tortoise (going slowly)",
        "23F8": "Pause (not moving on)",
        "1F4C9": "Chart going down (got worse)",
        "274C": "Cross (no)",
        "2753": "Question mark",
    },
}

NAMES: dict[str, str] = {key: name for group in CATALOGUE.values() for key, name in group.items()}


def choices() -> list:
    """Grouped choices for a select: ("", "No symbol") first, then each group's symbols."""
    return [("", "No symbol")] + [
        (group, list(symbols.items())) for group, symbols in CATALOGUE.items()
    ]


def validate_symbol_key(key: str) -> None:
    if key and key not in NAMES:
        raise ValidationError(
            f"'{key}' is not one of the symbols in the set. Pick one from the list, or leave it "
            "empty and upload your own picture instead."
        )


def static_path(key: str) -> str:
    return f"{STATIC_FOLDER}/{key}.svg"


def static_url(key: str) -> str:
    return static(static_path(key))


@cache
def _svg(key: str) -> str:
    from django.contrib.staticfiles import finders

    with open(finders.find(static_path(key)), encoding="utf-8") as svg:
        return svg.read().strip()


@cache
def version() -> str:
    """Changes whenever a vendored file does, so a sprite's address can be cached for a year."""
    digest = hashlib.sha256()
    for key in sorted(NAMES):
        digest.update(_svg(key).encode())
    return digest.hexdigest()[:10]


def sprite_svg(keys: list[str]) -> str:
    """One SVG holding these symbols one above the other, each reachable as #s-KEY.

    A <view> per symbol gives the part of the drawing an <img src="...#s-KEY"> shows. So all
    the symbols on a page cost one request, shared by every page using the same symbols.
    """
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE * len(keys)}">']
    for row, key in enumerate(keys):
        y = row * SIZE
        parts.append(f'<view id="s-{key}" viewBox="0 {y} {SIZE} {SIZE}"/>')
        parts.append(_svg(key).replace("<svg ", f'<svg y="{y}" width="{SIZE}" height="{SIZE}" ', 1))
    parts.append("</svg>")
    return "".join(parts)


def sprite_url(keys) -> str:
    keys = tuple(sorted(set(keys)))
    return _sprite_url(keys, get_script_prefix(), get_urlconf()) if keys else ""


@lru_cache(maxsize=256)
def _sprite_url(keys: tuple[str, ...], prefix: str, urlconf) -> str:
    # Every choice on every step asks; reversing the address each time cost a tenth of the
    # page's rendering. Keyed on what reverse() reads, so it answers as reverse() would.
    return reverse("survey_symbols", args=[version(), ".".join(keys)], urlconf=urlconf)


@gzip_page
@require_safe
def sprite(request, version_seen: str, keys: str):
    """The sprite for these keys (sorted, joined by '.'); any unknown key: not found.

    Compressed (it holds no secrets, so BREACH does not apply) and cached for a year: the
    address changes with the vendored files' version.
    """
    wanted = keys.split(".")
    if (
        version_seen != version()
        or wanted != sorted(set(wanted))
        or not set(wanted) <= NAMES.keys()
    ):
        raise Http404("No such symbols")
    response = HttpResponse(sprite_svg(wanted), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60, immutable=True)
    return response


@dataclass(frozen=True)
class Symbol:
    """What a template needs to draw a symbol: its address and the words it stands for.

    A key from the set (drawn from `sprite`, the keys of every symbol on the page, when given)
    or an officer's uploaded image. `surveys/includes/option_symbol.html` draws it.
    """

    key: str = ""
    image: object = None  # a wagtailimages Image
    sprite: tuple[str, ...] = field(default=(), compare=False)

    RENDITION = "fill-96x96"

    def __bool__(self) -> bool:
        return bool(self.key or self.image)

    @property
    def url(self) -> str:
        if self.image is not None:
            return self.image.get_rendition(self.RENDITION).url
        if not self.key:
            return ""
        if self.key in self.sprite:
            return f"{sprite_url(self.sprite)}#s-{self.key}"
        return static_url(self.key)

    @property
    def name(self) -> str:
        if self.image is not None:
            return self.image.title
        return NAMES.get(self.key, "")


def symbol_for(key: str, image, sprite: tuple[str, ...] = ()) -> Symbol:
    """An uploaded picture wins over one from the set (the officer uploaded it on purpose)."""
    if image is not None:
        return Symbol(image=image)
    return Symbol(key=key, sprite=sprite) if key in NAMES else Symbol()
