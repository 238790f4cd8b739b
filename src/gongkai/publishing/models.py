"""主动公开 on Wagtail: the agency's 政府信息公开 column, its information items, the review chain's tasks, the
confidentiality conclusions and the register of withheld information (条例第十八条)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction, Task

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm

from . import tasks
from .choices import (
    Article20,
    Article21,
    Conclusion,
    DisclosureMode,
    DocumentKind,
    Genre,
    Ground,
    Topic,
    Validity,
)

DEFAULT_INDEX_PATTERN = "{agency_code}/{year}-{seq:05d}"
"""The national catalogue guide's 索引号: the agency's code / the year - a 5-digit sequence."""

INDEX_FIELDS = {"agency_code": "jingkai-rsj", "category": "rules", "category_no": 1, "year": 2026, "seq": 1}

TIME_LIMIT_WORKDAYS = 20
"""条例第二十六条: published within 20 working days of being formed or changed."""


def validate_index_pattern(value: str) -> None:
    try:
        sample = value.format(**INDEX_FIELDS)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            "索引号规则只能使用 {agency_code}、{category}、{category_no}、{year}、{seq}（如 {seq:05d}）"
        ) from exc
    if "{seq" not in value:
        raise ValidationError("索引号规则必须包含顺序号 {seq}")
    if len(sample) > 60:
        raise ValidationError("按此规则生成的索引号过长")


class PublishingSettings(models.Model):
    """An agency's choices for proactive disclosure (open points of the law, with the defaults of the spec)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="publishing_settings")
    index_pattern = models.CharField(
        "索引号规则",
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        validators=[validate_index_pattern],
        help_text="可用 {agency_code}、{category}（第二十条类别代码）、{category_no}、{year}、{seq:05d}；"
        "索引号一经生成不再改变",
    )
    reevaluation_months = models.PositiveSmallIntegerField(
        "不予公开信息复评周期（月）",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="条例第十八条要求定期评估审查，周期由本机关确定，默认 12 个月",
    )

    class Meta:
        verbose_name = "主动公开设置"
        verbose_name_plural = "主动公开设置"

    def __str__(self) -> str:
        return f"{self.agency}：主动公开设置"


class IndexCounter(models.Model):
    """The last sequence number of index numbers issued per agency per year (locked while numbering)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="publishing_unique_counter")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class CheckedRestrictionsMixin:
    """A page whose view restrictions the portal's shortcut (routing.py) has just checked: none, no query."""

    def get_view_restrictions(self):
        if getattr(self, "known_unrestricted", False):
            return PageViewRestriction.objects.none()
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
    subpage_types = ["publishing.InformationItemPage", "portal.GuidePage"]

    class Meta:
        verbose_name = "政府信息公开栏目"

    def __str__(self) -> str:
        return self.title

    def permissions_for_user(self, user):
        from .permissions import ScopedPagePermissionTester

        return ScopedPagePermissionTester(user, self, self.agency_id, section=True)

    @path("")
    def index(self, request):
        from . import portal

        return portal.section_index(self, request)

    @path("catalogue/")
    def catalogue(self, request):
        from . import portal

        return portal.catalogue(self, request)

    @path("search/")
    def search(self, request):
        from . import portal

        return portal.search(self, request)


class InformationItemPage(CheckedRestrictionsMixin, Page):
    """One item of 主动公开 information, with the metadata the national catalogue guide requires.

    ``index_number`` is assigned once, when the item is first saved, by the agency's rule and never changes.
    ``agency`` repeats the section's agency so that scoping and figures are single-table queries;
    ``search_text`` is a plain-text copy of title, number, summary and body for substring search (Chinese has
    no spaces to tokenise on); ``due_on`` caches the 20-working-day limit from ``formed_on``/``changed_on``.
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
        InlinePanel("attachments", label="附件（PDF、DOCX、XLS/XLSX）"),
        MultiFieldPanel([FieldPanel("revises"), FieldPanel("repeals")], heading="修改、废止的文件"),
    ]
    promote_panels: list = []
    parent_page_types = ["publishing.DisclosureSectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "主动公开信息"
        indexes = [
            models.Index(fields=["agency", "published_on", "index_seq"], name="publishing_item_published"),
            models.Index(fields=["agency", "formed_on"], name="publishing_item_formed"),
            # the catalogue's filters, each in publication order (publishing/portal.py)
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
        ]

    @classmethod
    def get_base_form_class(cls):
        from .forms import InformationItemForm

        return InformationItemForm

    def permissions_for_user(self, user):
        from .permissions import ScopedPagePermissionTester

        return ScopedPagePermissionTester(user, self, self.agency_id)

    def get_context(self, request, *args, **kwargs):
        from .portal import section_links

        context = super().get_context(request, *args, **kwargs)
        section = getattr(self, "_cached_parent_obj", None)  # set when routed through the column
        if not isinstance(section, DisclosureSectionPage):
            section = DisclosureSectionPage.objects.select_related("agency").get(agency_id=self.agency_id)
        context.update(section_links(section, request))
        context["breadcrumbs"].append((f"{context['section_url']}{self.slug}/", self.title))
        # The portal's item lookup (routing.py) tells whether there is anything to fetch.
        attachments = self.attachments.select_related("document")
        context["attachments"] = attachments if getattr(self, "has_attachments", True) else []
        linked = getattr(self, "revises_linked", True) or getattr(self, "repeals_linked", True)
        context["relations"] = self.relations() if linked else []
        return context

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
        from . import services

        with transaction.atomic():
            services.prepare_item(self)
            return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision's copy keeps what is assigned once (index number, agency, publication date) from the page."""
        obj = super().with_content_json(content)
        for name in ("agency_id", "index_number", "index_year", "index_seq", "published_on"):
            if getattr(self, name) is not None:
                setattr(obj, name, getattr(self, name))
        return obj


class ItemAttachment(Orderable):
    """A downloadable file of an item (a Wagtail document; type and size checked by the item form)."""

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


class ScopedApprovalTask(Task):
    """A review step (复核 or 审核) that only people holding ``permission`` for the item's agency may act on."""

    permission = models.CharField(
        "所需权限",
        max_length=40,
        choices=[
            (Perm.CHECK_INFORMATION.value, Perm.CHECK_INFORMATION.label),
            (Perm.APPROVE_INFORMATION.value, Perm.APPROVE_INFORMATION.label),
        ],
    )

    admin_form_fields = [*Task.admin_form_fields, "permission"]

    class Meta:
        verbose_name = "按机关授权的审批步骤"
        verbose_name_plural = "按机关授权的审批步骤"

    @classmethod
    def get_description(cls):
        return "持有所选权限（按机关）的人员可以通过或退回"

    def user_may_act(self, obj, user) -> bool:
        return tasks.may_act(Perm(self.permission), obj, user)

    def user_can_access_editor(self, obj, user):
        return self.user_may_act(obj, user)

    def locked_for_user(self, obj, user):
        return not (self.user_may_act(obj, user) or tasks.may_act(Perm.COLLECT_INFORMATION, obj, user))

    def user_can_lock(self, obj, user):
        return self.user_may_act(obj, user)

    def get_actions(self, obj, user):
        if not self.user_may_act(obj, user):
            return []
        return [("reject", "退回修改", True), ("approve", "通过", False), ("approve", "附意见通过", True)]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return tasks.moderatable(self, Perm(self.permission), user)

    def on_action(self, task_state, user, action_name, **kwargs):
        return tasks.on_action(self, task_state, user, action_name, **kwargs)


class ConfidentialityReviewTask(Task):
    """保密审查 (条例第十七条): the reviewer records 可公开 / 部分公开 / 不予公开; the conclusion binds to the
    revision reviewed, and an edit after it sends the item back to this step."""

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"

    @classmethod
    def get_description(cls):
        return "保密审查员作出结论：可公开、部分公开（写明删除内容）或不予公开（写明依据）"

    def user_may_act(self, obj, user) -> bool:
        return tasks.may_act(Perm.REVIEW_CONFIDENTIALITY, obj, user)

    def user_can_access_editor(self, obj, user):
        return self.user_may_act(obj, user)

    def locked_for_user(self, obj, user):
        return not (self.user_may_act(obj, user) or tasks.may_act(Perm.COLLECT_INFORMATION, obj, user))

    def user_can_lock(self, obj, user):
        return self.user_may_act(obj, user)

    def get_actions(self, obj, user):
        if not self.user_may_act(obj, user):
            return []
        return [("reject", "退回修改", True), ("approve", "作出审查结论", True)]

    def get_form_for_action(self, action):
        from .forms import ConclusionForm

        return ConclusionForm if action == "approve" else super().get_form_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return tasks.moderatable(self, Perm.REVIEW_CONFIDENTIALITY, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        return tasks.on_action(self, task_state, user, action_name, **kwargs)


class ConfidentialityConclusion(models.Model):
    """One conclusion of the confidentiality review, bound to the revision it was made on."""

    item = models.ForeignKey(InformationItemPage, on_delete=models.CASCADE, related_name="conclusions")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    conclusion = models.CharField("审查结论", max_length=16, choices=Conclusion.choices)
    removed = models.TextField("删除或遮盖的内容", blank=True)
    ground = models.CharField("不予公开依据", max_length=32, choices=Ground.choices, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("审查时间", default=timezone.now)
    superseded_at = models.DateTimeField("因修改失效时间", null=True, blank=True)

    class Meta:
        verbose_name = "保密审查结论"
        verbose_name_plural = "保密审查结论"
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.item.title}：{self.get_conclusion_display()}"


class WithheldInformation(models.Model):
    """The register of information not published (条例第十八条: re-evaluated periodically)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        InformationItemPage,
        verbose_name="信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="withheld_entries",
    )
    title = models.CharField("信息名称", max_length=255)
    ground = models.CharField("不予公开依据", max_length=32, choices=Ground.choices)
    reason = models.TextField("说明", blank=True)
    decided_on = models.DateField("决定日期")
    reevaluate_on = models.DateField("下次评估日期", db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审查人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_on = models.DateField("解除日期", null=True, blank=True, help_text="经评估可以公开时填写")

    class Meta:
        verbose_name = "不予公开信息登记"
        verbose_name_plural = "不予公开信息登记"
        ordering = ["reevaluate_on", "pk"]

    def __str__(self) -> str:
        return self.title
