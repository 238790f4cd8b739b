"""Who may grant which role, where (DESIGN.md: roles are granted downward; nobody changes their own roles).

A role can be granted or taken away only by someone who could hold it over that agency themselves:

- 系统管理员 grants every role, and is the only one who grants 系统管理员 (it makes a Django superuser);
- 主管部门 grants 主管部门 in the agencies it supervises (its government's tree), nothing else;
- 公开办 grants the working roles of its own agency (业务人员 … 公开办), never 主管部门 or 系统管理员.

Where the granter reaches is `Perm.GRANT_ROLES` through `scoping`; what each granter role may hand out is
`GRANTABLE`. The service functions enforce it; the forms only offer what would pass.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Agency, Person
from .roles import Perm, Role
from .scoping import roles_reaching

GRANTABLE: dict[Role, frozenset[Role]] = {
    Role.SYSTEM_ADMIN: frozenset(Role),
    Role.SUPERVISING_OFFICE: frozenset({Role.SUPERVISING_OFFICE}),
    Role.DISCLOSURE_OFFICE: frozenset(Role) - {Role.SYSTEM_ADMIN, Role.SUPERVISING_OFFICE},
}


def grantable_roles(user, agency: Agency, person: Person | None = None) -> frozenset[Role]:
    """The roles `user` may grant or take away for `person` (or a new person) of `agency`."""
    if person is not None and person.user_id == user.pk:
        return frozenset()
    granted: frozenset[Role] = frozenset()
    for role in roles_reaching(user, Perm.GRANT_ROLES, agency):
        granted |= GRANTABLE.get(role, frozenset())
    return granted


def check_grant(user, agency: Agency, before: frozenset[Role], after: frozenset[Role], person=None) -> None:
    """Refuse a change of roles that `user` may not make (PermissionDenied with the reason in Chinese)."""
    if person is not None and person.user_id == user.pk:
        raise PermissionDenied("不能调整本人的角色，请由其他有权限的人员办理")
    refused = (before ^ after) - grantable_roles(user, agency, person)
    if refused:
        names = "、".join(sorted(r.label for r in refused))
        raise PermissionDenied(f"无权授予或取消以下角色：{names}")
