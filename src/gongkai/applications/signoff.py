"""Leaders sign what goes out: a reply letter (答复告知书) runs 拟办 → 科室负责人审核 → 签发 before the reply is sent.

拟办 is generating the letter (its `created_by`: the 承办人 or the office). 审核 is a 科室负责人's
(Perm.CHECK_LETTERS), 签发 a 分管领导's or 主要领导's (Perm.ISSUE_LETTERS); each is a `LetterSignoff` — agreed, or
returned with an opinion. A returned letter is finished: the 承办人 generates the letter again, and the new one
runs the chain from its start. The desk's 答复 step (`reply`) is refused until the reply letter in force is
签发. As in the publication chain (`publishing.duties`), one person takes at most one part per letter, its 拟办
included, whatever roles they hold; a step someone cannot take says why (`refusal`) instead of being hidden.

The other letters (补正, 延期, 征求意见 …) go out under the office's own authority and skip the chain.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.db import transaction

from gongkai.agencies import history
from gongkai.agencies.roles import Perm, roles_with
from gongkai.agencies.scoping import can, has_any, scope
from gongkai.core.errors import Refused
from gongkai.core.letters.model import Letter as LetterValue
from gongkai.core.letters.model import LetterKind

from . import letters, services
from .choices import PERSONAL_FIELDS
from .models import Application, Letter, LetterSignoff, SignoffStep

log = logging.getLogger(__name__)

CHAIN: tuple[tuple[SignoffStep, Perm], ...] = (
    (SignoffStep.CHECK, Perm.CHECK_LETTERS),
    (SignoffStep.ISSUE, Perm.ISSUE_LETTERS),
)
_PERM = dict(CHAIN)


def needs_signoff(letter: Letter) -> bool:
    return letter.kind == LetterKind.REPLY


@dataclass(frozen=True)
class State:
    """Where a letter stands in its chain: the decisions taken, the next step (None when issued or returned)."""

    decisions: tuple[LetterSignoff, ...]
    next_step: SignoffStep | None
    returned: LetterSignoff | None
    issued: LetterSignoff | None

    @property
    def label(self) -> str:
        if self.returned:
            return f"已退回（{self.returned.get_step_display()}）"
        if self.issued:
            return "已签发"
        return f"待{self.next_step.label}" if self.next_step else "无需签发"


def state_of(letter: Letter) -> State:
    decisions = tuple(letter.signoffs.select_related("by").order_by("at", "pk"))
    if not needs_signoff(letter):
        return State(decisions, None, None, None)
    returned = next((d for d in decisions if not d.approved), None)
    approved = {d.step for d in decisions if d.approved}
    issued = next((d for d in decisions if d.approved and d.step == SignoffStep.ISSUE), None)
    pending = next((step for step, _ in CHAIN if step not in approved), None)
    return State(decisions, None if returned or issued else pending, returned, issued)


def _superseded(letter: Letter) -> bool:
    """A newer letter was generated for the same step: only the newest one can go out."""
    return Letter.objects.filter(event_id=letter.event_id, created_at__gt=letter.created_at).exists() or (
        Letter.objects.filter(
            event_id=letter.event_id, created_at=letter.created_at, pk__gt=letter.pk
        ).exists()
    )


def _roles_label(perm: Perm) -> str:
    return "或".join(role.label for role in sorted(roles_with(perm), key=lambda r: r.label))


def refusal(letter: Letter, user, step: SignoffStep) -> str | None:
    """Why `user` may not take `step` on `letter` now, or None if they may."""
    if not needs_signoff(letter):
        return "本类告知书无需审核签发"
    state = state_of(letter)
    if state.returned:
        return "本告知书已退回，请承办人修改后重新生成"
    if state.issued:
        return "本告知书已签发"
    if _superseded(letter):
        return "本告知书已被重新生成的告知书取代"
    if step != state.next_step:
        return f"请先完成“{state.next_step.label}”"
    perm, agency = _PERM[step], letter.application.agency
    if not can(user, perm, agency):
        later = [s for s, p in CHAIN[[s for s, _ in CHAIN].index(step) + 1 :] if can(user, p, agency)]
        if later:
            return f"请先完成“{step.label}”，再{later[0].label}"
        return f"“{step.label}”由本机关{_roles_label(perm)}办理"
    if user.pk is not None and user.pk == letter.created_by_id:
        return f"按职责分离要求，你是本告知书的拟办人，不能再办理“{step.label}”，请由本机关其他有权人员办理。"
    taken = next((d for d in state.decisions if d.by_id == user.pk), None)
    if taken:
        return (
            f"按职责分离要求，你已办理本告知书的“{taken.get_step_display()}”，不能再办理“{step.label}”，"
            "请由本机关其他有权人员办理。"
        )
    return None


def decide(letter: Letter, step: SignoffStep, *, approved: bool, opinion: str = "", by) -> LetterSignoff:
    """Agree to (`approved`) or return the letter at `step`; one transaction, one entry in the case's history."""
    opinion = opinion.strip()
    if not approved and not opinion:
        raise Refused("退回告知书的，请写明退回意见")
    if len(opinion) > 1000:
        raise Refused("意见不能超过 1000 字")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)
        reason = refusal(letter, by, step)
        if reason:
            raise Refused(reason)
        decision = LetterSignoff.objects.create(
            letter=letter, step=step, approved=approved, opinion=opinion, by=by
        )
        verdict = "同意" if approved else "退回"
        if step == SignoffStep.ISSUE and approved:
            verdict = "同意签发"
        note = f"{letter.get_kind_display()}（{letter.on}）{step.label}：{verdict}" + (
            f"，意见：{opinion}" if opinion else ""
        )
        history.record(letter.application, "wagtail.edit", by, note=note)
    log.info("letter %s: %s %s", letter.pk, step.value, "approved" if approved else "returned")
    return decision


def awaiting(user, limit: int = 100) -> list[tuple[Letter, State]]:
    """The reply letters waiting for a step `user` may take now (the leader's and section head's list)."""
    perms = (Perm.CHECK_LETTERS, Perm.ISSUE_LETTERS)
    if not has_any(user, perms):
        return []
    candidates = (
        scope(Letter.objects.filter(kind=LetterKind.REPLY), user, perms, field="application__agency")
        .exclude(signoffs__approved=False)
        .exclude(signoffs__step=SignoffStep.ISSUE)
        .select_related("application__agency", "created_by")
        .order_by("created_at", "pk")[:limit]
    )
    out = []
    for letter in candidates:
        state = state_of(letter)
        if state.next_step and refusal(letter, user, state.next_step) is None:
            out.append((letter, state))
    return out


def reply_letter(app: Application) -> Letter | None:
    """The newest reply letter of the case's step in force that a reply sends (None if none was generated)."""
    events = [e for e in letters.letter_events(app) if letters.letter_kind(e) is LetterKind.REPLY]
    if not events:
        return None
    return Letter.objects.filter(event=events[-1]).order_by("-created_at", "-pk").first()


def reply_refusal(app: Application) -> str | None:
    """Why the case cannot be replied to yet (its reply letter not 签发), or None."""
    letter = reply_letter(app)
    if letter is None:
        return "请先生成答复告知书，经科室负责人审核、领导签发后再答复"
    state = state_of(letter)
    if not state.issued:
        return f"答复告知书尚未签发（{state.label}），签发后才能答复"
    return None


def reply(app: Application, *, on, by=None) -> Application:
    """The desk's 答复: only with the reply letter 签发 (`services.reply` records it)."""
    reason = reply_refusal(app)
    if reason:
        raise Refused(reason)
    return services.reply(app, on=on, by=by)


def shown(value: LetterValue, app: Application, visible: bool) -> LetterValue:
    """A letter of `app` as a viewer may read it: the applicant's personal data masked unless `visible`."""
    if visible:
        return value
    masked = app.personal_data(False)
    originals = {getattr(app, f): masked[f] for f in PERSONAL_FIELDS if getattr(app, f)}
    pairs = sorted(((a, b) for a, b in originals.items() if a != b), key=lambda pair: -len(pair[0]))
    text = json.dumps(value.to_dict(), ensure_ascii=False)
    for original, hidden in pairs:
        text = text.replace(_inner(original), _inner(hidden))
    return LetterValue.from_dict(json.loads(text))


def _inner(text: str) -> str:
    """`text` as it appears inside a JSON string."""
    return json.dumps(text, ensure_ascii=False)[1:-1]
