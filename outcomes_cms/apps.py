from django.apps import AppConfig


class OutcomesCmsConfig(AppConfig):
    name = "outcomes_cms"
    verbose_name = "Outcomes framework"
