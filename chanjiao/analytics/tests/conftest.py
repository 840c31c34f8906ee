"""Fixtures of the analytics tests: a publisher and the 梧州 locality."""

import os
import shutil

import pytest

from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default


@pytest.fixture
def publisher(enterprise, recruiter):
    """The 梧州 tea enterprise and its 信息员, who publish the posts."""
    return {"organization": enterprise, "author": recruiter}


@pytest.fixture
def localities(catalogs):
    """The five shipped localities (梧州市 is the one the tests publish for)."""
    localities_load_default()
    return {item.name: item for item in Locality.objects.select_related("region")}


def _java_available() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole test session (start-up takes seconds).

    Skipped only where Java is missing and CHANJIAO_REQUIRE_SPARK is unset; CI sets it.
    """
    if not _java_available() and not os.environ.get("CHANJIAO_REQUIRE_SPARK"):
        pytest.skip("未安装 Java，跳过 Spark 测试（设置 CHANJIAO_REQUIRE_SPARK=1 时不跳过）")
    from chanjiao.analytics.spark import spark_session

    session = spark_session(
        master="local[1]", app_name="chanjiao-analytics-tests", shuffle_partitions=1
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
