"""The OpenAPI 3.1 document for the read endpoints: open data (public) and FHIR (token)."""

from django.conf import settings

from involvement.opendata import LICENCE_NAME, LICENCE_URL


def openapi_document() -> dict:
    """Describe the open data and FHIR read endpoints."""
    slug = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"},
            "description": "The service's slug, as in its page address."}  # fmt: skip
    csv_or_json = {
        "200": {"description": "Monthly figures, suppressed (counts 1-7 as *, others rounded "
                "to the nearest 5, no percentage under 10 responses).",
                "content": {"text/csv": {}, "application/json": {
                    "schema": {"$ref": "#/components/schemas/OpenData"}}}}}  # fmt: skip
    fhir_errors = {"401": {"description": "No valid bearer token."},
                   "404": {"description": "The token does not cover this service."}}  # fmt: skip
    paths = {}
    for fmt in ("csv", "json"):
        paths[f"/open-data/monthly.{fmt}"] = {"get": {
            "summary": f"Monthly figures for every service ({fmt.upper()})",
            "tags": ["Open data"], "security": [], "responses": csv_or_json}}  # fmt: skip
        paths[f"/open-data/services/{{slug}}/monthly.{fmt}"] = {"get": {
            "summary": f"Monthly figures for one service ({fmt.upper()})", "tags": ["Open data"],
            "security": [], "parameters": [slug],
            "responses": {**csv_or_json, "404": {"description": "No such service."}}}}  # fmt: skip
    paths["/fhir/r4/Questionnaire/{id}"] = {"get": {
        "summary": "A service's feedback form as a FHIR R4 Questionnaire", "tags": ["FHIR R4"],
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "schema": {"type": "integer"}, "description": "The service's ID."}],
        "responses": {"200": {"description": "Questionnaire",
                              "content": {"application/fhir+json": {}}},
                      **fhir_errors}}}  # fmt: skip
    paths["/fhir/r4/QuestionnaireResponse"] = {"get": {
        "summary": "Anonymised responses as a FHIR R4 searchset Bundle of QuestionnaireResponse",
        "tags": ["FHIR R4"],
        "parameters": [
            {"name": "service", "in": "query", "required": True, "schema": {"type": "integer"}},
            {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
            {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
            {"name": "_count", "in": "query", "schema": {"type": "integer", "maximum": 500}},
            {"name": "_offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}],
        "responses": {"200": {"description": "Bundle",
                              "content": {"application/fhir+json": {}}},
                      "400": {"description": "Bad dates or service."}, **fhir_errors}}}  # fmt: skip
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{settings.ORGANISATION_NAME}: Involve read API", "version": "1.0.0",
                 "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
                 "description": "Open data needs no credentials. FHIR needs a bearer token "
                                "scoped to the services it may read."},
        "servers": [{"url": settings.SITE_BASE_URL}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"OpenData": {"type": "object", "properties": {
                "licence": {"type": "object"}, "note": {"type": "string"},
                "fields": {"type": "array", "items": {"type": "string"}},
                "rows": {"type": "array", "items": {"type": "object", "properties": {
                    "service": {"type": "string"}, "service_name": {"type": "string"},
                    "month": {"type": "string"}, "responses": {"type": "string"},
                    "percent_positive": {"type": ["integer", "null"]}}}}}}},
        },
        "security": [{"bearer": []}],
    }  # fmt: skip
