from django.urls import path

from . import exports, views

app_name = "dashboard"

urlpatterns = [
    path("", views.outcomes, name="outcomes"),
    path("outcomes/<int:pk>/", views.outcome_detail, name="outcome"),
    path("comments/<int:pk>/", views.comment_detail, name="comment"),
    path("themes/", views.theme_overview, name="themes"),
    path("themes/<slug:key>/", views.theme_comments, name="theme"),
    path("themes/<slug:key>/comments.csv", exports.theme_comments_csv, name="theme_csv"),
    path("reach/", views.reach_view, name="reach"),
    path("loop/", views.loop_view, name="loop"),
    path("figures.csv", exports.figures_csv, name="figures_csv"),
    path("figures.xlsx", exports.figures_xlsx, name="figures_xlsx"),
    path("report.pdf", exports.report_pdf, name="report_pdf"),
    path("report/", exports.report_html, name="report_html"),
]
