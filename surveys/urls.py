from django.urls import path

from . import flow, symbols

urlpatterns = [
    path("exit/", flow.exit_this_page, name="exit_this_page"),
    path("s/<slug:code>/", flow.tagged_link, name="survey_tagged_link"),
    path("symbols/<str:version_seen>/<str:keys>.svg", symbols.sprite, name="survey_symbols"),
    path("s/<slug:code>/qr/", flow.tagged_link_qr, name="survey_tagged_link_qr"),
]
