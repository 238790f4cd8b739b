"""Roles and named permissions.

A person holds one or more roles in their agency. Each named permission lists the roles that
hold it; `scoping` decides *where* (which agencies) a role's permissions reach. Permissions are
checked on the server in views, the API and service functions — never only hidden in templates.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    STAFF = "staff", "业务人员"
    SECTION_HEAD = "section_head", "科室负责人"
    DIVISION_LEADER = "division_leader", "分管领导"
    PRINCIPAL_LEADER = "principal_leader", "主要领导"
    CONFIDENTIALITY_REVIEWER = "confidentiality_reviewer", "保密审查员"
    DISCLOSURE_OFFICE = "disclosure_office", "公开办"
    SUPERVISING_OFFICE = "supervising_office", "主管部门"
    SYSTEM_ADMIN = "system_admin", "系统管理员"


ALL_STAFF = frozenset(Role)
LEADERS = frozenset({Role.SECTION_HEAD, Role.DIVISION_LEADER, Role.PRINCIPAL_LEADER})


class Perm(models.TextChoices):
    """Named permissions, granted to roles by `GRANTS`."""

    VIEW_AGENCY = "agency.view", "查看机关信息"
    MANAGE_AGENCY = "agency.manage", "维护机关信息与人员"
    VIEW_PEOPLE = "people.view", "查看人员与角色"
    GRANT_ROLES = "people.grant", "调整人员角色"
    VIEW_HISTORY = "history.view", "查看变更记录"
    AUDIT_REPORTS = "reports.audit", "检查年度报告"
    SUPERVISE = "reports.supervise", "监督下级机关"
    MANAGE_CALENDAR = "calendar.manage", "维护工作日历"
    VIEW_APPLICATIONS = "applications.view", "查看依申请公开案件（个人信息遮蔽）"
    HANDLE_APPLICATIONS = "applications.handle", "办理依申请公开案件"
    VIEW_PERSONAL_DATA = "applications.personal_data", "查看申请人个人信息"
    WORK_ASSIGNED = "applications.assigned", "办理分派给本人的依申请公开案件（承办人）"
    CHECK_LETTERS = "applications.check_letters", "审核答复告知书（科室负责人）"
    ISSUE_LETTERS = "applications.issue_letters", "签发答复告知书（分管领导、主要领导）"
    VIEW_POWERS = "powers.view", "查看权责事项与统计"
    EDIT_POWERS = "powers.edit", "维护权责事项、处理决定与收费采购数据"
    EDIT_APPEALS = "appeals.edit", "登记行政复议、行政诉讼案件"
    VIEW_PUBLISHING = "publishing.view", "查看主动公开信息"
    COLLECT_INFORMATION = "publishing.collect", "采集、编辑主动公开信息"
    CHECK_INFORMATION = "publishing.check", "复核（科室负责人、分管领导）"
    REVIEW_CONFIDENTIALITY = "publishing.confidentiality", "保密审查"
    APPROVE_INFORMATION = "publishing.approve", "审核（主要领导）"
    MANAGE_PUBLISHING = "publishing.manage", "维护公开指南、目录与不予公开信息登记"
    UPLOAD_FILES = "files.upload", "上传、选用本机关文件库的文档和图片"
    HANDLE_FEEDBACK = "feedback.handle", "处理公众意见与投诉"
    VIEW_REPORTS = "reports.view", "查看年度报告"
    EDIT_REPORTS = "reports.edit", "编写年度报告"
    VIEW_WORK_RECORDS = "workrecords.view", "查看政务公开工作记录（组织、制度、会议培训、检查整改）"
    EDIT_WORK_RECORDS = "workrecords.edit", "登记政务公开工作记录"
    CONFIRM_RECTIFICATION = "workrecords.confirm", "确认自查问题整改（督导小组组长）"
    INSPECT = "workrecords.inspect", "督导检查下级机关并确认其整改"
    EVALUATE = "workrecords.evaluate", "组织政务公开考核：考核方案、计算和人工评分、排名"


GRANTS: dict[Perm, frozenset[Role]] = {
    Perm.VIEW_AGENCY: ALL_STAFF,
    Perm.MANAGE_AGENCY: frozenset({Role.DISCLOSURE_OFFICE, Role.SYSTEM_ADMIN}),
    Perm.VIEW_PEOPLE: frozenset(
        {Role.DISCLOSURE_OFFICE, Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN} | LEADERS
    ),
    # Which roles each holder may grant is `agencies.grants.GRANTABLE`.
    Perm.GRANT_ROLES: frozenset({Role.DISCLOSURE_OFFICE, Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN}),
    Perm.VIEW_HISTORY: frozenset(
        {Role.DISCLOSURE_OFFICE, Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN} | LEADERS
    ),
    Perm.AUDIT_REPORTS: frozenset({Role.DISCLOSURE_OFFICE, Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN}),
    Perm.SUPERVISE: frozenset({Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN}),
    Perm.MANAGE_CALENDAR: frozenset({Role.SYSTEM_ADMIN}),
    Perm.VIEW_APPLICATIONS: frozenset(
        {Role.DISCLOSURE_OFFICE, Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN} | LEADERS
    ),
    Perm.HANDLE_APPLICATIONS: frozenset({Role.DISCLOSURE_OFFICE}),
    # Only the office that handles the application sees who applied (DESIGN.md, "Personal data").
    Perm.VIEW_PERSONAL_DATA: frozenset({Role.DISCLOSURE_OFFICE}),
    # A 承办人 sees and works only the cases assigned to them (`applications.assignment.cases_for`), with the
    # applicant's personal data masked: 业务人员 do not hold VIEW_PERSONAL_DATA.
    Perm.WORK_ASSIGNED: frozenset({Role.STAFF}),
    # The reply letter's chain: 拟办 (承办人 or office) → 审核 (科室负责人) → 签发 (分管领导 or 主要领导).
    Perm.CHECK_LETTERS: frozenset({Role.SECTION_HEAD}),
    Perm.ISSUE_LETTERS: frozenset({Role.DIVISION_LEADER, Role.PRINCIPAL_LEADER}),
    Perm.VIEW_POWERS: ALL_STAFF,
    Perm.EDIT_POWERS: frozenset({Role.STAFF, Role.SECTION_HEAD, Role.DISCLOSURE_OFFICE, Role.SYSTEM_ADMIN}),
    Perm.EDIT_APPEALS: frozenset({Role.DISCLOSURE_OFFICE, Role.SYSTEM_ADMIN}),
    Perm.VIEW_PUBLISHING: ALL_STAFF,
    Perm.COLLECT_INFORMATION: frozenset({Role.STAFF, Role.SECTION_HEAD, Role.DISCLOSURE_OFFICE}),
    Perm.CHECK_INFORMATION: frozenset({Role.SECTION_HEAD, Role.DIVISION_LEADER}),
    Perm.REVIEW_CONFIDENTIALITY: frozenset({Role.CONFIDENTIALITY_REVIEWER}),
    Perm.APPROVE_INFORMATION: frozenset({Role.PRINCIPAL_LEADER}),
    Perm.MANAGE_PUBLISHING: frozenset({Role.DISCLOSURE_OFFICE, Role.SYSTEM_ADMIN}),
    # Those who collect items or take a step of their sign-off chain (in whose editor they may attach files).
    Perm.UPLOAD_FILES: frozenset(
        {Role.STAFF, Role.CONFIDENTIALITY_REVIEWER, Role.DISCLOSURE_OFFICE, Role.SYSTEM_ADMIN} | LEADERS
    ),
    Perm.HANDLE_FEEDBACK: frozenset({Role.DISCLOSURE_OFFICE}),
    Perm.VIEW_REPORTS: frozenset(
        {Role.DISCLOSURE_OFFICE, Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN, Role.CONFIDENTIALITY_REVIEWER}
        | LEADERS
    ),
    Perm.EDIT_REPORTS: frozenset({Role.DISCLOSURE_OFFICE}),
    Perm.VIEW_WORK_RECORDS: ALL_STAFF,
    Perm.EDIT_WORK_RECORDS: frozenset({Role.DISCLOSURE_OFFICE, Role.SYSTEM_ADMIN}),
    # the leaders of the agency; the service also requires the person to lead its 督导小组 on that day
    Perm.CONFIRM_RECTIFICATION: LEADERS,
    Perm.INSPECT: frozenset({Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN}),
    # the same holders as INSPECT today; its own permission, so that evaluating can be granted apart from
    # inspecting (e.g. to an evaluation group) without touching the checks
    Perm.EVALUATE: frozenset({Role.SUPERVISING_OFFICE, Role.SYSTEM_ADMIN}),
}


def roles_with(perm: Perm) -> frozenset[Role]:
    return GRANTS[perm]


class SignoffStep(models.TextChoices):
    """The sign-off chain (复核 → 保密审查 → 审核) that proactive items and annual reports go through, in order."""

    CHECK = "check", "复核"
    CONFIDENTIALITY = "confidentiality", "保密审查"
    APPROVE = "approve", "审核"


SIGNOFF_CHAIN: tuple[tuple[SignoffStep, Perm], ...] = (
    (SignoffStep.CHECK, Perm.CHECK_INFORMATION),
    (SignoffStep.CONFIDENTIALITY, Perm.REVIEW_CONFIDENTIALITY),
    (SignoffStep.APPROVE, Perm.APPROVE_INFORMATION),
)
"""Each step of the sign-off chain with the permission that takes it (a person takes at most one step per object)."""
