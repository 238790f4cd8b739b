"""`gongkai housekeeping`: the periodic upkeep of background work, for cron (every 10 minutes).

Marks failed the decisions imports whose task no worker started, or whose worker died (`powers.import_jobs.
fail_stale`), so that their pages say so and the files they kept are deleted; deletes the uploaded files of
imports never confirmed, a day after their upload (`import_jobs.expire_staged`).
"""

from __future__ import annotations

from . import setup_django

HELP = "定期维护（由 cron 每 10 分钟运行）：将长时间未开始或进程已中断的处理决定导入任务标为失败，删除过期未确认的导入文件"


def add_arguments(parser) -> None:
    """No arguments."""


def run(args) -> int:
    setup_django()
    from gongkai.powers import import_jobs

    failed = import_jobs.fail_stale()
    print(f"标为失败的导入任务：{failed} 个")
    print(f"删除的过期未确认导入文件：{import_jobs.expire_staged()} 个")
    return 0
