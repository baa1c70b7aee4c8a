"""How many new survey responses one address may start: a limit on bots, never a puzzle.

The address is found as allauth finds it for its own rate limits (so ALLAUTH_TRUSTED_PROXY_COUNT
applies behind a proxy) and is kept only as a keyed hash, in the cache, for one window: nothing
about it is ever stored with the answers.
"""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def _key(request) -> str:
    address = get_adapter().get_client_ip(request)
    return "survey-starts:" + salted_hmac("surveys.throttle", address).hexdigest()


def may_start_response(request) -> bool:
    """Count one start for this address; False once it has had its share for the window."""
    key = _key(request)
    window = settings.SURVEY_STARTS_WINDOW_SECONDS
    # The window starts with the first start; add() leaves an existing count as it is.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the count expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= settings.SURVEY_STARTS_PER_IP
