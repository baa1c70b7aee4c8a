from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "People, roles and voices"

    def ready(self):
        from django.utils.crypto import salted_hmac

        # Importing these connects their receivers.
        from . import accounts, audit, disclosure, known_devices, signals  # noqa: F401
        from .csp import nonce_wagtail_choosers
        from .request_guards import register_lookups

        # The cell keys' secret, derived from SECRET_KEY: rotating SECRET_KEY re-rolls every
        # published rounding (docs/decisions/0002-disclosure-control.md).
        disclosure.use_key(
            salted_hmac("engagement.disclosure", "cell keys", algorithm="sha256").digest()
        )
        register_lookups()
        nonce_wagtail_choosers()
