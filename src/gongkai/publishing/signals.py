"""Binding the confidentiality conclusion to its revision: every revision of an item in sign-off is checked when it
is saved, whichever path saved it (admin, autosave, API, script).

Wagtail's autosave overwrites the editor's own latest revision in place, so a revision the conclusion is bound to
can change its content without a new revision being created; its content before the save is kept here for that
comparison.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Revision

from . import attachment_text, services, workflow
from .models import InformationItemPage


@receiver(pre_save, sender=Revision, dispatch_uid="publishing_keep_overwritten_content")
def keep_overwritten_content(sender, instance: Revision, **kwargs) -> None:
    if instance.pk is not None and services.is_item_revision(instance):
        instance._content_before_save = (
            Revision.objects.filter(pk=instance.pk).values_list("content", flat=True).first()
        )


@receiver(post_save, sender=Revision, dispatch_uid="publishing_send_back_if_edited")
def send_back_if_edited(sender, instance: Revision, created: bool, **kwargs) -> None:
    if not services.is_item_revision(instance):
        return
    if created:
        workflow.send_back_if_edited(instance)
        return
    overwritten = getattr(instance, "_content_before_save", None)
    if (
        overwritten is not None and overwritten != instance.content
    ):  # other saves of a revision change no content
        workflow.send_back_if_edited(instance, overwritten=overwritten)


@receiver(post_save, sender=InformationItemPage, dispatch_uid="publishing_read_new_attachments")
def read_new_attachments(sender, instance: InformationItemPage, **kwargs) -> None:
    """The attachments an item was saved with whose text is not stored yet are read by a task after the commit
    (reading a 20 MB PDF must not hold up the editor)."""
    unread = getattr(instance, "_unread_attachments", None)
    if unread:
        transaction.on_commit(partial(attachment_text.enqueue, unread))
