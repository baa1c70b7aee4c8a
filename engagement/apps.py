from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "People, roles and voices"

    def ready(self):
        from . import accounts, audit, signals  # noqa: F401 - connects the receivers
