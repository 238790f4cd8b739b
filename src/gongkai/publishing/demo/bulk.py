"""Insert many information items at once: for the demo, the benchmarks and the tests, never for real items.

Going through ``add_child`` costs a tree lock, several queries and a revision per page; here the treebeard
paths are computed directly (children of the section, 4 base-36 characters per level), the ``wagtailcore_page``
rows are bulk-inserted and the items' own rows are inserted with one ``executemany``. Index numbers are reserved
in one step per year, so they stay gapless and unique next to items created one by one.

The pages come out as if published (or saved as drafts) without revisions, without the sign-off chain and without
an audit event: Wagtail serves them and the admin edits them; the first edit creates their first revision. Real
items are made in the admin and go through the chain.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from wagtail.models import Page

from gongkai.workdays.services import current_calendar

from ..attachment_text import own_text
from ..choices import DisclosureMode, DocumentKind, Genre, Topic, Validity
from ..models import DisclosureSectionPage, IndexCounter, InformationItemPage, PublishingSettings
from ..models.settings import due_date, format_index, item_slug

BATCH = 2000

DEFAULTS = {
    "publisher": "",
    "document_number": "",
    "changed_on": None,
    "topic": Topic.GENERAL.value,
    "genre": Genre.NOTICE.value,
    "local_category": "",
    "document_kind": DocumentKind.OTHER.value,
    "validity": Validity.VALID.value,
    "effective_on": None,
    "validity_changed_on": None,
    "disclosure_mode": DisclosureMode.PROACTIVE.value,
    "body": "",
    "published_on": None,
}
REQUIRED = ("title", "formed_on", "category", "summary")


PAGE_DEFAULTS = {
    "numchild": 0,
    "latest_revision": None,
    "live_revision": None,
    "go_live_at": None,
    "expire_at": None,
    "expired": False,
    "locked": False,
    "locked_at": None,
    "locked_by": None,
    "owner": None,
    "latest_revision_created_at": None,
    "alias_of": None,
    "show_in_menus": False,
    "seo_title": "",
    "search_description": "",
}
_PLAIN = (str, int, bool)
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def _insert(model, fields, rows: list[dict]) -> None:
    """INSERT ``rows`` ({field name: value}) into ``model``'s own table with executemany, in batches.

    Plain values go to the driver as they are; dates and times take Django's conversion once per distinct value
    and UUIDs the backend's form (a get_db_prep_save of every value would cost more than the inserts)."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    native_uuid = connection.features.has_native_uuid_field
    memo: dict = {}

    def prep(field, value):
        if value is None or isinstance(value, _PLAIN) or isinstance(field, _PLAIN_FIELDS):
            return value
        if isinstance(field, models.UUIDField):
            return value if native_uuid else value.hex
        key = (field.name, value)
        if key not in memo:
            memo[key] = field.get_db_prep_save(value, connection)
        return memo[key]

    values = [[prep(f, row[f.name]) for f in fields] for row in rows]
    with connection.cursor() as cursor:
        for i in range(0, len(values), BATCH):
            cursor.executemany(sql, values[i : i + BATCH])


def _path_step(n: int) -> str:
    alphabet, steplen = Page.alphabet, Page.steplen
    digits = ""
    while n:
        n, r = divmod(n, len(alphabet))
        digits = alphabet[r] + digits
    if len(digits) > steplen:
        raise ValueError("too many children for one section")
    return digits.rjust(steplen, alphabet[0])


def _last_step(section: Page) -> int:
    last = Page.objects.child_of(section).order_by("-path").values_list("path", flat=True).first()
    return int(last[-Page.steplen :], len(Page.alphabet)) if last else 0


@transaction.atomic
def create_items(section: DisclosureSectionPage, rows: Iterable[dict], *, published: bool = True) -> int:
    """Insert one InformationItemPage per row under ``section``; return how many.

    A row needs ``title``, ``formed_on`` (date), ``category`` (第二十条 key) and ``summary``; optional keys are
    the item's other fields (``topic``, ``genre``, ``document_kind``, ``validity``, ``validity_changed_on``,
    ``body``, ``document_number``, ``published_on`` …). With ``published`` the items are live, first published on
    ``published_on`` (default: ``formed_on``).
    """
    given, section = section, DisclosureSectionPage.objects.select_for_update().get(pk=section.pk)
    agency = section.agency
    pattern = PublishingSettings.of(agency).index_pattern
    items = []
    for row in rows:
        missing = [k for k in REQUIRED if not row.get(k)]
        if missing:
            raise ValueError(f"row lacks {missing}")
        items.append({**DEFAULTS, **row})
    if not items:
        return 0

    by_year: dict[int, list[dict]] = defaultdict(list)
    for item in items:
        by_year[item["formed_on"].year].append(item)
    for year, group in by_year.items():
        first = IndexCounter.next_seqs(agency, year, len(group))
        for offset, item in enumerate(group):
            item["_year"], item["_seq"] = year, first + offset

    content_type = ContentType.objects.get_for_model(InformationItemPage)
    step = _last_step(section)
    tz = timezone.get_current_timezone()
    page_rows = []
    for item in items:
        step += 1
        slug = item_slug(item["_year"], item["_seq"])
        if published:
            item["published_on"] = item["published_on"] or item["formed_on"]
            when = datetime.datetime.combine(item["published_on"], datetime.time(9, 0), tz)
        else:
            item["published_on"], when = None, None
        item["_path"] = section.path + _path_step(step)
        page_rows.append(
            {
                **PAGE_DEFAULTS,
                "path": item["_path"],
                "depth": section.depth + 1,
                "translation_key": uuid.uuid4(),
                "locale": section.locale_id,
                "live": published,
                "has_unpublished_changes": not published,
                "first_published_at": when,
                "last_published_at": when,
                "title": item["title"],
                "draft_title": item["title"],
                "slug": slug,
                "content_type": content_type.pk,
                "url_path": f"{section.url_path}{slug}/",
            }
        )
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    _insert(Page, page_fields, page_rows)
    ids = dict(
        Page.objects.filter(path__range=(items[0]["_path"], items[-1]["_path"])).values_list("path", "pk")
    )

    calendar = current_calendar()
    item_rows = []
    for item in items:
        index_number = format_index(pattern, agency, item["category"], item["_year"], item["_seq"])
        start = max(d for d in (item["formed_on"], item["changed_on"]) if d)
        item_rows.append(
            {
                **{k: v for k, v in item.items() if not k.startswith("_")},
                "page_ptr": ids[item["_path"]],
                "agency": agency.pk,
                "index_number": index_number,
                "index_year": item["_year"],
                "index_seq": item["_seq"],
                "search_text": own_text(
                    item["title"], item["document_number"], item["summary"], item["body"]
                ),
                "due_on": due_date(start, calendar),
            }
        )
    _insert(InformationItemPage, InformationItemPage._meta.local_concrete_fields, item_rows)

    given.numchild = Page.objects.child_of(section).count()
    Page.objects.filter(pk=section.pk).update(numchild=given.numchild)
    return len(items)
