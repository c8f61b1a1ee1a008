"""Public endpoints: performance pages, open data, and the read API (FHIR R4, OpenAPI)."""

from django.urls import path, re_path

from involvement import api_views, update_views, views

app_name = "involvement"
urlpatterns = [
    path("performance/", views.performance_organisation, name="performance"),
    path("performance/<slug:slug>/", views.performance_service, name="performance_service"),
    path("open-data/", views.open_data_index, name="open_data"),
    re_path(r"^open-data/monthly\.(?P<fmt>csv|json)$", views.open_data_all, name="open_data_all"),
    re_path(r"^open-data/services/(?P<slug>[-\w]+)/monthly\.(?P<fmt>csv|json)$",
            views.open_data_service, name="open_data_service"),
    path("fhir/r4/Questionnaire/<int:service_id>", api_views.fhir_questionnaire,
         name="fhir_questionnaire"),
    path("fhir/r4/QuestionnaireResponse", api_views.fhir_responses, name="fhir_responses"),
    path("api/openapi.json", api_views.openapi, name="openapi"),
    path("you-said-we-did/", update_views.you_said_we_did_index, name="you_said_we_did"),
    path("you-said-we-did/tell-me/", update_views.hear_outcome, name="hear_outcome"),
]  # fmt: skip
