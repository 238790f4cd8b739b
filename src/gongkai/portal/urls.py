"""The portal's public URLs (not staff URLs: no login, nothing scoped)."""

from django.urls import path

from . import views

urlpatterns = [
    path("lookup/", views.lookup, name="portal_lookup"),
    path("receipt/", views.receipt, name="portal_apply_receipt"),
    path("<slug:code>/", views.apply, name="portal_apply"),
]
