"""The pages of an agency's 政府信息公开 column: the column itself, its information items (with their metadata,
attachments and links) and its 公开指南."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester, PageViewRestriction

from gongkai.agencies import scoping
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm

from .. import attachments, public_views
from ..choices import Article20, Article21, DisclosureMode, DocumentKind, Genre, Topic, Validity
from ..forms import InformationItemForm
from ..permissions import ScopedPagePermissionTester
from ..text import joined, own_text
from .settings import IndexCounter, PublishingSettings, due_date, format_index, item_slug
from .texts import stored_texts


class CheckedRestrictionsMixin:
    """A page whose view restrictions the portal's shortcut (routing.py) has just checked: none, no query.

    The empty queryset is handed out already evaluated: Wagtail's serve hook iterates it, and an unevaluated
    ``none()`` still goes through the query compiler."""

    def get_view_restrictions(self):
        if getattr(self, "known_unrestricted", False):
            none = PageViewRestriction.objects.none()
            none._result_cache = []
            return none
        return super().get_view_restrictions()


class DisclosureSectionPage(CheckedRestrictionsMixin, RoutablePageMixin, Page):
    """An agency's 政府信息公开 column on the portal: guide, catalogue, items, links to applying and reports.

    One per agency; its slug is the agency's code, so the column lives at ``/<agency code>/``.
    """

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="disclosure_section"
    )
    intro = RichTextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels: list = []
    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = ["publishing.InformationItemPage", "publishing.GuidePage"]

    class Meta:
        verbose_name = "政府信息公开栏目"

    def __str__(self) -> str:
        return self.title

    def permissions_for_user(self, user):
        return ScopedPagePermissionTester(user, self, self.agency_id, section=True)

    def published_items(self) -> QuerySet[InformationItemPage]:
        """The column's live items (by agency: the catalogue's indexes lead with it)."""
        return InformationItemPage.objects.filter(agency_id=self.agency_id, live=True)

    def live_items_below(self) -> QuerySet[InformationItemPage]:
        """The column's live items by their place in the tree (the page path index leads on SQLite too)."""
        return InformationItemPage.objects.filter(path__startswith=self.path, live=True)

    @path("")
    def index(self, request):
        return public_views.section_index(self, request)

    @path("catalogue/")
    def catalogue(self, request):
        return public_views.catalogue(self, request)

    @path("search/")
    def search(self, request):
        return public_views.search(self, request)

    @path("rss/")
    def rss(self, request):
        return public_views.feed(self, request)


class InformationItemPage(CheckedRestrictionsMixin, Page):
    """One item of 主动公开 information, with the metadata the national catalogue guide requires.

    ``index_number`` is assigned once, when the item is first saved, by the agency's rule and never changes.
    ``agency`` repeats the section's agency so that scoping and figures are single-table queries;
    ``search_text`` is a plain-text copy of title, 文号, summary, body and the attachments' text for substring
    search (Chinese has no spaces to tokenise on; publishing/attachment_text.py), without the index number, which
    matches only as itself; ``due_on`` caches the 20-working-day limit from ``formed_on``/``changed_on``.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, editable=False)
    index_number = models.CharField("索引号", max_length=64, unique=True, editable=False)
    index_year = models.PositiveSmallIntegerField(null=True, editable=False)
    index_seq = models.PositiveIntegerField(null=True, editable=False)
    publisher = models.CharField("发布机构", max_length=200, blank=True, help_text="留空则为本机关名称")
    document_number = models.CharField("文号", max_length=100, blank=True)
    formed_on = models.DateField("成文日期", help_text="信息形成之日，第二十六条 20 个工作日从次日起算")
    changed_on = models.DateField(
        "变更日期", null=True, blank=True, help_text="信息发生变更之日，重新起算公开时限"
    )
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    topic = models.CharField("主题分类", max_length=32, choices=Topic.choices, default=Topic.GENERAL)
    genre = models.CharField("体裁", max_length=32, choices=Genre.choices, default=Genre.NOTICE)
    category = models.CharField("第二十条类别", max_length=32, choices=Article20.choices, db_index=True)
    local_category = models.CharField("第二十一条类别", max_length=32, choices=Article21.choices, blank=True)
    document_kind = models.CharField(
        "文件类型",
        max_length=32,
        choices=DocumentKind.choices,
        default=DocumentKind.OTHER,
        help_text="规章、行政规范性文件计入年度报告表二第（一）项",
    )
    validity = models.CharField("有效性", max_length=16, choices=Validity.choices, default=Validity.VALID)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    validity_changed_on = models.DateField(
        "失效或废止日期", null=True, blank=True, help_text="有效性为失效或废止时必填"
    )
    disclosure_mode = models.CharField(
        "公开方式", max_length=16, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    summary = models.TextField("内容概述", max_length=500)
    body = RichTextField("正文", blank=True)
    revises = ParentalManyToManyField(
        "self", verbose_name="修改的文件", symmetrical=False, blank=True, related_name="revised_by"
    )
    repeals = ParentalManyToManyField(
        "self", verbose_name="废止的文件", symmetrical=False, blank=True, related_name="repealed_by"
    )
    interprets = ParentalManyToManyField(
        "self",
        verbose_name="解读的文件",
        symmetrical=False,
        blank=True,
        related_name="interpreted_by",
        help_text="体裁为文字解读、图解或音视频解读时，选择本信息所解读的本机关已发布信息；两边的页面互相链接",
    )
    search_text = models.TextField(editable=False, blank=True)
    due_on = models.DateField("公开时限", null=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("document_number")]),
                FieldRowPanel([FieldPanel("formed_on"), FieldPanel("changed_on")]),
                FieldRowPanel([FieldPanel("category"), FieldPanel("local_category")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("genre")]),
                FieldRowPanel([FieldPanel("document_kind"), FieldPanel("disclosure_mode")]),
                FieldRowPanel(
                    [FieldPanel("validity"), FieldPanel("effective_on"), FieldPanel("validity_changed_on")]
                ),
            ],
            heading="公开目录信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=f"附件（{attachments.rule_text()}）"),
        MultiFieldPanel([FieldPanel("revises"), FieldPanel("repeals")], heading="修改、废止的文件"),
        MultiFieldPanel([FieldPanel("interprets")], heading="政策解读"),
    ]
    promote_panels: list = []
    parent_page_types = ["publishing.DisclosureSectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "主动公开信息"
        indexes = [
            models.Index(fields=["agency", "published_on", "index_seq"], name="publishing_item_published"),
            # the site search across agencies, in publication order (publishing/site_search.py): without it
            # PostgreSQL reads and sorts every match of a common word to show a page of 20
            models.Index(fields=["published_on", "index_seq"], name="publishing_item_published_all"),
            models.Index(fields=["agency", "formed_on"], name="publishing_item_formed"),
            # the catalogue's filters, each in publication order (publishing/public_views.py)
            models.Index(
                fields=["agency", "category", "published_on", "index_seq"], name="publishing_item_by_category"
            ),
            models.Index(
                fields=["agency", "topic", "published_on", "index_seq"], name="publishing_item_by_topic"
            ),
            models.Index(
                fields=["agency", "category", "topic", "published_on", "index_seq"],
                name="publishing_item_by_cat_topic",
            ),
            models.Index(
                fields=["agency", "validity", "published_on", "index_seq"], name="publishing_item_by_validity"
            ),
            # the searches' index-number match in any case (searching.index_number_lookup)
            models.Index(Upper("index_number"), name="publishing_item_index_upper"),
            # table 二 第（一）项 of many agencies at once (figures.rules_figures_many): the few 规章 and 规范性文件
            # among a province's million items, instead of every item of its agencies
            models.Index(fields=["document_kind", "agency"], name="publishing_item_by_kind"),
            # the year's items of many agencies by category, late ones counted (figures.summary_many), read from
            # the index alone: a province's report reads one year's items, not the whole table
            models.Index(
                fields=["published_on", "agency"],
                include=["category", "due_on", "page_ptr"],
                name="publishing_item_year_summary",
            ),
        ]

    base_form_class = InformationItemForm

    def permissions_for_user(self, user):
        return ScopedPagePermissionTester(user, self, self.agency_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        section = getattr(self, "_cached_parent_obj", None)  # set when routed through the column
        if not isinstance(section, DisclosureSectionPage):
            section = DisclosureSectionPage.objects.select_related("agency").get(agency_id=self.agency_id)
        context.update(public_views.section_links(section, request))
        context["breadcrumbs"].append((f"{context['section_url']}{self.slug}/", self.title))
        # The portal's item lookup (routing.py) tells whether there is anything to fetch.
        has_attachments = getattr(self, "has_attachments", True)
        context["attachments"] = self.attachments.select_related("document") if has_attachments else []
        linked = getattr(self, "revises_linked", True) or getattr(self, "repeals_linked", True)
        context["relations"] = self.relations() if linked else []
        interpreted = getattr(self, "interprets_linked", True)
        context["interpretations"] = self.interpretations() if interpreted else []
        context["validity_notice"] = self.validity_notice(context["relations"])
        return context

    def validity_notice(self, relations) -> dict | None:
        """The banner of an item no longer (or soon no longer) in force: 已废止 / 已失效 with the date, and the live
        items that repealed or revised it; None for an item in force and unchanged."""
        after = [(label, other) for label, other in relations if label in ("被废止", "被修改")]
        if self.validity == Validity.VALID and not after:
            return None
        on = self.validity_changed_on
        return {
            "state": "" if self.validity == Validity.VALID else self.get_validity_display(),
            "on": on,
            "pending": bool(on and on > timezone.localdate()),
            "by": after,
        }

    def interpretations(self) -> list[tuple[str, InformationItemPage]]:
        """The live, public 解读 of this item (labelled by their 体裁) and, for a 解读, the live, public items it
        interprets (labelled 解读的文件): one query on the link table, one for the pages when there are links."""
        through = InformationItemPage.interprets.through
        pairs = through.objects.filter(
            Q(from_informationitempage_id=self.pk) | Q(to_informationitempage_id=self.pk)
        ).values_list("from_informationitempage_id", "to_informationitempage_id")
        links = [("解读的文件", to) if source == self.pk else ("", source) for source, to in pairs]
        if not links:
            return []
        pages = (
            InformationItemPage.objects.live()
            .public()
            .only("title", "url_path", "index_number", "genre", "published_on")
            .in_bulk([other for _, other in links])
        )
        found = [(label or pages[o].get_genre_display(), pages[o]) for label, o in links if o in pages]
        return sorted(
            found, key=lambda pair: (pair[0] != "解读的文件", pair[1].published_on or datetime.date.min)
        )

    def relations(self) -> list[tuple[str, InformationItemPage]]:
        """The live items this one revises or repeals and those revising or repealing it, labelled.

        Two queries on the link tables, and one for the items only when there are links (most items have none).
        """
        forward, backward = [], []  # listed in this order: 修改, 废止, then 被修改, 被废止
        for through, active, passive in (
            (InformationItemPage.revises.through, "修改", "被修改"),
            (InformationItemPage.repeals.through, "废止", "被废止"),
        ):
            pairs = through.objects.filter(
                Q(from_informationitempage_id=self.pk) | Q(to_informationitempage_id=self.pk)
            ).values_list("from_informationitempage_id", "to_informationitempage_id")
            for source, to in pairs:
                if source == self.pk:
                    forward.append((active, to))
                else:
                    backward.append((passive, source))
        links = forward + backward
        if not links:
            return []
        pages = (
            InformationItemPage.objects.live()
            .only("title", "url_path", "index_number")
            .in_bulk([other for _, other in links])
        )
        return [(label, pages[other]) for label, other in links if other in pages]

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.agency.name

    @property
    def clock_start(self) -> datetime.date:
        """The day the 20 working days run from: the latest of formed and changed."""
        return max(d for d in (self.formed_on, self.changed_on) if d)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.validity != Validity.VALID and not self.validity_changed_on:
            errors["validity_changed_on"] = "有效性为失效或废止时，请填写失效或废止日期"
        if self.validity == Validity.VALID and self.validity_changed_on:
            errors["validity_changed_on"] = "有效的文件不应填写失效或废止日期"
        if self.changed_on and self.formed_on and self.changed_on < self.formed_on:
            errors["changed_on"] = "变更日期不能早于成文日期"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.derive()
            return super().save(*args, **kwargs)

    def derive(self) -> None:
        """Fill what an item derives before it is saved (inside the save's transaction): agency, index number and
        slug (once), search text, due date, the publication date (the day it first went live)."""
        if self.agency_id is None:
            parent = self.get_parent() if self.path else None
            section = DisclosureSectionPage.objects.filter(pk=parent.pk).first() if parent else None
            if section is None:
                raise ValidationError("主动公开信息只能建在机关的政府信息公开栏目下")
            self.agency_id = section.agency_id
        if not self.index_number:
            agency = Agency.objects.get(pk=self.agency_id)
            year = (self.formed_on or timezone.localdate()).year
            seq = IndexCounter.next_seqs(agency, year)
            self.index_year, self.index_seq = year, seq
            pattern = PublishingSettings.of(agency).index_pattern
            self.index_number = format_index(pattern, agency, self.category, year, seq)
            if self.pk is None:
                self.slug = item_slug(year, seq)
        if self.live and self.first_published_at and not self.published_on:
            self.published_on = timezone.localdate(self.first_published_at)
        self.search_text = self._search_text()
        self.due_on = due_date(self.clock_start) if self.formed_on else None

    def _search_text(self) -> str:
        """Its own text followed by the stored text of the attachments it is saved with; the documents not read
        yet are remembered for `signals.read_new_attachments`, which has them read once the save commits
        (publishing/attachment_text.py)."""
        documents = [a.document_id for a in self.attachments.all() if a.document_id]
        stored = stored_texts(documents)
        self._unread_attachments = sorted(set(documents) - set(stored))
        own = own_text(self.title, self.document_number, self.summary, self.body)
        return joined(own, [stored.get(pk, "") for pk in documents])

    def with_content_json(self, content):
        """A revision's copy keeps what is assigned once (index number, agency, publication date) from the page."""
        obj = super().with_content_json(content)
        for name in ("agency_id", "index_number", "index_year", "index_seq", "published_on"):
            if getattr(self, name) is not None:
                setattr(obj, name, getattr(self, name))
        return obj


class ItemAttachment(Orderable):
    """A downloadable file of an item (a Wagtail document; checked by content on upload and by the item form)."""

    page = ParentalKey(InformationItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("附件名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    @property
    def label(self) -> str:
        return self.title or self.document.title


OFFICE_FIELDS = (
    "office_name",
    "office_address",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_online",
)


class GuidePage(Page):
    """政府信息公开指南 of one agency (条例第十二条): classification, arrangement, how to obtain information and
    the disclosure office's contacts.

    The office's contact fields left blank are shown from the agency's record (机关信息), so one change there
    updates the guide; a value entered here overrides it.
    """

    classification = RichTextField("政府信息的分类", blank=True)
    arrangement = RichTextField("编排体系", blank=True)
    obtaining = RichTextField(
        "获取方式", blank=True, help_text="主动公开信息的获取方式，以及申请获取政府信息的方式、途径"
    )
    office_name = models.CharField(
        "政府信息公开工作机构名称", max_length=200, blank=True, help_text="留空则使用机关信息中的工作机构"
    )
    office_address = models.CharField("办公地址", max_length=300, blank=True, help_text="留空则使用机关信息")
    office_hours = models.CharField("办公时间", max_length=200, blank=True, help_text="留空则使用机关信息")
    office_phone = models.CharField("联系电话", max_length=40, blank=True, help_text="留空则使用机关信息")
    office_fax = models.CharField("传真号码", max_length=40, blank=True)
    office_online = models.CharField(
        "互联网联系方式",
        max_length=300,
        blank=True,
        help_text="电子邮箱或网址；留空则使用机关信息中的电子邮箱",
    )
    body = RichTextField("其他事项", blank=True, help_text="如监督和救济途径、收费标准等")

    content_panels = [
        *Page.content_panels,
        FieldPanel("classification"),
        FieldPanel("arrangement"),
        FieldPanel("obtaining"),
        MultiFieldPanel([FieldPanel(name) for name in OFFICE_FIELDS], heading="政府信息公开工作机构"),
        FieldPanel("body"),
    ]
    parent_page_types = ["publishing.DisclosureSectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "publishing/guide_page.html"

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"
        db_table = "portal_guidepage"  # made by the portal app before it moved here

    @cached_property
    def agency(self) -> Agency | None:
        """The agency of the column the guide is in."""
        section = DisclosureSectionPage.objects.ancestor_of(self).select_related("agency").first()
        return section.agency if section is not None else None

    def office(self) -> list[tuple[str, str]]:
        """The office's contacts as (label, value), blank fields filled from the agency's record."""
        agency = self.agency
        defaults = {
            "office_name": agency.disclosure_office if agency else "",
            "office_address": agency.office_address if agency else "",
            "office_hours": agency.office_hours if agency else "",
            "office_phone": agency.office_phone if agency else "",
            "office_fax": "",
            "office_online": agency.office_email if agency else "",
        }
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name) or defaults[name])
            for name in OFFICE_FIELDS
        ]

    def updated_on(self):
        """The date the guide as shown was last published (条例第十二条: kept current)."""
        return self.last_published_at or self.latest_revision_created_at

    def get_context(self, request, *args, **kwargs):
        """The column's links (for its navigation), as the column's own pages have them."""
        context = super().get_context(request, *args, **kwargs)
        context.update(public_views.section_links(self.get_parent().specific, request))
        context["breadcrumbs"].append((f"{context['section_url']}{self.slug}/", self.title))
        return context

    def permissions_for_user(self, user):
        return GuidePermissionTester(user, self)


class GuidePermissionTester(PagePermissionTester):
    """Edit, publish, unpublish and delete rights on a guide: MANAGE_PUBLISHING holders in its agency (a guide
    has no sign-off chain)."""

    def _manages(self) -> bool:
        agency = self.page.specific.agency
        return agency is not None and scoping.can(self.user, Perm.MANAGE_PUBLISHING, agency)

    def can_edit(self):
        return self.user.is_active and self._manages()

    def can_publish(self):
        return self.user.is_active and self._manages()

    def can_unpublish(self):
        return self.page.live and not self.page_locked() and self.can_publish()

    def can_delete(self, ignore_bulk=False):
        return self.can_publish()

    def can_lock(self):
        return self.can_publish()

    def can_unlock(self):
        return self.can_publish()
