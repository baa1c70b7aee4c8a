from django.urls import path

from . import flow

urlpatterns = [path("s/<slug:code>/", flow.tagged_link, name="survey_tagged_link")]
