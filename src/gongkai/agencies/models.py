"""Agencies form a tree; people belong to one agency with one or more roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from gongkai.core.identifiers import uscc_error

from .roles import Role


def validate_credit_code(value: str) -> None:
    error = uscc_error(value)
    if error:
        raise ValidationError(error)


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府（含管委会）"
    DEPARTMENT = "department", "政府部门"
    OTHER = "other", "其他机关或单位"


class Agency(models.Model):
    """A 机关: a government, one of its departments, or a subordinate unit.

    `path` is the materialised path of agency codes from the root (``/jingkai/jingkai-rsj/``), so
    a subtree is one indexed prefix query. Codes are stable identifiers used by the CLI, the API
    and URLs; they are fixed when the agency is created.
    """

    code = models.SlugField(
        "代码", max_length=64, unique=True, help_text="稳定标识，用于网址、接口与命令行，创建后不可更改"
    )
    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=60, blank=True)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    kind = models.CharField("类型", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=1000, db_index=True, editable=False)
    disclosure_office = models.CharField("政府信息公开工作机构", max_length=200, blank=True)
    office_address = models.CharField("办公地址", max_length=300, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField(
        "联系电话",
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^[0-9+\-() ]*$", "电话号码只能包含数字和 +-()")],
    )
    office_email = models.EmailField("电子邮箱", blank=True)
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name="文件库",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="agency",
        help_text="本机关工作人员上传、选用的文档和图片（Wagtail 文件库）",
    )

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def compute_path(self) -> str:
        return f"{self.parent.path if self.parent else '/'}{self.code}/"

    def clean(self) -> None:
        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": "上级机关不能是本机关或其下级机关"})

    def government(self) -> Agency | None:
        """The nearest government at or above this agency."""
        node: Agency | None = self
        while node is not None and node.kind != AgencyKind.GOVERNMENT:
            node = node.parent
        return node


class Person(models.Model):
    """A member of staff: a login account attached to one agency."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person")
    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", on_delete=models.PROTECT, related_name="people"
    )
    name = models.CharField("姓名", max_length=60)
    position = models.CharField("职务", max_length=60, blank=True)

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["agency__path", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.agency.short_name or self.agency.name}）"

    @property
    def roles(self) -> frozenset[Role]:
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = frozenset(Role(r) for r in self.role_assignments.values_list("role", flat=True))
            self._roles_cache = cached
        return cached


class RoleAssignment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=40, choices=Role.choices)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="unique_role_per_person")]

    def __str__(self) -> str:
        return self.get_role_display()
