"""The portal's public URLs of applying (not staff URLs: no login, nothing scoped)."""

from django.urls import path

from .views import applications

urlpatterns = [
    path("lookup/", applications.lookup, name="portal_lookup"),
    path("receipt/", applications.receipt, name="portal_apply_receipt"),
    path("<slug:code>/", applications.apply, name="portal_apply"),
]
