from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.api.v1 import api
from gongkai.publishing import routing

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("apply/", include("gongkai.portal.urls")),
    path("reports/", include("gongkai.reports.public_urls")),
    path("", include("gongkai.portal.site_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A column's pages first take a shortcut past Wagtail's tree walk (publishing/routing.py); the rest is Wagtail's.
urlpatterns += [
    path("<slug:agency_code>/", routing.column_page, name="portal_column"),
    path("<slug:agency_code>/<str:slug>/", routing.column_page, name="portal_column"),
    path("", include(wagtail_urls)),
]
