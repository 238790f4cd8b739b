"""Pages of the public portal."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can


class PortalHomePage(Page):
    """The portal's front page: what the site is and the agencies that publish on it."""

    intro = RichTextField("简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    subpage_types = ["publishing.DisclosureSectionPage"]

    class Meta:
        verbose_name = "门户首页"

    def route(self, request, path_components):
        """A column is found by one query (with its agency) instead of a page query and a second for its type."""
        if path_components:
            section = (
                apps.get_model("publishing", "DisclosureSectionPage")
                .objects.select_related("agency")
                .filter(path__startswith=self.path, depth=self.depth + 1, slug=path_components[0])
                .first()
            )
            if section is not None:
                section._cached_parent_obj = self
                return section.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agencies"] = Agency.objects.select_related("parent", "disclosure_section")
        return context


def _section_agency(page: Page) -> Agency | None:
    """The agency of the 政府信息公开 column (publishing's section page) at or above `page`."""
    section_model = apps.get_model("publishing", "DisclosureSectionPage")
    section = section_model.objects.ancestor_of(page, inclusive=True).select_related("agency").first()
    return section.agency if section is not None else None


def agency_of(page) -> Agency | None:
    """The agency a page of the portal belongs to: its own `agency` (items, sections, guides) or its column's."""
    if not isinstance(page, Page):
        return None
    agency = getattr(page.specific, "agency", None)
    return agency if isinstance(agency, Agency) else _section_agency(page)


class AgencyPagePermissionTester(PagePermissionTester):
    """Edit, publish, unpublish and delete rights on a page of one agency: MANAGE_PUBLISHING holders there."""

    def _manages(self) -> bool:
        agency = agency_of(self.page)
        return agency is not None and can(self.user, Perm.MANAGE_PUBLISHING, agency)

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

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    @cached_property
    def agency(self) -> Agency | None:
        return _section_agency(self)

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
        """The column's links (for its navigation), as publishing's own pages have them."""
        from gongkai.publishing.portal import section_links

        context = super().get_context(request, *args, **kwargs)
        context.update(section_links(self.get_parent().specific, request))
        context["breadcrumbs"].append((f"{context['section_url']}{self.slug}/", self.title))
        return context

    def permissions_for_user(self, user):
        return AgencyPagePermissionTester(user, self)


class FeedbackKind(models.TextChoices):
    WRONG = "wrong", "信息有误"
    MISSING = "missing", "信息缺失"
    BROKEN_LINK = "broken_link", "链接失效"
    COMPLAINT = "complaint", "投诉"
    OTHER = "other", "其他"


class FeedbackStatus(models.TextChoices):
    OPEN = "open", "待处理"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"


class Feedback(models.Model):
    """A report from the public about an agency's disclosure: wrong or missing information, a dead link, a
    complaint (条例第四十七、五十一条). The office replies; the submitter reads the reply with the query code.

    The submitter's contact data is personal data: shown to the handling office only, never logged.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="feedback")
    number = models.CharField("编号", max_length=40, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=64, editable=False)
    kind = models.CharField("类型", max_length=20, choices=FeedbackKind.choices)
    content = models.TextField("内容")
    contact_name = models.CharField("称呼", max_length=60, blank=True)
    contact = models.CharField("联系方式", max_length=120, blank=True)
    item = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="相关信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item_title = models.CharField("相关信息标题", max_length=255, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN, editable=False
    )
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    reply = models.TextField("答复", blank=True, editable=False)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "公众意见与投诉"
        verbose_name_plural = "公众意见与投诉"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["agency", "status"], name="portal_feedback_agency_status")]

    def __str__(self) -> str:
        return self.number
