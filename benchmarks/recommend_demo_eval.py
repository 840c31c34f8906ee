# ruff: noqa: T201 - a console report
"""为我推荐 on the 梧州 demonstration data: how many top-10 items give a major/occupation reason.

    .venv/bin/python benchmarks/recommend_demo_eval.py                  # builds the demo (minutes)
    .venv/bin/python benchmarks/recommend_demo_eval.py --db var/chanjiao.sqlite3  # copy

Builds ``chanjiao demo_data --locality 梧州市 --seed 1`` in a temporary database (or copies the
given SQLite file to a temporary folder), opens every demo student's 为我推荐
page (``selectors.recommendation_page``, top 10) and prints, per student: the top-10 count, how
many carry a major/occupation reason (专业匹配 / 职业匹配 / 专业对口) and how many open posts
fit the major (its crosswalk occupations and 专业简介 职业面向, or the post names the major).
The summary is the share over students with at least 10 fitting posts (target: ≥ 8 of 10
for every one of them).
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIT_PREFIXES = ("专业匹配", "职业匹配", "专业对口")
TOP = 10


def setup(db: str | None) -> None:
    """Start Django on a temporary data folder: a copy of ``db``, or a fresh 梧州 demo."""
    from benchmarks.search_bench import setup_django

    folder = Path(tempfile.mkdtemp(prefix="recommend-demo-eval-"))
    if db:
        shutil.copy(db, folder / "chanjiao.sqlite3")
    setup_django(folder)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not db:
        from chanjiao.catalogs.loading import catalogs_load

        catalogs_load()
        call_command("demo_data", locality="梧州市", seed=1, verbosity=0)


def _major_occupations(major_id: int) -> set[int]:
    from chanjiao.recommendations import links

    found = {e.occupation_id for e in links.occupations_for_majors([major_id]).get(major_id, [])}
    try:  # the 专业简介 occupations (absent in older versions of the recommender)
        from chanjiao.recommendations.orientation import orientation_occupations

        found |= set(orientation_occupations(major_id))
    except ImportError:
        pass
    return found


def fitting_posts(major_id: int, posts: dict[int, tuple[int | None, set[int]]]) -> int:
    """Count open posts whose occupation the major leads to, or that name the major."""
    occs = _major_occupations(major_id)
    return sum(1 for occ, majors in posts.values() if occ in occs or major_id in majors)


def evaluate() -> list[tuple[str, str, int, int, int]]:
    """Return (username, major, top-10 count, fit reasons, fitting posts) per demo student."""
    from chanjiao.recommendations import candidates, links
    from chanjiao.recommendations.selectors import recommendation_page, student_subject_for_user
    from chanjiao.students.models import StudentProfile

    open_posts = list(candidates.open_listings(candidates.GROUPS["posts"].kinds))
    occupations = links.listing_occupations([p.pk for p in open_posts])
    posts = {
        p.pk: (occupations.get(p.pk, (None,))[0], {m.pk for m in p.majors.all()})
        for p in open_posts
    }
    rows = []
    profiles = StudentProfile.objects.select_related("major", "school__region", "user")
    for profile in profiles.filter(user__username__startswith="demo_").order_by("user__username"):
        # The page the student sees (computed on first view, as in production).
        ref = student_subject_for_user(user=profile.user)
        top = recommendation_page(user=profile.user, ref=ref, limit=TOP).items
        fit = sum(1 for item in top if any(x.startswith(FIT_PREFIXES) for x in item.reasons))
        major = f"{profile.major.code} {profile.major.name}"
        available = fitting_posts(profile.major_id, posts)
        rows.append((profile.user.username, major, len(top), fit, available))
    return rows


def report(rows: list[tuple[str, str, int, int, int]]) -> None:
    print("学生\t专业\t前10条数\t对口理由条数\t对口在招岗位数")
    for row in rows:
        print("\t".join(str(x) for x in row))
    enough = [r for r in rows if r[4] >= TOP]
    total = sum(r[2] for r in rows)
    fit = sum(r[3] for r in rows)
    print(f"\n学生 {len(rows)} 人；前10条共 {total} 条，其中 {fit} 条给出专业/职业对口理由。")
    if enough:
        share = sum(r[3] for r in enough) / max(sum(r[2] for r in enough), 1)
        worst = min(r[3] for r in enough)
        met = sum(1 for r in enough if r[3] >= 8)
        print(
            f"对口岗位 ≥10 个的学生 {len(enough)} 人：对口理由占比 {share:.1%}，"
            f"最少 {worst}/10，达到 ≥8/10 的 {met}/{len(enough)} 人。"
        )
    short = [r for r in rows if r[4] < TOP]
    if short:
        over = sum(1 for r in short if r[2] > r[4])
        lead = f"对口岗位不足10个的学生 {len(short)} 人；"
        print(lead + f"其中前10条多于对口岗位数（用无关岗位凑数）的 {over} 人。")


def main() -> None:
    parser = argparse.ArgumentParser(description="为我推荐：梧州演示数据的对口理由占比")
    parser.add_argument("--db", help="复制这个 SQLite 文件来评测，而不是重新生成演示数据")
    args = parser.parse_args()
    setup(args.db)
    report(evaluate())


if __name__ == "__main__":
    main()
