"""The classifier's evidence beyond names: 专业简介 岗位（群） phrases, confirmed labels, re-fit."""

import pytest

from chanjiao.catalogs.models import Occupation
from chanjiao.crosswalk.classifier import classifier_version, occupation_classify
from chanjiao.crosswalk.classifier_profiles import orientation_parts
from chanjiao.crosswalk.models import ClassifierFit, TitleLabel, TitleLabelSource
from chanjiao.crosswalk.services.refit import classifier_refit
from chanjiao.crosswalk.tasks import refit_classifier_task
from config.schedules import PERIODIC_TASKS


def test_orientation_is_split_into_occupations_and_job_phrases():
    names, phrases = orientation_parts(
        "面向农业技术员等职业，农作物种子生产、种子质量检测、种子销售及技术服务等岗位（群）。"
    )

    assert names == ["农业技术员"]
    assert phrases == ["农作物种子生产", "种子质量检测", "种子销售及技术服务"]


@pytest.mark.parametrize(
    ("title", "code"),
    [
        # Both were wrong with names and definitions alone (工程机械维修工, 供热管网系统运行工).
        ("急聘 植保机械装备使用与保养", "5-05-02-01"),
        ("水处理系统运行", "6-28-03-01"),
        ("护士", "2-05-08-01"),
    ],
)
def test_titles_are_classified_at_occupation_level(catalogs, title, code):
    guess = occupation_classify(title)

    assert (guess.level, guess.code) == ("细类", code)
    assert 0 < guess.confidence <= 1


def test_refit_takes_in_a_new_label(catalogs):
    title = "植保飞手"
    before = occupation_classify(title)
    assert before.code != "4-01-02-01"
    TitleLabel.objects.create(
        title=title,
        occupation=Occupation.objects.get(code="4-01-02-01"),
        source=TitleLabelSource.STAFF,
    )
    version = classifier_version()

    # The label waits for the re-fit: a new label alone leaves the version unchanged.
    assert occupation_classify(title).code == before.code
    result = refit_classifier_task.call()

    assert result["refitted"] is True
    assert classifier_version() != version
    after = occupation_classify(title)
    assert (after.level, after.code) == ("细类", "4-01-02-01")
    assert ClassifierFit.objects.get().label_count == 1
    assert result["build_seconds"] < 60


def test_refit_without_new_labels_does_nothing(catalogs):
    classifier_refit(force=True)
    version = classifier_version()

    assert classifier_refit()["refitted"] is False
    assert classifier_version() == version


def test_refit_is_scheduled():
    tasks = {p.task: p for p in PERIODIC_TASKS}

    assert "chanjiao.crosswalk.tasks.refit_classifier_task" in tasks
