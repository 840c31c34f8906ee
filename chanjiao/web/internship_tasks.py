"""The workbench tasks of internships (实习管理): open alerts and incidents for the school and the
bureau, agreements waiting on the user's confirmation, the intern's weekly log."""

from chanjiao.accounts.models import User
from chanjiao.internships.page_data import workbench_counts
from chanjiao.web.navigation import Persona
from chanjiao.web.task_card import Task
from chanjiao.web.task_card import task_url as _url

WATCHERS = {Persona.SCHOOL, Persona.OFFICER, Persona.REVIEWER, Persona.STAFF}
PARTIES = {Persona.SCHOOL, Persona.ENTERPRISE, Persona.STUDENT}


def internship_tasks(user: User, personas: list[Persona]) -> list[Task]:
    """Counts with links; nothing for a user with no part in any placement."""
    if not (set(personas) & (WATCHERS | PARTIES)):
        return []
    counts = workbench_counts(user)
    tasks: list[Task] = []
    if set(personas) & WATCHERS:
        tasks += [
            Task(
                "未处理的实习预警",
                counts.open_alerts,
                "条",
                _url("internships:alerts"),
                "核实超时、夜班等情况并处理" if counts.open_alerts else "暂无未处理的预警",
                "urgent" if counts.open_alerts else "calm",
            ),
            Task(
                "待处理的实习突发事件",
                counts.open_incidents,
                "起",
                _url("internships:list", status="active"),
                "打开实习安排查看并处理" if counts.open_incidents else "暂无待处理的突发事件",
                "urgent" if counts.open_incidents else "calm",
            ),
        ]
    if counts.to_confirm:
        tasks.append(
            Task(
                "待确认的三方协议",
                counts.to_confirm,
                "份",
                _url("internships:list", status="planned"),
                "打开实习安排，确认三方协议",
                "urgent",
            )
        )
    if counts.active_own:
        tasks.append(
            Task(
                "我的实习",
                counts.active_own,
                "项",
                _url("internships:list", status="active"),
                "每周填写一篇实习周志",
                "attention",
            )
        )
    return tasks
