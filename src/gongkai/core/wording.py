"""错敏词 check: find wrong or sensitive expressions (outdated agency names, wrong titles of leaders, banned words)
in the texts of an item, each hit with its position and a snippet around it.

Matching is literal after folding both sides character by character, so positions in the folded text are
positions in the original: full-width letters and digits fold to half-width (ＡＢＣ → abc), letters to lower
case, and the traditional forms common in government texts to the simplified ones (社會保障 → 社会保障). A fold
that would change the length of a character (NFKC of ㈱ is three characters) leaves the character as it is.
Pure Python, no Django: the rules come from the caller.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

SNIPPET_CHARS = 12  # characters shown either side of a hit
MAX_HITS = 200  # per check: a list longer than this is not read by anyone; the count says there were more

# Traditional → simplified for the characters frequent in government texts (agency names, titles, policy terms).
_TRADITIONAL = str.maketrans(
    "會險國機關務辦處區縣鄉鎮業農發廣長達層書記員幹部級審計經濟財貿稅規劃資產權條歷專營衛醫療藥學體"
    "網絡電話郵寫與對應當為後來這過還進運動勞動組織黨團實際問題條例開門關閉證營養護環境製銷購買賣"
    "價費傳遞館標準類綜監齊責選舉認識聽說讀議論範圍據車輛駕駛導師視聽聯繫係數據庫戶籍災難區劃際陸",
    "会险国机关务办处区县乡镇业农发广长达层书记员干部级审计经济财贸税规划资产权条历专营卫医疗药学体"
    "网络电话邮写与对应当为后来这过还进运动劳动组织党团实际问题条例开门关闭证营养护环境制销购买卖"
    "价费传递馆标准类综监齐责选举认识听说读议论范围据车辆驾驶导师视听联系系数据库户籍灾难区划际陆",
)


@dataclass(frozen=True)
class Rule:
    """One expression to look for, with what to write instead and why (either may be blank)."""

    expression: str
    correction: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Hit:
    """An occurrence of a rule's expression in one of the checked texts (``source``: 标题, 正文, 附件“…”)."""

    rule: Rule
    source: str
    start: int  # character offset in that text
    end: int
    before: str
    found: str
    after: str

    @property
    def snippet(self) -> str:
        return f"{self.before}【{self.found}】{self.after}"


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower().translate(_TRADITIONAL)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """``text`` folded for matching, of the same length (position i of the result is character i of ``text``)."""
    return "".join(_fold_char(char) for char in text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def check(texts: Mapping[str, str], rules: Iterable[Rule], *, limit: int = MAX_HITS) -> list[Hit]:
    """Every occurrence of every rule's expression in ``texts`` ({source: text}), in the order of the sources and
    of the positions; overlapping occurrences of the same expression are all reported. At most ``limit``."""
    patterns = [(rule, fold(rule.expression.strip())) for rule in rules if rule.expression.strip()]
    hits: list[Hit] = []
    for source, text in texts.items():
        folded = fold(text)
        found: list[Hit] = []
        for rule, pattern in patterns:
            start = folded.find(pattern)
            while start != -1:
                end = start + len(pattern)
                found.append(
                    Hit(
                        rule=rule,
                        source=source,
                        start=start,
                        end=end,
                        before=_one_line(text[max(0, start - SNIPPET_CHARS) : start]),
                        found=text[start:end],
                        after=_one_line(text[end : end + SNIPPET_CHARS]),
                    )
                )
                start = folded.find(pattern, start + 1)
        found.sort(key=lambda hit: (hit.start, hit.end))
        hits.extend(found)
        if len(hits) >= limit:
            return hits[:limit]
    return hits


def digest(hits: Iterable[Hit]) -> str:
    """A short fingerprint of a list of hits (what an acknowledgement was given for)."""
    text = "\n".join(f"{h.source}\t{h.start}\t{h.rule.expression}" for h in hits)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
