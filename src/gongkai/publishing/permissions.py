"""Who may do what to the pages of an agency's 政府信息公开 column, decided by the agency scoping.

Wagtail grants page permissions to groups over subtrees; our people hold roles in agencies (scoping.py). For
the column and its items the page permissions are therefore derived from the roles, for the page's agency
only, and group page permissions are ignored:

- 采集 (Perm.COLLECT_INFORMATION): add items to the column and edit them;
- 维护 (Perm.MANAGE_PUBLISHING): also edit the column page itself and lock/unlock;
- nobody but a system administrator holds ``publish``: items go live only when the sign-off chain finishes.

Those who take a step of the chain reach the editor through it (workflow.py, models/signoff.py), not through these permissions.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

from gongkai.agencies import scoping
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Perm

ITEM_ACTIONS: dict[Perm, frozenset[str]] = {
    Perm.COLLECT_INFORMATION: frozenset({"add", "change"}),
    Perm.MANAGE_PUBLISHING: frozenset({"add", "change", "lock", "unlock"}),
}
SECTION_ACTIONS: dict[Perm, frozenset[str]] = {
    Perm.COLLECT_INFORMATION: frozenset({"add"}),
    Perm.MANAGE_PUBLISHING: frozenset({"add", "change", "lock", "unlock"}),
}


def page_actions(user, agency_id: int | None, grants: dict[Perm, frozenset[str]]) -> set[str]:
    """The Wagtail page actions ('add', 'change', …) ``user`` holds on pages of agency ``agency_id``."""
    if agency_id is None or not getattr(user, "is_active", False):
        return set()
    agency = Agency(pk=agency_id)
    return set().union(*(acts for perm, acts in grants.items() if scoping.can(user, perm, agency)))


class ScopedPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page, agency_id: int | None, *, section: bool = False):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            self.permissions = page_actions(user, agency_id, SECTION_ACTIONS if section else ITEM_ACTIONS)
