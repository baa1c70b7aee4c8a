from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys and focus groups"

    def ready(self):
        from . import definitions, route_cache  # noqa: F401 - their signal receivers
