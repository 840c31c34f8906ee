"""The workbench tasks of recognition programmes (认定项目): applications waiting for the user's
初审, 复核 or 认定; the own organisation's applications sent back; and, for a locality's officers,
each programme's count in the directory against the locality's target."""

from django.urls import reverse

from chanjiao.accounts.models import User
from chanjiao.recognition.selectors import officer_localities, target_progress, workbench_counts
from chanjiao.web.navigation import Persona
from chanjiao.web.task_card import Task
from chanjiao.web.task_card import task_url as _url

REVIEWERS = {Persona.OFFICER, Persona.REVIEWER}
APPLICANTS = {Persona.ENTERPRISE, Persona.SCHOOL}


def _waiting(label: str, count: int, status: str, hint: str) -> Task:
    return Task(
        label,
        count,
        "项",
        _url("recognition:list", status=status),
        hint if count else "暂无",
        "urgent" if count else "calm",
    )


def recognition_tasks(user: User, personas: list[Persona]) -> list[Task]:
    """Counts with links; nothing for a user with no part in any programme."""
    if not set(personas) & (REVIEWERS | APPLICANTS):
        return []
    counts = workbench_counts(user)
    tasks: list[Task] = []
    if set(personas) & REVIEWERS:
        tasks += [
            _waiting("待初审的认定申报", counts.to_preliminary, "submitted", "核对材料后初审"),
            _waiting("待复核的认定申报", counts.to_review, "preliminary", "逐项评分后复核"),
            _waiting("公示期满待认定", counts.to_certify, "notice", "处理异议后认定"),
        ]
        tasks += _target_tasks(user)
    if counts.returned_own:
        tasks.append(
            _waiting("被退回补正的认定申报", counts.returned_own, "returned", "补充材料后重新提交")
        )
    return tasks


def _target_tasks(user: User) -> list[Task]:
    tasks = []
    for locality in officer_localities(user):
        url = reverse("localities:locality-detail", args=[locality.pk]) + "#recognition-targets"
        for progress in target_progress(locality=locality):
            if progress.parameter is None:
                continue
            tasks.append(
                Task(
                    f"{locality.name}·{progress.programme.name}",
                    progress.current,
                    progress.parameter.unit,
                    url,
                    f"认证目录中的数量；目标{progress.target_text}（{progress.parameter.clause}）",
                    "attention",
                )
            )
    return tasks
