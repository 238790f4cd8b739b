"""The agencies of benchmarks/province_parts/province_data.py and their portal columns, in bulk (not part of the product).

What `agencies.services.create_agency` and `publishing.services.create_section` make for one agency — the row with
its materialised path, its Wagtail collection (文件库) with the group holding the upload and choose permissions on
it, the 政府信息公开 column under the portal's home page (live, no revision) with the sign-off chain assigned —
made for thousands at once: rows by bulk_create level by level, treebeard paths computed directly as
`publishing.demo.bulk` does for items. No history event is recorded: these are generated, not entered.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, Page, WorkflowPage

from gongkai.agencies.collections import CODENAMES, group_name
from gongkai.agencies.models import Agency
from gongkai.publishing.demo import bulk
from gongkai.publishing.models import DisclosureSectionPage
from gongkai.publishing.services import ensure_workflow


def _children_paths(parent, n: int, model) -> list[str]:
    """Paths for `n` new children of the treebeard node `parent`, after its last child."""
    last = model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path")
    last_path = last.values_list("path", flat=True).first()
    first = int(last_path[-model.steplen :], len(model.alphabet)) + 1 if last_path else 1
    return [parent.path + bulk._path_step(first + k) for k in range(n)]


@transaction.atomic
def create_agencies(levels: list[list[tuple[str, dict]]]) -> list[Agency]:
    """`levels`: for each depth, (parent's code or "", the agency's fields); returns the agencies in that order."""
    made: dict[str, Agency] = {}
    order: list[Agency] = []
    for level in levels:
        rows = []
        for parent_code, fields in level:
            parent = made.get(parent_code)
            path = f"{parent.path if parent else '/'}{fields['code']}/"
            rows.append(Agency(parent=parent, path=path, **fields))
        for agency in Agency.objects.bulk_create(rows, batch_size=2000):
            made[agency.code] = agency
            order.append(agency)
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    paths = _children_paths(root, len(order), Collection)
    collections = Collection.objects.bulk_create(
        [
            Collection(name=a.name, path=p, depth=root.depth + 1, numchild=0)
            for a, p in zip(order, paths, strict=True)
        ],
        batch_size=2000,
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + len(order))
    for agency, collection in zip(order, collections, strict=True):
        agency.collection = collection
    Agency.objects.bulk_update(order, ["collection"], batch_size=2000)
    groups = Group.objects.bulk_create([Group(name=group_name(a)) for a in order], batch_size=2000)
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in CODENAMES
    ]
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=g, collection=c, permission=p)
            for g, c in zip(groups, collections, strict=True)
            for p in permissions
        ],
        batch_size=5000,
    )
    return order


@transaction.atomic
def create_sections(agencies: list[Agency], home: Page) -> dict[str, DisclosureSectionPage]:
    """Each agency's column under `home` (slug: the agency's code), live, with the sign-off chain."""
    content_type = ContentType.objects.get_for_model(DisclosureSectionPage)
    now = timezone.now()
    paths = _children_paths(home, len(agencies), Page)
    page_rows = []
    for agency, path in zip(agencies, paths, strict=True):
        title = f"{agency.name}政府信息公开"
        page_rows.append(
            {
                **bulk.PAGE_DEFAULTS,
                "path": path,
                "depth": home.depth + 1,
                "translation_key": uuid.uuid4(),
                "locale": home.locale_id,
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": now,
                "last_published_at": now,
                "title": title,
                "draft_title": title,
                "slug": agency.code,
                "content_type": content_type.pk,
                "url_path": f"{home.url_path}{agency.code}/",
            }
        )
    bulk._insert(Page, [f for f in Page._meta.concrete_fields if not f.primary_key], page_rows)
    ids = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
    fields = DisclosureSectionPage._meta.local_concrete_fields
    bulk._insert(
        DisclosureSectionPage,
        fields,
        [{"page_ptr": ids[p], "agency": a.pk, "intro": ""} for a, p in zip(agencies, paths, strict=True)],
    )
    Page.objects.filter(pk=home.pk).update(numchild=Page.objects.child_of(home).count())
    workflow = ensure_workflow()
    WorkflowPage.objects.bulk_create([WorkflowPage(page_id=ids[p], workflow=workflow) for p in paths])
    sections = DisclosureSectionPage.objects.filter(pk__in=ids.values()).select_related("agency")
    return {s.agency.code: s for s in sections}
