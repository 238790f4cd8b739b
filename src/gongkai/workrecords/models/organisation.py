"""How the agency organises its disclosure work: its groups (督导小组, 工作小组 …), their duties and members, each
with dates, so that who was responsible in any past year can be answered (`groups_in`)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency, Person


class GroupKind(models.TextChoices):
    SUPERVISION = "supervision", "督导小组"
    WORK = "work", "工作小组"
    LEADING = "leading", "领导小组"
    OTHER = "other", "其他"


class MemberRole(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"


def _check_dates(start: date | None, end: date | None, field: str) -> None:
    if start and end and end < start:
        raise ValidationError({field: "结束日期不能早于开始日期"})


def active_in(year: int, start: str, end: str) -> Q:
    """Records whose [start, end] period touches ``year`` (no end: still running)."""
    return Q(**{f"{start}__lte": date(year, 12, 31)}) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": date(year, 1, 1)})
    )


class WorkGroup(models.Model):
    """A group of the agency that carries disclosure work, with its duties, from its founding to its end."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="work_groups"
    )
    kind = models.CharField("类型", max_length=20, choices=GroupKind.choices)
    name = models.CharField("名称", max_length=100, help_text="如：政务公开工作督导小组")
    duties = models.TextField("职责", max_length=2000)
    formed_on = models.DateField("成立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    basis = models.CharField("成立依据（文号）", max_length=100, blank=True)

    class Meta:
        verbose_name = "工作小组"
        verbose_name_plural = "工作小组"
        ordering = ["kind", "formed_on", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        _check_dates(self.formed_on, self.dissolved_on, "dissolved_on")


class GroupMember(models.Model):
    """One membership of a group: a person of the platform, or a named outsider, for a period."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        WorkGroup, verbose_name="小组", on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person,
        verbose_name="平台人员",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    name = models.CharField("姓名（非平台人员）", max_length=60, blank=True)
    position = models.CharField("职务", max_length=60, blank=True)
    role = models.CharField("组内职务", max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    duties = models.CharField("分工", max_length=300, blank=True)
    from_on = models.DateField("起始日期")
    until_on = models.DateField("截止日期", null=True, blank=True)

    class Meta:
        verbose_name = "小组成员"
        verbose_name_plural = "小组成员"
        ordering = ["group", "role", "from_on", "pk"]

    def __str__(self) -> str:
        return f"{self.display_name}（{self.get_role_display()}）"

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name

    def clean(self) -> None:
        if bool(self.person_id) == bool(self.name.strip()):
            raise ValidationError({"name": "请选择平台人员，或填写非平台人员的姓名（二选一）"})
        if self.person_id and self.person.agency_id != self.agency_id:
            raise ValidationError({"person": "只能选择本机关的人员"})
        if self.group_id and self.group.agency_id != self.agency_id:
            raise ValidationError({"group": "只能加入本机关的小组"})
        _check_dates(self.from_on, self.until_on, "until_on")

    def serves_on(self, day: date) -> bool:
        return self.from_on <= day and (self.until_on is None or self.until_on >= day)


def groups_in(agency: Agency, year: int) -> list[tuple[WorkGroup, list[GroupMember]]]:
    """The agency's groups that existed in ``year``, each with the members who served in it that year."""
    groups = WorkGroup.objects.filter(active_in(year, "formed_on", "dissolved_on"), agency=agency)
    members = (
        GroupMember.objects.filter(active_in(year, "from_on", "until_on"), group__in=groups)
        .select_related("person")
        .order_by("role", "from_on", "pk")
    )
    by_group: dict[int, list[GroupMember]] = {}
    for member in members:
        by_group.setdefault(member.group_id, []).append(member)
    order = {role: i for i, role in enumerate(MemberRole.values)}
    return [
        (group, sorted(by_group.get(group.pk, []), key=lambda m: (order[m.role], m.from_on, m.pk)))
        for group in groups
    ]
