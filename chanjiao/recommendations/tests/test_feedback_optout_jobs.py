"""'Not relevant' feedback, the PIPL Art. 24 opt-out, the job, the command and staleness."""

from io import StringIO

from django.core.management import call_command

from chanjiao.audit.models import AuditEvent
from chanjiao.recommendations.models import (
    Recommendation,
    RecommendationFeedback,
    SubjectState,
)
from chanjiao.recommendations.tasks import recompute_recommendations_task

ME = "/api/v1/recommendations/me/"
SETTINGS = "/api/v1/recommendations/settings/"


def test_not_relevant_removes_item_and_down_weights_similar(
    client_for, machining_student, publish, recruiter, enterprise, lathe_job
):
    twin = publish("job", recruiter, enterprise, title="数控车工（夜班）")
    client = client_for(machining_student)
    before = {i["target_id"]: i for i in client.get(ME).json()["items"]}

    response = client.post(
        f"/api/v1/recommendations/{before[lathe_job.pk]['recommendation_id']}/dismiss/"
    )

    assert response.status_code == 204
    assert RecommendationFeedback.objects.get().target_id == lathe_job.pk
    call_command("recompute_recommendations", stdout=StringIO())
    after = {i["target_id"]: i for i in client.get(ME).json()["items"]}
    assert lathe_job.pk not in after
    assert after[twin.pk]["score"] < before[twin.pk]["score"]


def test_cannot_dismiss_someone_elses_recommendation(
    client_for, machining_student, outsider, lathe_job
):
    rec_id = client_for(machining_student).get(ME).json()["items"][0]["recommendation_id"]

    response = client_for(outsider).post(f"/api/v1/recommendations/{rec_id}/dismiss/")

    assert response.status_code == 404
    assert not RecommendationFeedback.objects.exists()
    assert Recommendation.objects.filter(pk=rec_id).exists()


def test_opt_out_gives_labelled_non_personalised_list(
    client_for, machining_student, publish, recruiter, enterprise, lathe_job
):
    newer = publish("job", recruiter, enterprise, title="茶叶包装工", occupation_code="6-02-06-10")
    client = client_for(machining_student)

    response = client.put(SETTINGS, {"is_personalised": False}, format="json")
    body = client.get(ME).json()

    assert response.json() == {"is_personalised": False}
    assert body["is_personalised"] is False
    assert body["label"].startswith("非个性化推荐")
    assert [i["target_id"] for i in body["items"]] == [newer.pk, lathe_job.pk]
    assert all(i["reasons"] == ["最新发布"] for i in body["items"])
    assert not SubjectState.objects.exists()
    assert AuditEvent.objects.filter(action="recommendation.preference").count() == 1
    client.put(SETTINGS, {"is_personalised": True}, format="json")
    assert client.get(ME).json()["items"][0]["target_id"] == lathe_job.pk


def test_settings_reject_bad_input(client_for, machining_student):
    response = client_for(machining_student).put(
        SETTINGS, {"is_personalised": "maybe"}, format="json"
    )

    assert response.status_code == 400
    assert "is_personalised" in response.json()["extra"]["fields"]
    assert client_for(machining_student).get(SETTINGS).json() == {"is_personalised": True}


def test_command_reports_progress_and_is_idempotent(
    client_for, machining_student, lathe_job, publish, recruiter, enterprise
):
    out = StringIO()
    call_command("recompute_recommendations", "--all", stdout=out)
    first = list(Recommendation.objects.values_list("subject_key", "target_id", "rank", "score"))
    call_command("recompute_recommendations", "--all", stdout=out)
    second = list(Recommendation.objects.values_list("subject_key", "target_id", "rank", "score"))

    assert "完成：计算" in out.getvalue()
    assert first == second
    assert len(first) >= 1


def test_publishing_marks_lists_stale_and_the_job_brings_the_new_post(
    client_for, machining_student, lathe_job, publish, recruiter, enterprise
):
    client = client_for(machining_student)
    client.get(ME)
    assert not SubjectState.objects.filter(is_stale=True).exists()

    newer = publish("job", recruiter, enterprise, title="数控车工学徒")

    # The publish transition marked the lists that may show a job stale, in its transaction.
    assert SubjectState.objects.filter(is_stale=True).exists()
    assert newer.pk not in [i["target_id"] for i in client.get(ME).json()["items"]]
    result = recompute_recommendations_task.enqueue()

    assert result.return_value["computed"] >= 1
    assert newer.pk in [i["target_id"] for i in client.get(ME).json()["items"]]
    assert not SubjectState.objects.filter(is_stale=True).exists()


def test_student_without_profile_gets_chinese_404(client_for, outsider):
    response = client_for(outsider).get(ME)

    assert response.status_code == 404
    assert "档案" in response.json()["message"]


def test_demo_write_is_idempotent(machining_student, lathe_job, wuzhou):
    from chanjiao.recommendations.demo import demo_remove, demo_write

    first = demo_write(locality=wuzhou, seed=1)
    second = demo_write(locality=wuzhou, seed=1)

    assert first == second
    assert first["recommendations"] == Recommendation.objects.count()
    assert demo_remove() == first["recommendations"]
    assert not Recommendation.objects.exists()
