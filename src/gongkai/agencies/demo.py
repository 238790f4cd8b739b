"""Demo agencies and people: the agency of the sample report and its government.

Idempotent: existing agencies and accounts (by code and username) are left as they are.
"""

from __future__ import annotations

from .models import Agency, AgencyKind, Person
from .roles import Role
from .services import create_agency, create_person

DEMO_PASSWORD = "gongkai-demo"

AGENCIES = [
    dict(
        code="jingkai",
        name="经开区管委会",
        short_name="经开区",
        credit_code="11340100MB0000001X",
        kind=AgencyKind.GOVERNMENT,
        parent=None,
        disclosure_office="经开区管委会党政办公室（政务公开办）",
        office_address="经开区锦绣大道 1 号行政中心 A 座 301 室",
        office_hours="工作日 上午 8:30—12:00，下午 14:30—17:30",
        office_phone="0551-63800001",
    ),
    dict(
        code="jingkai-rsj",
        name="经开区人力资源和社会保障局",
        short_name="经开区人社局",
        credit_code="11340100MB00000021",
        kind=AgencyKind.DEPARTMENT,
        parent="jingkai",
        disclosure_office="经开区人力资源和社会保障局办公室",
        office_address="经开区锦绣大道 1 号行政中心 B 座 210 室",
        office_hours="工作日 上午 8:30—12:00，下午 14:30—17:30",
        office_phone="0551-63800210",
    ),
    dict(
        code="jingkai-zjj",
        name="经开区住房和城乡建设局",
        short_name="经开区住建局",
        credit_code="11340100MB00000034",
        kind=AgencyKind.DEPARTMENT,
        parent="jingkai",
        disclosure_office="经开区住房和城乡建设局综合科",
        office_address="经开区锦绣大道 1 号行政中心 C 座 105 室",
        office_hours="工作日 上午 8:30—12:00，下午 14:30—17:30",
        office_phone="0551-63800105",
    ),
]

# username, agency, name, position, roles
PEOPLE = [
    ("admin", "jingkai", "系统管理员", "信息中心", [Role.SYSTEM_ADMIN]),
    ("gkb", "jingkai", "周敏", "政务公开办主任", [Role.SUPERVISING_OFFICE, Role.DISCLOSURE_OFFICE]),
    ("rsj-yewu", "jingkai-rsj", "李娜", "就业促进科科员", [Role.STAFF]),
    ("rsj-kezhang", "jingkai-rsj", "王强", "就业促进科科长", [Role.SECTION_HEAD]),
    ("rsj-fenguan", "jingkai-rsj", "陈静", "副局长", [Role.DIVISION_LEADER]),
    ("rsj-juzhang", "jingkai-rsj", "刘洋", "局长", [Role.PRINCIPAL_LEADER]),
    ("rsj-baomi", "jingkai-rsj", "赵磊", "保密审查员", [Role.CONFIDENTIALITY_REVIEWER]),
    ("rsj-gkb", "jingkai-rsj", "孙悦", "办公室主任", [Role.DISCLOSURE_OFFICE]),
    ("zjj-gkb", "jingkai-zjj", "吴凡", "综合科科长", [Role.DISCLOSURE_OFFICE]),
    # 住建局 has its whole sign-off chain too, so that it can publish
    ("zjj-yewu", "jingkai-zjj", "何佳", "综合科科员", [Role.STAFF]),
    ("zjj-kezhang", "jingkai-zjj", "郑凯", "综合科副科长", [Role.SECTION_HEAD]),
    ("zjj-baomi", "jingkai-zjj", "林涛", "保密审查员", [Role.CONFIDENTIALITY_REVIEWER]),
    ("zjj-juzhang", "jingkai-zjj", "黄磊", "局长", [Role.PRINCIPAL_LEADER]),
]


def load() -> list[tuple[str, str, str]]:
    """Create what is missing; return (username, password, description) of every demo account."""
    for spec in AGENCIES:
        if not Agency.objects.filter(code=spec["code"]).exists():
            fields = dict(spec)
            fields["parent"] = Agency.objects.get(code=fields["parent"]) if fields["parent"] else None
            create_agency(**fields)
    accounts = []
    for username, agency_code, name, position, roles in PEOPLE:
        agency = Agency.objects.get(code=agency_code)
        if not Person.objects.filter(user__username=username).exists():
            create_person(
                agency=agency,
                username=username,
                name=name,
                position=position,
                roles=roles,
                password=DEMO_PASSWORD,
            )
        accounts.append(
            (username, DEMO_PASSWORD, f"{agency.short_name} {name}：{'、'.join(r.label for r in roles)}")
        )
    return accounts
