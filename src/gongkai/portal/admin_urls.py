"""The staff URLs of the portal (namespace ``portal``): the feedback desk, under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from .views import feedback_desk

app_name = "portal"

urlpatterns = [
    path("feedback/", feedback_desk.feedback_index, name="feedback_index"),
    path("feedback/<int:pk>/", feedback_desk.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/reply/", feedback_desk.feedback_reply, name="feedback_reply"),
    path("feedback/<int:pk>/close/", feedback_desk.feedback_close, name="feedback_close"),
]
