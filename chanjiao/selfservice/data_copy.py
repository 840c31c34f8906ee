"""A copy of everything the platform holds about a person (PIPL Art. 45), as Chinese-keyed JSON."""

import json
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone

from chanjiao.accounts.models import Membership, User
from chanjiao.audit.services import audit_event_record
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.selfservice.consents import application_consent_list, consent_list
from chanjiao.selfservice.logins import login_events, login_record
from chanjiao.students.models import StudentProfile
from chanjiao.subscriptions.models import Notification, Subscription

# Login history in the copy: the newest events only (the page shows all of them, by pages).
LOGIN_HISTORY_LIMIT = 1000
GUIDE = (
    "这是产教融合信息服务平台保存的您的个人信息副本（《个人信息保护法》第四十五条）。"
    "“账号”是您的账号资料；“机构成员身份”是您在各机构的角色；“学生档案”是学校为您建立的档案；"
    "“发布的信息”是以您的账号填写的供需信息（含个人求职档案）；“个人信息授权”是您同意向哪些单位"
    "展示求职档案中的个人信息；“订阅”和“站内信”是您保存的筛选条件和收到的消息；"
    "“登录记录”是您账号的登录、退出和登录失败记录（最近 1000 条）。时间均为北京时间。"
    "请妥善保管本文件，其中含有您的完整手机号和身份证号。"
)


def _when(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat()


def _label(instance: models.Model, field: str) -> str:
    return str(getattr(instance, f"get_{field}_display")())


def _account(user: User) -> dict[str, Any]:
    return {
        "用户名": user.username,
        "姓名": user.real_name,
        "电子邮箱": user.email,
        "手机号": user.phone,
        "身份证号": user.id_number,
        "注册时间": _when(user.date_joined),
        "最近登录时间": _when(user.last_login),
        "密码修改时间": _when(user.password_changed_at),
        "账号状态": "正常" if user.is_active else "已停用",
    }


def _memberships(user: User) -> list[dict[str, Any]]:
    rows = Membership.objects.filter(user=user).select_related("organization")
    return [
        {
            "机构": m.organization.name,
            "角色": _label(m, "role"),
            "是否有效": "有效" if m.is_active else "已失效",
            "开始时间": _when(m.created_at),
        }
        for m in rows.order_by("created_at", "pk")
    ]


def _student(user: User) -> dict[str, Any] | None:
    profile = StudentProfile.objects.filter(user=user).select_related("school", "major").first()
    if profile is None:
        return None
    return {
        "学校": profile.school.name,
        "专业": f"{profile.major.name}（{profile.major.code}）",
        "学号": getattr(profile, "student_number", ""),
        "入学年份": getattr(profile, "enrollment_year", None),
        "毕业年份": profile.graduation_year,
        "身份": _label(profile, "status"),
        "技能": profile.skills,
        "建档时间": _when(profile.created_at),
    }


def _listings(user: User) -> list[dict[str, Any]]:
    rows = Listing.objects.filter(author=user).select_related("organization", "region")
    return [
        {
            "编号": listing.pk,
            "信息类型": _label(listing, "kind"),
            "标题": listing.title,
            "状态": _label(listing, "status"),
            "发布机构": listing.organization.name if listing.organization else "个人",
            "地区": listing.region.name,
            "详细说明": listing.description,
            "技能": listing.skills,
            "联系人": listing.contact_name,
            "联系电话": listing.contact_phone,
            "类型专有字段": dict(listing.details),
            "是否个人求职档案": listing.kind == ListingKind.JOBSEEKER,
            "创建时间": _when(listing.created_at),
            "发布时间": _when(listing.published_at),
            "关闭时间": _when(listing.closed_at),
        }
        for listing in rows.order_by("created_at", "pk")
    ]


def _consents(user: User) -> list[dict[str, Any]]:
    return [
        {
            "授权单位": consent.organization.name,
            "求职档案": consent.profile.title,
            "应聘岗位": consent.application_for.title if consent.application_for else None,
            "授权时间": _when(consent.created_at),
            "撤回时间": _when(consent.withdrawn_at),
        }
        for consent in consent_list(fetched_by=user)
    ]


def _applications(user: User) -> list[dict[str, Any]]:
    return [
        {
            "应聘岗位": a.listing.title,
            "招聘单位": a.organization.name,
            "状态": a.get_state_display(),
            "附言": a.message,
            "附件": a.attachment_name or None,
            "单位留言": a.state_message,
            "投递时间": _when(a.submitted_at),
            "投递授权时间": _when(a.consent_granted_at),
            "投递授权撤回时间": _when(a.consent_withdrawn_at),
        }
        for a in application_consent_list(fetched_by=user).order_by("submitted_at", "pk")
    ]


def _subscriptions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "名称": s.name,
            "条件": s.summary,
            "启用": s.is_active,
            "邮件提醒": s.email_enabled,
            "创建时间": _when(s.created_at),
        }
        for s in Subscription.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _notifications(user: User) -> list[dict[str, Any]]:
    return [
        {"标题": n.title, "内容": n.body, "已读": n.is_read, "时间": _when(n.created_at)}
        for n in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _logins(user: User) -> list[dict[str, Any]]:
    records = (login_record(e) for e in login_events(user=user)[:LOGIN_HISTORY_LIMIT])
    return [
        {
            "时间": _when(r.occurred_at),
            "事件": r.what,
            "结果": r.result,
            "来源地址": r.address,
            "设备": r.device,
        }
        for r in records
    ]


def personal_data_copy(user: User) -> dict[str, Any]:
    """Return everything held about the person, keyed in Chinese (nobody else's data)."""
    return {
        "说明": GUIDE,
        "导出时间": _when(timezone.now()),
        "账号": _account(user),
        "机构成员身份": _memberships(user),
        "学生档案": _student(user),
        "发布的信息": _listings(user),
        "个人信息授权": _consents(user),
        "投递与投递授权": _applications(user),
        "订阅": _subscriptions(user),
        "站内信": _notifications(user),
        "登录记录": _logins(user),
    }


def personal_data_export(*, actor: User) -> dict[str, Any]:
    """Return the person's copy and record in the audit log that it was taken."""
    copy = personal_data_copy(actor)
    audit_event_record(
        actor=actor,
        action="personal_data.export",
        target=actor,
        changes={"sections": [key for key in copy if key not in ("说明", "导出时间")]},
    )
    return copy


def personal_data_json(copy: dict[str, Any]) -> bytes:
    """Return a copy as UTF-8 JSON, Chinese characters as they are."""
    return json.dumps(copy, ensure_ascii=False, indent=2).encode("utf-8")
