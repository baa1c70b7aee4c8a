from django.apps import AppConfig


class YouSaidWeDidConfig(AppConfig):
    name = "you_said_we_did"
    verbose_name = "You said, we did"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
