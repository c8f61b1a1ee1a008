"""Staff involvement URLs, mounted under /admin/involvement/ by wagtail_hooks."""

from django.urls import path

from involvement import admin_views, interest_admin, report_views

app_name = "involvement_admin"

urlpatterns = [
    path("", admin_views.board_index, name="boards"),
    path("overview/", admin_views.overview, name="overview"),
    path("services/<int:service_id>/board/", admin_views.board, name="board"),
    path("services/<int:service_id>/export.csv", admin_views.export_feedback,
         name="export_feedback"),
    path("services/<int:service_id>/fft-return.csv", admin_views.export_fft_return,
         name="export_fft_return"),
    path("interest/", interest_admin.opportunity_index, name="interest_index"),
    path("interest/<int:opportunity_id>/", interest_admin.interest_list, name="interest"),
    path("reports/", report_views.report_index, name="reports"),
    path("reports/services/<int:service_id>/<int:year>/", report_views.service_report,
         name="service_report"),
    path("reports/services/<int:service_id>/<int:year>/csv/", report_views.service_report,
         {"fmt": "csv"}, name="service_report_csv"),
    path("reports/organisation/<int:year>/", report_views.organisation_report,
         name="organisation_report"),
    path("reports/organisation/<int:year>/csv/", report_views.organisation_report,
         {"fmt": "csv"}, name="organisation_report_csv"),
]  # fmt: skip
