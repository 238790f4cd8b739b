"""Who may download a document or see an image (DESIGN.md, "Confidential until published").

A document or image is public only while a live page without view restrictions references it (Wagtail's
reference index: an item's attachments and links or images in a body); the staff of its owning agency (the
agency of its collection, or of a column page that references it) may always open it, through the agency
scoping; everyone else gets 404, as for a file that does not exist.

Documents are served by Wagtail's own serve view, which asks ``before_serve_document`` (wagtail_hooks.py);
renditions of images are stored without a public address (``RenditionStorage``) and served by Wagtail's
``ServeView.serve`` after the same decision (``serve_rendition``). Neither answer may be kept by a shared cache:
a file stops being public the moment its page is withdrawn.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from wagtail.images import get_image_model
from wagtail.images.views.serve import ServeView
from wagtail.models import Page, ReferenceIndex

from gongkai.agencies import scoping
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm

from .models import DisclosureSectionPage


def _referencing_page_ids(obj) -> list[int]:
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    return [int(pk) for pk in ids.values_list("object_id", flat=True).distinct()]


def is_public(obj, page_ids: list[int] | None = None) -> bool:
    """Whether a live page without view restrictions (on it or above it) references ``obj``."""
    page_ids = _referencing_page_ids(obj) if page_ids is None else page_ids
    return bool(page_ids) and Page.objects.filter(pk__in=page_ids).live().public().exists()


def owning_agencies(obj, page_ids: list[int] | None = None) -> set[int]:
    """The ids of the agencies that own ``obj``: its collection's, and those of the columns referencing it."""
    page_ids = _referencing_page_ids(obj) if page_ids is None else page_ids
    owners = set(Agency.objects.filter(collection_id=obj.collection_id).values_list("pk", flat=True))
    paths = Page.objects.filter(pk__in=page_ids).values_list("path", flat=True)
    ancestors = {path[:end] for path in paths for end in range(Page.steplen, len(path) + 1, Page.steplen)}
    if ancestors:
        sections = DisclosureSectionPage.objects.filter(path__in=ancestors)
        owners.update(sections.values_list("agency_id", flat=True))
    return owners


def may_see(user, obj) -> bool:
    """Whether ``user`` (anonymous or staff) may download the document or see the image ``obj``."""
    page_ids = _referencing_page_ids(obj)
    if is_public(obj, page_ids):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    owners = owning_agencies(obj, page_ids)
    return bool(owners) and scoping.agencies_for(user, Perm.VIEW_PUBLISHING).filter(pk__in=owners).exists()


def check_document(document, request) -> None:
    """``before_serve_document``: Http404 unless the requester may download the document."""
    if not may_see(request.user, document):
        raise Http404("该文件不存在或尚未公开")


def private_cache(view):
    """Mark a file's answer as not to be kept by shared caches (its page may be withdrawn at any moment)."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    wrapped.__name__ = getattr(view, "__name__", "file_view")
    wrapped.__doc__ = view.__doc__
    return wrapped


class RenditionStorage(FileSystemStorage):
    """Renditions of images under MEDIA_ROOT, addressed through ``serve_rendition`` instead of MEDIA_URL."""

    def url(self, name):
        return reverse("gongkai_rendition", args=[name])


class _RenditionView(ServeView):
    """Wagtail's serving of a rendition, reached by the rendition's file name once access is decided."""

    def get(self, request, name):
        rendition_model = get_image_model().get_rendition_model()
        rendition = get_object_or_404(rendition_model.objects.select_related("image"), file=name)
        if not may_see(request.user, rendition.image):
            raise Http404("该图片不存在或尚未公开")
        return self.serve(rendition)


serve_rendition = private_cache(_RenditionView.as_view())
