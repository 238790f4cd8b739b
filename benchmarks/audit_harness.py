"""The full flattening harness: 2,000 generated reports per flattening, audited and compared with the truth.

Reports come from core/audit/samples.py (both templates, realistic identity-consistent figures, agencies of every
level), are rendered by core/render and flattened as the web serves them (core/audit/flattenings.py: ``strip``,
``spaces``, ``ordinals``, ``markdown``, ``crawler``). Targets, per flattening: at least 99.5 % of the table 三/四
cells exact and every other cell marked `uncertain`; no cell of any table wrong or missing without the mark; year,
template, title, agency and date right; no report called `late` that was published in time. `make test` runs a
few hundred per flattening (tests/core/test_audit_flattening.py); CI runs this command too.

    .venv/bin/python benchmarks/audit_harness.py [--per-form 2000] [--seed 18]

Prints one line per flattening and, last, one JSON line; the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from gongkai.core.audit.flattenings import FORMS, harness

SHARE_EXACT = 0.995


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="审核器展平测试：每种展平方式 2000 份报告")
    parser.add_argument("--per-form", type=int, default=2000, help="每种展平方式的报告份数（默认 2000）")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args(argv)
    summary: dict = {"reports_per_form": args.per_form, "forms": {}}
    met = True
    for form in FORMS:
        started = time.process_time()
        result = harness(form, args.per_form, args.seed)
        cpu = time.process_time() - started
        main_cells, proactive = result["tallies"]["requests_appeals"], result["tallies"]["proactive"]
        ok = (
            main_cells.share_exact >= SHARE_EXACT
            and main_cells.wrong == main_cells.missing == 0
            and proactive.wrong == proactive.missing == 0
            and not result["misses"]
        )
        met &= ok
        summary["forms"][form] = {
            "table_3_4": {
                "cells": main_cells.cells,
                "exact": main_cells.exact,
                "share_exact": round(main_cells.share_exact, 5),
                "uncertain_not_exact": main_cells.marked,
                "wrong_unmarked": main_cells.wrong,
                "missing_unmarked": main_cells.missing,
                "exact_but_marked": main_cells.marked_exact,
            },
            "table_2": {
                "cells": proactive.cells,
                "share_exact": round(proactive.share_exact, 5),
                "uncertain_not_exact": proactive.marked,
                "wrong_unmarked": proactive.wrong,
                "missing_unmarked": proactive.missing,
            },
            "metadata_or_deadline_misses": len(result["misses"]),
            "cpu_seconds": round(cpu, 1),
            "target_met": ok,
        }
        print(
            f"{form:<9} 表三/四 {main_cells.cells} 格：准确 {main_cells.share_exact:.4%}，存疑 {main_cells.marked}，"
            f"错误 {main_cells.wrong}，缺失 {main_cells.missing}｜表二 准确 {proactive.share_exact:.2%}，"
            f"错误 {proactive.wrong}｜元数据/期限误差 {len(result['misses'])}｜{cpu:.0f} 秒｜{'达标' if ok else '未达标'}",
            file=sys.stderr,
        )
    summary["targets"] = {"table_3_4_share_exact": SHARE_EXACT, "wrong_or_missing_unmarked": 0}
    summary["targets_met"] = met
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
