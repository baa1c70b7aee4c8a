from django.urls import path

from . import coproduction, notifications

urlpatterns = [
    path("review/", coproduction.check_list, name="ambassador_checks"),
    path("review/<int:task_state_id>/", coproduction.check_draft, name="ambassador_check"),
    path("hear-back/stop/<str:token>/", notifications.unsubscribe, name="hear_back_unsubscribe"),
]
