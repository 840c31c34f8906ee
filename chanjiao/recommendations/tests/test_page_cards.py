"""The recommendation page shows each post as a card with its reasons and fit in words."""

import re

from chanjiao.recommendations.models import Recommendation


def test_recommended_posts_are_cards_with_reasons_and_fit(client, machining_student, lathe_job):
    client.force_login(machining_student)

    html = client.get("/recommendations/me/").content.decode()

    cards = re.findall(r'<article class="post-card.*?</article>', html, flags=re.S)
    (card,) = [c for c in cards if f'data-id="{lathe_job.pk}"' in c]
    assert f'<p class="post-card__org">{lathe_job.organization.name}</p>' in card
    assert "梧州市 万秀区" in card
    assert "4,500–7,000 元/月" in card
    assert '<span class="k">推荐理由</span>' in card
    assert "专业对口：机械制造及自动化 → 车工（6-18-01-01，课标）" in card
    score = Recommendation.objects.get(target_id=lathe_job.pk).score
    expected = "匹配度高" if score >= 0.5 else ("匹配度较高" if score >= 0.3 else "可能相关")
    assert f">{expected}</span>" in card
    assert "不相关</button>" in card
    assert "<table" not in html


def test_no_recommendations_says_why_and_what_to_do(client, machining_student, catalogs):
    client.force_login(machining_student)

    html = client.get("/recommendations/me/").content.decode()

    assert "暂无推荐。" in html
    assert "补充档案中的专业、期望职业、地区和技能" in html
    assert "去检索信息" in html


def test_the_subject_menu_is_cards_or_an_explained_empty_state(client, outsider, machining_student):
    client.force_login(outsider)
    assert "暂无可推荐的对象。" in client.get("/recommendations/").content.decode()

    client.force_login(machining_student)
    menu = client.get("/recommendations/").content.decode()
    assert '<div class="post-list" id="subjects">' in menu
    assert 'href="/recommendations/me/"' in menu
