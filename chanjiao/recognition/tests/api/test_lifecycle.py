"""The whole way through the API: reserve → apply → 初审 → 复核 with scores → 公示 with an
objection → 认定 → directory and target → 年度复核 → incentives → 撤销 (leaves the directory)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory
from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.recognition.models import Recognition, RecognitionState, ReviewScore
from chanjiao.recognition.tests.conftest import BASE, full_scores, step, walk_to
from chanjiao.subscriptions.models import Notification
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


def _reserve(client, programme, organization):
    return client.post(
        f"{BASE}recognitions/",
        {"programme": programme.pk, "organization": organization.pk},
        format="json",
    )


def test_whole_lifecycle(
    client_for,
    api_client,
    outsider,
    programme,
    putuo,
    pt_enterprise,
    pt_applicant,
    district_reviewer,
    locality_admin,
):
    applicant = client_for(pt_applicant)
    reviewer = client_for(district_reviewer)
    admin = client_for(locality_admin)

    response = _reserve(applicant, programme, pt_enterprise)
    assert response.status_code == 201, response.json()
    rid = response.json()["id"]
    body = response.json()
    assert body["status"] == "reserve"
    assert [s["state"] for s in body["stages"]][:2] == ["current", "todo"]
    assert "兴办职业教育的投资（投资凭证）" in body["missing"]
    assert {a["name"] for a in body["available_transitions"]} == {"apply", "withdraw"}

    response = applicant.post(
        f"{BASE}recognitions/{rid}/apply/", {"statement": "我们开展了订单培养。"}, format="json"
    )
    assert response.status_code == 200
    detail = response.json()
    assert detail["status"] == "submitted"
    assert detail["window_end"] == str(timezone.localdate())

    assert step(reviewer, rid, "preliminary", "材料齐全").json()["status"] == "preliminary"
    # The same 政府管理员 may review: the 初审 was someone else.
    scores = full_scores(admin, rid, score=7)
    response = admin.post(
        f"{BASE}recognitions/{rid}/review/", {"scores": scores, "comment": "同意"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["total_score"] == sum(s["score"] for s in scores)
    assert ReviewScore.objects.filter(recognition_id=rid).count() == len(scores) == 9

    response = step(admin, rid, "publish")
    assert response.json()["status"] == "notice"
    notice_end = datetime.date.fromisoformat(response.json()["notice_end"])
    assert notice_end == timezone.localdate() + datetime.timedelta(days=programme.notice_days)
    assert [n["id"] for n in api_client.get(f"{BASE}notices/").json()["results"]] == [rid]

    objection = client_for(outsider).post(
        f"{BASE}recognitions/{rid}/objections/", {"text": "该企业未实际开展合作。"}, format="json"
    )
    assert objection.status_code == 201

    # During the notice period, and with an open objection, certification is refused.
    response = step(admin, rid, "certify")
    assert response.status_code == 400
    assert "公示期" in response.json()["message"]
    after = timezone.now() + datetime.timedelta(days=programme.notice_days + 1)
    with time_machine.travel(after, tick=False):
        admin = client_for(locality_admin)  # a fresh sign-in: the old session timed out
        response = step(admin, rid, "certify")
        assert response.status_code == 400
        assert "异议" in response.json()["message"]
        resolved = admin.post(
            f"{BASE}objections/{objection.json()['id']}/resolve/",
            {"resolution": "经核实合作真实。"},
            format="json",
        )
        assert resolved.status_code == 200
        response = step(admin, rid, "certify", "公示无异议")
        assert response.status_code == 200
        certified = response.json()
    assert certified["status"] == "certified"
    assert certified["certificate_number"] == f"PT-CJQY-{timezone.localdate().year}-{rid:05d}"

    directory = api_client.get(f"{BASE}directory/", {"locality": putuo.pk}).json()
    assert [e["id"] for e in directory["results"]] == [rid]
    targets = api_client.get(f"{BASE}targets/", {"locality": putuo.pk}).json()
    enterprise_target = next(t for t in targets if t["programme_id"] == programme.pk)
    assert enterprise_target["current"] == 1
    assert enterprise_target["target_text"] == "约10家"

    response = admin.post(
        f"{BASE}recognitions/{rid}/recheck/", {"passed": True, "comment": "合格"}, format="json"
    )
    assert response.json()["last_recheck_year"] == timezone.localdate().year
    again = admin.post(f"{BASE}recognitions/{rid}/recheck/", {"passed": True}, format="json")
    assert again.status_code == 400

    entry = admin.post(
        f"{BASE}recognitions/{rid}/incentives/",
        {
            "kind": "special_fund",
            "granted_on": "2026-05-01",
            "amount": "200000",
            "department": "区发改委",
            "description": "产教融合专项资金",
        },
        format="json",
    )
    assert entry.status_code == 201
    refused_kind = admin.post(
        f"{BASE}recognitions/{rid}/incentives/",
        {
            "kind": "tech_priority",
            "granted_on": "2026-05-01",
            "department": "区经委",
            "description": "技改",
        },
        format="json",
    )
    assert refused_kind.status_code == 400
    assert refused_kind.json()["extra"]["field"] == "kind"

    response = step(admin, rid, "revoke", "")
    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "reason"
    response = step(admin, rid, "revoke", "弄虚作假")
    assert response.json()["status"] == "revoked"
    assert api_client.get(f"{BASE}directory/").json()["results"] == []
    # History is kept: every step, with the reviewers' comments.
    steps = list(
        TransitionRecord.objects.filter(object_id=str(rid), workflow="recognition")
        .order_by("pk")
        .values_list("transition", "reason")
    )
    assert [s for s, _ in steps] == [
        "reserve",
        "apply",
        "preliminary",
        "review",
        "publish",
        "certify",
        "recheck",
        "revoke",
    ]
    assert ("preliminary", "材料齐全") in steps
    assert AuditEvent.objects.filter(action="recognition.revoke", target_id=str(rid)).count() == 1
    assert Notification.objects.filter(user=pt_applicant, category="recognition").count() == 6


def test_applicant_cannot_review_its_own_application(
    client_for, programme, pt_enterprise, pt_applicant, district_reviewer, locality_admin, putuo_gov
):
    # An officer of the bureau who is also a member of the applicant.
    MembershipFactory(user=locality_admin, organization=pt_enterprise, role=Role.INFO_OFFICER)
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    client_for(pt_applicant).post(
        f"{BASE}recognitions/{recognition.pk}/apply/", {"statement": "说明"}, format="json"
    )

    response = step(client_for(locality_admin), recognition.pk, "preliminary")

    assert response.status_code == 403
    assert response.json()["message"] == "不能审核本机构的申报。"
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.SUBMITTED
    assert (
        AuditEvent.objects.filter(
            action="recognition.preliminary", result=AuditResult.DENIED
        ).count()
        == 1
    )
    detail = client_for(locality_admin).get(f"{BASE}recognitions/{recognition.pk}/").json()
    assert {a["name"] for a in detail["available_transitions"]} == {"withdraw"}


def test_applicant_cannot_pass_its_own_preliminary(
    client_for, programme, pt_enterprise, pt_applicant
):
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    applicant = client_for(pt_applicant)
    applicant.post(
        f"{BASE}recognitions/{recognition.pk}/apply/", {"statement": "说明"}, format="json"
    )

    response = step(applicant, recognition.pk, "preliminary")

    assert response.status_code == 403
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.SUBMITTED


def test_reviewer_of_another_locality_cannot_act(
    client_for, programme, pt_enterprise, pt_applicant, beijing_admin
):
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    client_for(pt_applicant).post(
        f"{BASE}recognitions/{recognition.pk}/apply/", {"statement": "说明"}, format="json"
    )
    other = client_for(beijing_admin)

    assert other.get(f"{BASE}recognitions/{recognition.pk}/").status_code == 404
    assert step(other, recognition.pk, "preliminary").status_code == 404
    assert other.get(f"{BASE}recognitions/").json()["count"] == 0
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.SUBMITTED
    assert recognition.preliminary_by is None


def test_preliminary_and_review_need_two_people(
    client_for, programme, pt_enterprise, pt_applicant, district_reviewer, locality_admin
):
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    client_for(pt_applicant).post(
        f"{BASE}recognitions/{recognition.pk}/apply/", {"statement": "说明"}, format="json"
    )
    admin = client_for(locality_admin)
    assert step(admin, recognition.pk, "preliminary").status_code == 200

    response = admin.post(
        f"{BASE}recognitions/{recognition.pk}/review/",
        {"scores": full_scores(admin, recognition.pk)},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["message"] == "复核须由初审以外的人员进行。"
    # A 审核员 is not a 政府管理员: the 复核 is not theirs either.
    response = client_for(district_reviewer).post(
        f"{BASE}recognitions/{recognition.pk}/review/",
        {"scores": full_scores(admin, recognition.pk)},
        format="json",
    )
    assert response.status_code == 403
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.PRELIMINARY


def test_review_needs_a_score_for_every_condition(
    client_for, programme, pt_enterprise, pt_applicant, district_reviewer, locality_admin
):
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    walk_to(
        "preliminary",
        client_for=client_for,
        recognition_id=recognition.pk,
        applicant=pt_applicant,
        reviewer=district_reviewer,
        admin=locality_admin,
    )
    admin = client_for(locality_admin)
    scores = full_scores(admin, recognition.pk)

    short = admin.post(
        f"{BASE}recognitions/{recognition.pk}/review/", {"scores": scores[1:]}, format="json"
    )
    too_high = admin.post(
        f"{BASE}recognitions/{recognition.pk}/review/",
        {"scores": [{**scores[0], "score": 99}, *scores[1:]]},
        format="json",
    )

    assert short.status_code == 400
    assert short.json()["extra"]["field"] == "scores"
    assert too_high.status_code == 400
    assert ReviewScore.objects.count() == 0
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.PRELIMINARY


def test_bad_input_names_the_field(client_for, programme, pt_enterprise, pt_applicant):
    applicant = client_for(pt_applicant)
    rid = _reserve(applicant, programme, pt_enterprise).json()["id"]

    empty = applicant.post(f"{BASE}recognitions/{rid}/apply/", {"statement": "  "}, format="json")
    missing = applicant.post(f"{BASE}recognitions/", {"programme": programme.pk}, format="json")
    twice = _reserve(applicant, programme, pt_enterprise)
    unknown_step = step(applicant, rid, "explode")

    assert empty.status_code == 400
    assert "statement" in str(empty.json())
    assert missing.status_code == 400
    assert "organization" in str(missing.json())
    assert twice.status_code == 400
    assert twice.json()["extra"]["field"] == "organization"
    assert unknown_step.status_code == 400
    assert unknown_step.json()["extra"]["field"] == "name"


def test_organisation_outside_the_locality_cannot_enter(
    client_for, programme, enterprise, enterprise_admin
):
    response = _reserve(client_for(enterprise_admin), programme, enterprise)

    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "organization"
    assert not Recognition.objects.exists()


def test_withdraw_leaves_history_and_frees_a_new_entry(
    client_for, programme, pt_enterprise, pt_applicant
):
    applicant = client_for(pt_applicant)
    rid = _reserve(applicant, programme, pt_enterprise).json()["id"]

    response = step(applicant, rid, "withdraw", "暂不申报")

    assert response.json()["status"] == "withdrawn"
    assert response.json()["status_reason"] == "暂不申报"
    assert _reserve(applicant, programme, pt_enterprise).status_code == 201
    assert Recognition.objects.filter(organization=pt_enterprise).count() == 2
