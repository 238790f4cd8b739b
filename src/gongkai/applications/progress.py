"""Looking up an application's progress with its number and query code, for the API and the portal alike.

Wrong query codes are throttled per client and per number (`gongkai.throttle.lookup`): past
`settings.GONGKAI_LOOKUP_FAILURE_LIMIT` failures within `settings.GONGKAI_LOOKUP_WINDOW_SECONDS`, lookups are
refused for the rest of the window, whoever asks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from gongkai import throttle
from gongkai.core.letters.model import LetterKind

from .choices import OPEN_STATUSES, EventKind, Status
from .models import Application

K = EventKind
# The steps an applicant is shown (by label and date only: never the staff's notes, nor whom was consulted).
PUBLIC_STEPS = {
    K.SUBMITTED: "提交申请",
    K.RECEIVED: "机关确认收到申请",
    K.CORRECTION_REQUESTED: "告知补正",
    K.CORRECTION_RECEIVED: "收到补正材料",
    K.ABANDONED: "逾期未补正，视为放弃申请",
    K.CONSULTATION_SENT: "征求意见（期间不计入答复期限）",
    K.CONSULTATION_ANSWERED: "收到意见",
    K.EXTENDED: "延期答复",
    K.FEE_NOTICE: "发出收费通知",
    K.FEE_PAID: "缴纳信息处理费",
    K.FEE_UNPAID: "逾期未缴费，视为放弃申请",
    K.REASONABLE_PERIOD: "确定合理答复期限",
    K.REPLIED: "作出答复",
    K.DELIVERED: "送达答复",
    K.CLOSED: "办结",
    K.WITHDRAWN: "撤回申请",
    K.REOPENED: "依复议决定或判决重新办理",
}
TO_APPLICANT = {
    LetterKind.REPLY,
    LetterKind.CORRECTION,
    LetterKind.EXTENSION,
    LetterKind.FEE,
    LetterKind.PERIOD,
    LetterKind.SPLIT,
    LetterKind.REFERRAL,
}
_OPENING, _CLOSING = "[(（［【〔", "])）］】〕"
_BRACKETS = ("〔〕", "[]", "()", "（）", "［］", "【】")


def number_variants(text: str) -> list[str]:
    """The numbers an applicant may mean by `text` as typed: full-width digits and letters folded (NFKC),
    spaces dropped, any kind of bracket around the year (`[2026]`, `（2026）`, `【2026】`) for any other."""
    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    table = str.maketrans(_OPENING, "\x01" * len(_OPENING))
    table.update(str.maketrans(_CLOSING, "\x02" * len(_CLOSING)))
    marked = plain.translate(table)
    out = [marked.replace("\x01", pair[0]).replace("\x02", pair[1]) for pair in _BRACKETS]
    return list(dict.fromkeys([*out, plain]))


@dataclass(frozen=True)
class Progress:
    """What the applicant sees of a case."""

    app: Application
    status_label: str
    finished: bool
    steps: list[tuple[date, str]]
    outcome: str
    replied_on: date | None
    due: date | None
    provisional: bool
    letters: list[tuple[str, date]]


def progress_of(app: Application) -> Progress:
    """The applicant's view: steps with dates, the outcome, the reply date, the letters meant for them; a
    delivered case is 已办结 with no deadline."""
    events = list(app.events.order_by("on", "pk"))
    finished = app.status in (Status.DELIVERED, Status.CLOSED)
    replied = [e.on for e in events if e.kind == K.REPLIED]
    letters = [
        (LetterKind(letter.kind).label, letter.on)
        for letter in app.letters.order_by("on", "pk")
        if letter.kind in TO_APPLICANT
    ]
    running = app.status in OPEN_STATUSES
    return Progress(
        app=app,
        status_label=Status.CLOSED.label if finished else app.get_status_display(),
        finished=finished,
        steps=[(e.on, PUBLIC_STEPS[e.kind]) for e in events if e.kind in PUBLIC_STEPS],
        outcome=app.outcome_label,
        replied_on=replied[-1] if replied and app.outcome else None,
        due=app.due if running else None,
        provisional=app.due_provisional if running else False,
        letters=letters,
    )


def refused_message() -> str:
    return f"查询码错误次数过多，请 {max(1, settings.GONGKAI_LOOKUP_WINDOW_SECONDS // 60)} 分钟后再试。"


def lookup(number: str, query_code: str, client_address: str) -> Application | None:
    """The application with this number and query code, or None (counted as a failure); raises
    `throttle.Throttled` past the limit."""
    variants = number_variants(number)
    return throttle.lookup(
        "applications",
        variants[0],
        query_code,
        client_address,
        lambda n: Application.objects.filter(number__in=variants),
        limit=settings.GONGKAI_LOOKUP_FAILURE_LIMIT,
        window=settings.GONGKAI_LOOKUP_WINDOW_SECONDS,
        refused=refused_message(),
    )


def find(number: str, query_code: str, client_address: str) -> Progress | None:
    """`lookup`, then what the applicant sees of the case."""
    app = lookup(number, query_code, client_address)
    return progress_of(app) if app else None
