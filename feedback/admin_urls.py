"""Staff feedback URLs, mounted under /admin/feedback-entry/ by wagtail_hooks."""

from django.urls import path

from feedback import views

app_name = "feedback_staff"

urlpatterns = [
    path("", views.staff_choose_service, name="choose"),
    path("<int:service_id>/", views.staff_entry, name="entry"),
    path("<int:service_id>/paper/", views.paper_form, name="paper"),
    path("<int:service_id>/qr.<str:fmt>", views.qr_code, name="qr"),
]
