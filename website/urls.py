"""URL configuration: health checks, admin, the apps' endpoints, then Wagtail's page tree.

Public addresses are English as they are, and Welsh under /cy/ (i18n_patterns); the admin, the
health checks and documents have one address in every language.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from website import search_views, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("feedback/", include("feedback.urls")),
    path("panels/", include("panels.urls")),
    path("search/", search_views.search, name="search"),
    path("", include("involvement.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
