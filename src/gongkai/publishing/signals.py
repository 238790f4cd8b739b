"""Binding the confidentiality conclusion to its revision: every new revision of an item in sign-off is checked,
whichever path created it (admin, API, script)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Revision

from . import services, workflow


@receiver(post_save, sender=Revision, dispatch_uid="publishing_send_back_if_edited")
def send_back_if_edited(sender, instance: Revision, created: bool, **kwargs) -> None:
    if created and services.is_item_revision(instance):
        workflow.send_back_if_edited(instance)
