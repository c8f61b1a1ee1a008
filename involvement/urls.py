"""Public and API endpoints: performance pages, open data, FHIR R4 and the OpenAPI document."""

from django.urls import path, re_path

from involvement import views

app_name = "involvement"
urlpatterns = [
    path("performance/", views.performance_organisation, name="performance"),
    path("performance/<slug:slug>/", views.performance_service, name="performance_service"),
    path("open-data/", views.open_data_index, name="open_data"),
    re_path(r"^open-data/monthly\.(?P<fmt>csv|json)$", views.open_data_all, name="open_data_all"),
    re_path(
        r"^open-data/services/(?P<slug>[-\w]+)/monthly\.(?P<fmt>csv|json)$",
        views.open_data_service,
        name="open_data_service",
    ),  # fmt: skip
    path(
        "fhir/r4/Questionnaire/<int:service_id>",
        views.fhir_questionnaire,
        name="fhir_questionnaire",
    ),  # fmt: skip
    path("fhir/r4/QuestionnaireResponse", views.fhir_responses, name="fhir_responses"),
    path("api/openapi.json", views.openapi, name="openapi"),
]

admin_urlpatterns = [
    path("", views.board_index, name="boards"),
    path("overview/", views.overview, name="overview"),
    path("services/<int:service_id>/board/", views.board, name="board"),
    path("services/<int:service_id>/export.csv", views.export_feedback, name="export_feedback"),
    path(
        "services/<int:service_id>/fft-return.csv",
        views.export_fft_return,
        name="export_fft_return",
    ),  # fmt: skip
]
