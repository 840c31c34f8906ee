"""The transition table of a recognition (认定申报).

入库 → 已申报 → 初审通过 → 复核通过 → 公示中 → 已认定 → 已失效 / 已退出 / 已撤销;
已申报 / 初审通过 → 退回补正 → 已申报; 已申报 / 初审通过 / 复核通过 → 未通过.
``recheck`` (年度复核合格) keeps 已认定; ``lapse`` is the scheduler's (validity ended).
"""

import datetime

from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError
from chanjiao.recognition.models import Recognition, RecognitionState
from chanjiao.recognition.notify import applicant_notify
from chanjiao.recognition.permissions import (
    own_refusal,
    user_acts_for_applicant,
    user_is_preliminary_reviewer,
    user_is_programme_reviewer,
    user_is_second_reviewer,
    user_reviews_recognition,
)
from chanjiao.workflow.definitions import Transition, Workflow, nobody

S = RecognitionState
APPLICANT_REFUSAL = "只有申报机构的机构管理员或信息员可以执行该操作。"
PRELIMINARY_REFUSAL = "只有本地区、机构所在区域的审核员或政府管理员可以初审。"
REVIEWER_REFUSAL = "只有本地区的政府管理员可以执行该操作。"


def _second_refusal(user: User, recognition: Recognition) -> str:
    if recognition.preliminary_by_id == user.pk:
        return "复核须由初审以外的人员进行。"
    return own_refusal(REVIEWER_REFUSAL)(user, recognition)


def _submitted(recognition: Recognition, actor: User | None) -> None:
    today = timezone.localdate()
    years = recognition.programme.evidence_years
    recognition.submitted_at = timezone.now()
    recognition.window_end = today
    recognition.window_start = _years_before(today, years)
    recognition.status_reason = ""


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _preliminary(recognition: Recognition, actor: User | None) -> None:
    recognition.preliminary_by = actor


def _reviewed(recognition: Recognition, actor: User | None) -> None:
    recognition.reviewed_by = actor


def _notice_opened(recognition: Recognition, actor: User | None) -> None:
    today = timezone.localdate()
    recognition.notice_start = today
    recognition.notice_end = today + datetime.timedelta(days=recognition.programme.notice_days)


def _check_notice_over(recognition: Recognition) -> None:
    today = timezone.localdate()
    if recognition.notice_end is None or today <= recognition.notice_end:
        raise ApplicationError(
            f"公示期至 {recognition.notice_end} 结束，期满后方可认定。",
            extra={"notice_end": str(recognition.notice_end)},
        )
    if recognition.objections.filter(resolved_at__isnull=True).exists():
        raise ApplicationError("公示期内有未处理的异议，处理后方可认定。")


def _certified(recognition: Recognition, actor: User | None) -> None:
    today = timezone.localdate()
    programme = recognition.programme
    recognition.certified_on = today
    recognition.valid_until = _years_before(today, -programme.validity_years)
    prefix = programme.certificate_prefix or programme.key.upper()
    recognition.certificate_number = f"{prefix}-{today.year}-{recognition.pk:05d}"


def _ended(recognition: Recognition, actor: User | None) -> None:
    recognition.ended_on = timezone.localdate()


def _rechecked(recognition: Recognition, actor: User | None) -> None:
    recognition.last_recheck_year = timezone.localdate().year


REVIEW_STATES = frozenset({S.SUBMITTED, S.PRELIMINARY, S.REVIEWED})

RECOGNITION_WORKFLOW: Workflow[Recognition] = Workflow(
    name="recognition",
    model=Recognition,
    state_field="status",
    audit_prefix="recognition",
    object_label="该申报",
    on_applied=applicant_notify,
    transitions=(
        Transition(
            name="apply",
            sources=frozenset({S.RESERVE, S.RETURNED}),
            target=S.SUBMITTED,
            label="提交申报",
            allowed=user_acts_for_applicant,
            refusal=APPLICANT_REFUSAL,
            apply=_submitted,
        ),
        Transition(
            name="preliminary",
            sources=frozenset({S.SUBMITTED}),
            target=S.PRELIMINARY,
            label="初审通过",
            allowed=user_is_preliminary_reviewer,
            refusal=own_refusal(PRELIMINARY_REFUSAL),
            apply=_preliminary,
        ),
        Transition(
            name="return",
            sources=frozenset({S.SUBMITTED, S.PRELIMINARY}),
            target=S.RETURNED,
            label="退回补正",
            allowed=user_reviews_recognition,
            refusal=own_refusal(PRELIMINARY_REFUSAL),
        ),
        Transition(
            name="review",
            sources=frozenset({S.PRELIMINARY}),
            target=S.REVIEWED,
            label="复核通过",
            allowed=user_is_second_reviewer,
            refusal=_second_refusal,
            apply=_reviewed,
        ),
        Transition(
            name="reject",
            sources=REVIEW_STATES,
            target=S.REJECTED,
            label="不予通过",
            allowed=user_reviews_recognition,
            refusal=own_refusal(PRELIMINARY_REFUSAL),
            apply=_ended,
        ),
        Transition(
            name="publish",
            sources=frozenset({S.REVIEWED}),
            target=S.NOTICE,
            label="开始公示",
            allowed=user_is_programme_reviewer,
            refusal=own_refusal(REVIEWER_REFUSAL),
            apply=_notice_opened,
        ),
        Transition(
            name="certify",
            sources=frozenset({S.NOTICE}),
            target=S.CERTIFIED,
            label="认定",
            allowed=user_is_programme_reviewer,
            refusal=own_refusal(REVIEWER_REFUSAL),
            check=_check_notice_over,
            apply=_certified,
        ),
        Transition(
            name="recheck",
            sources=frozenset({S.CERTIFIED}),
            target=S.CERTIFIED,
            label="年度复核合格",
            allowed=user_is_programme_reviewer,
            refusal=own_refusal(REVIEWER_REFUSAL),
            apply=_rechecked,
        ),
        Transition(
            name="revoke",
            sources=frozenset({S.NOTICE, S.CERTIFIED}),
            target=S.REVOKED,
            label="撤销认定",
            allowed=user_is_programme_reviewer,
            refusal=own_refusal(REVIEWER_REFUSAL),
            apply=_ended,
        ),
        Transition(
            name="withdraw",
            sources=frozenset(
                {
                    S.RESERVE,
                    S.SUBMITTED,
                    S.RETURNED,
                    S.PRELIMINARY,
                    S.REVIEWED,
                    S.NOTICE,
                    S.CERTIFIED,
                }
            ),
            target=S.WITHDRAWN,
            label="退出",
            allowed=user_acts_for_applicant,
            refusal=APPLICANT_REFUSAL,
            apply=_ended,
        ),
        Transition(
            name="lapse",
            sources=frozenset({S.CERTIFIED}),
            target=S.LAPSED,
            label="有效期届满",
            allowed=nobody,
            apply=_ended,
        ),
    ),
)
