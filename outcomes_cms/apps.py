from django.apps import AppConfig


class OutcomesCmsConfig(AppConfig):
    name = "outcomes_cms"
    verbose_name = "Outcomes framework"

    def ready(self):
        from . import wording_history  # noqa: F401  (connects its page_published receiver)
