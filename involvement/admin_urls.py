"""Staff involvement URLs, mounted under /admin/involvement/ by wagtail_hooks."""

from django.urls import path

from involvement import admin_views

app_name = "involvement_admin"

urlpatterns = [
    path("", admin_views.board_index, name="boards"),
    path("overview/", admin_views.overview, name="overview"),
    path("services/<int:service_id>/board/", admin_views.board, name="board"),
    path("services/<int:service_id>/export.csv", admin_views.export_feedback,
         name="export_feedback"),
    path("services/<int:service_id>/fft-return.csv", admin_views.export_fft_return,
         name="export_fft_return"),
]  # fmt: skip
