"""Where files live: the local disk on one machine, an S3-protocol bucket for several (backends.storages()).

Two storages in settings.STORAGES besides the static files: "default" (Wagtail's documents and images, published
report files) and "private" (what people upload or what carries personal data: application attachments, letters,
imports, report-audit uploads, work records). Neither has a public address: documents, renditions and private files
are served only by the views that check who may see them, so in a bucket every object is private (no public ACL)
and nothing is ever redirected to an object's URL.

Models name `PrivateStorage()` (kept in their migrations); it hands every operation to `storages["private"]`, so
that the deployment, not the migrations, decides where the files are.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFiles(CompressedManifestStaticFilesStorage):
    """The production static files (whitenoise's: compressed, names with their content's hash), each file's URL
    worked out once per process: the manifest is read when the storage is made and does not change while the
    process runs, and every public page asks for the same few URLs (a manifest lookup, quoting and joining each
    time otherwise)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        found = self._urls.get((name, force))
        if found is None:
            found = self._urls[(name, force)] = super().url(name, force)
        return found


class LocalPrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT and without a URL (the embedded default's "private" storage).

    The directory is `settings.PRIVATE_MEDIA_ROOT`, or a `private` directory next to MEDIA_ROOT; it is read on
    every use, so tests and deployments may change it.
    """

    @property
    def base_location(self) -> str:
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", "")
        return str(configured or Path(settings.MEDIA_ROOT).resolve().parent / "private")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")


class _Delegating(Storage):
    """Every operation of a Storage, handed to the configured storage `alias` (looked up on each use)."""

    alias = "default"

    @property
    def backend(self) -> Storage:
        return storages[self.alias]

    def _open(self, name, mode="rb"):
        return self.backend._open(name, mode)

    def _save(self, name, content):
        return self.backend._save(name, content)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def get_valid_name(self, name):
        return self.backend.get_valid_name(name)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def path(self, name):
        return self.backend.path(name)

    def get_accessed_time(self, name):
        return self.backend.get_accessed_time(name)

    def get_created_time(self, name):
        return self.backend.get_created_time(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)


@deconstructible(path="gongkai.storage.PrivateStorage")
class PrivateStorage(_Delegating):
    """The private storage (settings.STORAGES["private"]); its files have no URL at all."""

    alias = "private"

    def url(self, name):
        raise ValueError("private files have no public URL")


@deconstructible(path="gongkai.storage.RenditionStorage")
class RenditionStorage(_Delegating):
    """Renditions of images in the default storage (the bucket), addressed through publishing's `serve_rendition`
    instead of the object's URL (the same rule as publishing.files.RenditionStorage on the local disk)."""

    def url(self, name):
        return reverse("gongkai_rendition", args=[name])
