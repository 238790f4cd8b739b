"""一事一申请: splitting an application with several matters into parts, each a case of its own.

The first matter stays with the application; every further matter becomes a new application of the same
applicant, channel and receipt date, with the steps of the original so far (so its clock is the original's),
and a number of its own — the next one of the agency's series in the year of the split, not a suffix such as
`…0001号-1`. Numbers are unique per agency and year by their sequence (`Application.seq`) and gapless; a
derived number would need a sequence outside the series, would not fit every configurable pattern, and the
progress lookup matches whole numbers. The link is kept both ways (`Split`), shown on both case pages and
written in both cases' history.

Each part is decided on its own and counted by table 三 like any application: once in 本年新收 of its receipt
year, once in the result row of its first result (see `figures`). The fee by count (按件) counts parts too.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import throttle
from gongkai.agencies import history
from gongkai.core.errors import Refused

from . import lifecycle, numbering, services
from .choices import APPLICANT_FIELDS, Status
from .models import Application, ApplicationEvent, Split

log = logging.getLogger(__name__)

MAX_PARTS = 20
# What a part takes over from the original application: the applicant and how the information is wanted.
_COPIED = ("agency", *APPLICANT_FIELDS, "purpose", "form", "obtaining", "channel")


def matters_from_text(text: str) -> list[str]:
    """One matter per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split(app: Application, *, on: date, matters: list[str], by=None) -> list[tuple[Application, str]]:
    """Split `app` into len(matters) applications; the first matter stays with it.

    Returns the new parts with their query codes (shown once, for the applicant). Raises `Refused`.
    """
    matters = [m.strip()[:300] for m in matters if m.strip()]
    if len(matters) < 2:
        raise Refused("请至少列出两项事项（每行一项，第一行留在本申请）")
    if len(matters) > MAX_PARTS:
        raise Refused(f"一次最多拆分为 {MAX_PARTS} 件")
    if on > timezone.localdate():
        raise Refused(f"日期 {on} 晚于今天")
    parts: list[tuple[Application, str]] = []
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=app.pk)
        if app.status != Status.PROCESSING:
            raise Refused(
                f"当前状态为“{app.get_status_display()}”：只有已收到、尚未决定且不在补正、征求意见或缴费中的申请可以拆分"
            )
        events = list(app.events.all())
        if on < events[-1].on:
            raise Refused(f"日期 {on} 早于上一步骤（{events[-1].get_kind_display()}，{events[-1].on}）")
        before = app.info_name
        for matter in matters[1:]:
            parts.append(_part(app, events, matter, on, by))
        app.info_name = matters[0]
        app.save(update_fields=["info_name", "updated_at"])
        numbers = "、".join(part.number for part, _ in parts)
        history.record(
            app,
            "wagtail.edit",
            by,
            changes={"所需信息名称": (before, matters[0])},
            note=f"{on} 一事一申请：拆分为 {len(matters)} 件，另立 {numbers}",
        )
    log.info("application %s split into %d parts", app.pk, len(matters))
    return parts


def _part(
    parent: Application, events: list[ApplicationEvent], matter: str, on: date, by
) -> tuple[Application, str]:
    seq = numbering.next_seq(parent.agency, on.year)
    code, hashed = throttle.new_query_code()
    part = Application(
        **{name: getattr(parent, name) for name in _COPIED},
        year=on.year,
        seq=seq,
        number=numbering.format_number(parent.agency, on.year, seq),
        query_code_hash=hashed,
        info_name=matter,
    )
    copies = [ApplicationEvent(kind=e.kind, on=e.on, person=e.person, data=e.data) for e in events]
    services._refresh(part, [lifecycle.StoredEvent(e.kind, e.on, e.data) for e in copies])
    part.save()
    for event in copies:
        event.application = part
    ApplicationEvent.objects.bulk_create(copies)
    Split.objects.create(parent=parent, part=part, on=on, person=by)
    history.record(
        part,
        "wagtail.create",
        by,
        changes={
            "申请编号": (None, part.number),
            "原申请": (None, parent.number),
            "所需信息名称": (None, matter),
        },
        note=f"{on} 一事一申请：由 {parent.number} 拆分，收到申请之日与原申请相同（{parent.received_on}）",
    )
    return part, code
