from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as serve_document

from gongkai.api.v1 import api
from gongkai.ops import views as ops
from gongkai.publishing import files, routing

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail serves documents (asking publishing.files who may); renditions of images likewise. Neither is
    # under MEDIA_URL, which is not served at all: uploads are confidential until published.
    path(
        "documents/<int:document_id>/<str:document_filename>",
        files.private_cache(serve_document),
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("images/<path:name>", files.serve_rendition, name="gongkai_rendition"),
    path("readyz", ops.readyz, name="ops_readyz"),
    path("metrics", ops.metrics_view, name="ops_metrics"),
    path("api/v1/", api.urls),
    path("apply/", include("gongkai.portal.urls")),
    path("reports/", include("gongkai.reports.public_urls")),
    path("", include("gongkai.portal.site_urls")),
]

# A column's pages first take a shortcut past Wagtail's tree walk (publishing/routing.py); the rest is Wagtail's.
urlpatterns += [
    path("<slug:agency_code>/", routing.column_page, name="portal_column"),
    path("<slug:agency_code>/<str:slug>/", routing.column_page, name="portal_column"),
    path("", include(wagtail_urls)),
]
