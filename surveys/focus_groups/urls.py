from django.urls import path

from . import views

urlpatterns = [
    path("", views.session_list, name="focus_group_sessions"),
    path("new/", views.session_form, name="focus_group_new"),
    path("<int:pk>/", views.session_detail, name="focus_group_session"),
    path("<int:pk>/edit/", views.session_form, name="focus_group_edit"),
    path("<int:pk>/finish/", views.session_finish, name="focus_group_finish"),
    path("<int:pk>/prompts/", views.prompt_add, name="focus_group_prompt_add"),
    path("<int:pk>/contributions/", views.contribution_add, name="focus_group_contribution_add"),
    path(
        "<int:pk>/contributions/<int:contribution_id>/",
        views.contribution_edit,
        name="focus_group_contribution_edit",
    ),
    path("<int:pk>/import/", views.bulk_import, name="focus_group_bulk"),
    path("<int:pk>/hear-back/", views.hear_back_add, name="focus_group_hear_back"),
]
