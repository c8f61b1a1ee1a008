"""URL configuration: health checks, admin, the apps' endpoints, then Wagtail's page tree."""

from django.conf import settings
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
    path("feedback/", include("feedback.urls")),
    path("panels/", include("panels.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("search/", search_views.search, name="search"))
urlpatterns.append(path("", include("involvement.urls")))
urlpatterns.append(path("", include(wagtail_urls)))
