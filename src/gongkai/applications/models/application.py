"""Applications (依申请公开), their events, and the per-agency numbering.

The legal receipt date `received_on` is kept apart from the technical timestamps (`created_at`). `status`,
`outcome`, `decided_on`, `counted_outcome`, `counted_on`, `due` and `due_provisional` are caches of what
replaying the events gives; only `services` writes them. `outcome` is the current result (cleared when a
review or a court re-opens the case); `counted_outcome` is the first result, the one table 三 counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.masking import masked
from gongkai.agencies.models import Agency, Person
from gongkai.agencies.numbering import YearCounter

from ..choices import (
    OUTCOMES,
    PERSONAL_FIELDS,
    ApplicantType,
    Channel,
    EventKind,
    IdType,
    InfoForm,
    Obtaining,
    Status,
)

DEFAULT_NUMBER_PATTERN = "{prefix}依申〔{year}〕{seq:04d}号"


class ApplicationSettings(models.Model):
    """An agency's choices for its applications: the number pattern (`{prefix}`, `{year}`, `{seq}`) and how an
    applicant pays a processing fee (非税收入缴款, stated in the fee notice)."""

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="application_settings", verbose_name="机关"
    )
    number_prefix = models.CharField("编号前缀", max_length=40, blank=True, help_text="如：经开人社")
    number_pattern = models.CharField(
        "编号格式",
        max_length=80,
        default=DEFAULT_NUMBER_PATTERN,
        help_text="可用 {prefix}、{year}、{seq:04d}",
    )
    fee_payment = models.TextField(
        "信息处理费缴纳方式",
        blank=True,
        max_length=1000,
        help_text="写入收费通知：非税收入缴款渠道、缴款账户或缴款码的取得方式、咨询电话等",
    )

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开设置"

    def __str__(self) -> str:
        return f"{self.agency} 依申请公开设置"


class NumberCounter(YearCounter):
    """The last application number given in an agency's year (`YearCounter.next_seqs`)."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="applications_counter_unique")]


class Application(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="applications", verbose_name="机关"
    )
    number = models.CharField("申请编号", max_length=80, db_index=True)
    year = models.PositiveIntegerField("编号年度")
    seq = models.PositiveIntegerField("年度序号")
    query_code_hash = models.CharField("查询码（散列）", max_length=200, editable=False)

    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    name = models.CharField("申请人姓名或名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=100, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    address = models.CharField("通信地址", max_length=300, blank=True)
    email = models.EmailField("电子邮箱", blank=True)

    info_name = models.CharField("所需信息名称", max_length=300, blank=True)
    info_document_number = models.CharField("文号", max_length=100, blank=True)
    info_description = models.TextField("所需信息的特征描述", blank=True)
    purpose = models.TextField("用途", blank=True)
    form = models.CharField("信息形式", max_length=20, choices=InfoForm.choices)
    obtaining = models.CharField("获取方式", max_length=20, choices=Obtaining.choices)
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)

    received_on = models.DateField("收到申请之日", null=True, blank=True, db_index=True)
    status = models.CharField("办理状态", max_length=30, choices=Status.choices, editable=False)
    outcome = models.CharField("办理结果", max_length=60, blank=True, editable=False)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True, editable=False)
    decided_on = models.DateField("办理结果日期", null=True, blank=True, editable=False, db_index=True)
    counted_outcome = models.CharField("表三计入的办理结果", max_length=60, blank=True, editable=False)
    counted_on = models.DateField("表三计入日期", null=True, blank=True, editable=False, db_index=True)
    due = models.DateField("答复期限", null=True, blank=True, editable=False)
    due_provisional = models.BooleanField("答复期限为暂定", default=False, editable=False)
    handler = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="assigned_applications",
        verbose_name="承办人",
        help_text="分派办理本案的业务人员；只由 assignment.assign 设置",
    )

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-year", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="applications_number_unique"),
        ]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["agency", "received_on"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    def personal_data(self, visible: bool) -> dict[str, str]:
        """The applicant's personal fields, masked unless `visible` (an organisation's name is not personal)."""
        values = {name: getattr(self, name) for name in PERSONAL_FIELDS}
        return masked(values, visible, keep=("name",) if self.is_organisation else ())

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome, "")

    @property
    def counted_outcome_label(self) -> str:
        return OUTCOMES.get(self.counted_outcome, "")


class ApplicationEvent(models.Model):
    """One step of a case: its kind, its legal date, who did it, and its facts (`data`)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    on = models.DateField("日期")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="经办人"
    )
    data = models.JSONField("内容", default=dict, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理记录"
        ordering = ["on", "pk"]
        # the year's fee notices, payments and unpaid fees of many agencies (reports.facts): a few events among
        # a province's millions
        indexes = [models.Index(fields=["kind", "on"], name="applications_event_kind_on")]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"
