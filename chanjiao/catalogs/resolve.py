"""Resolve what a person typed for a region, occupation, industry or major to one catalogue row.

Everyone may type the code (as before) or the Chinese name: ``万秀区``, ``梧州市万秀区`` or
``广西梧州市万秀区`` for a region, ``车工`` or a unique common name for an occupation,
``护理（高职专科）`` or ``高职护理`` for a major. ``名称（代码）``, what the type-ahead fills in,
is read by its code.
A name that several rows carry is refused with the candidates and their codes, unless the rows
are one concept repeated down the tree (中类 0274 and 小类 2740 are both 中成药生产): then the
most specific row is meant.

``catalog_resolve`` asks the database for each value; ``CatalogIndex.load()`` reads every active
row once, for imports that resolve thousands of values (``catalog_resolve(..., index=index)``).
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, cast

from django.db.models import Q

from chanjiao.catalogs.models import Industry, Major, Occupation, Region

CatalogKind = Literal["region", "occupation", "industry", "major"]
KINDS: tuple[CatalogKind, ...] = ("region", "occupation", "industry", "major")
MODELS: dict[str, Any] = {
    "region": Region,
    "occupation": Occupation,
    "industry": Industry,
    "major": Major,
}
NOUNS = {"region": "地区", "occupation": "职业", "industry": "行业", "major": "专业"}
UNKNOWN_CODE = {
    "region": "未知的地区代码：{code}。",
    "occupation": "未知的职业代码（大典2022）：{code}。",
    "industry": "未知的行业代码（GB/T 4754）：{code}。",
    "major": "未知的专业代码：{code}。",
}
AMBIGUOUS_HINT = {
    "region": "请填写代码或带上级名称的全称。",
    "occupation": "请填写代码或从候选中选择。",
    "industry": "请填写代码或从候选中选择。",
    "major": "请填写代码或在名称后注明层次，如“{name}（高职专科）”。",
}
CODE_PATTERNS = {
    "region": re.compile(r"^\d{2,12}$"),
    "occupation": re.compile(r"^\d(-\d{2}){0,3}$"),
    "industry": re.compile(r"^([A-Za-z]|\d{2,4})$"),
    "major": re.compile(r"^\d{4,6}[A-Za-z]{0,2}$"),
}
# "名称（代码）" and "代码 名称", as the type-ahead and exports write them.
NAME_THEN_CODE = re.compile(r"^(?P<name>.*?)\((?P<code>[0-9A-Za-z-]+)\)$")
CODE_THEN_NAME = re.compile(r"^(?P<code>[0-9A-Za-z-]+)\s+(?P<name>\S.*)$")
TRAILING_PARENS = re.compile(r"^(?P<name>.+?)\((?P<note>[^()]+)\)$")
SHOWN_CANDIDATES = 8
# How a major's level is written after or before its name; 本科 may be either kind of 本科.
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "高等职业教育专科": ("高职专科",),
    "高等职业教育本科": ("职业本科",),
    "中等职业教育": ("中职",),
    "高职专科": ("高职专科",),
    "职业本科": ("职业本科",),
    "高职本科": ("职业本科",),
    "普通本科": ("普通本科",),
    "高职": ("高职专科",),
    "专科": ("高职专科",),
    "大专": ("高职专科",),
    "中职": ("中职",),
    "中专": ("中职",),
    "本科": ("职业本科", "普通本科"),
}
LEVELS_LONGEST_FIRST = sorted(LEVEL_WORDS, key=len, reverse=True)
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
ALIAS_SPLIT = re.compile(r"[,，;；]+")
ALIAS_MARKS = re.compile(r"(?<=[\u4e00-\u9fff])[LS/]+$")


@dataclass(frozen=True)
class Resolution:
    """The row a text stands for, or why there is none (a Chinese message and its reason)."""

    kind: str
    text: str
    row: Any = None
    matched_by: str = ""  # code, name, full_name, alias
    error: str = ""
    error_code: str = ""  # empty, unknown_code, unknown_name, ambiguous, mismatch
    candidates: tuple[Any, ...] = ()

    @property
    def ok(self) -> bool:
        return self.row is not None


def normalize(text: str) -> str:
    """Half-width digits and brackets, no spaces: how names are compared."""
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    return re.sub(r"\s+", "", text)


def catalog_label(kind: str, row: Any) -> str:
    """Name a row unambiguously for people: 广西壮族自治区梧州市万秀区, 车工（6-18-01-01）."""
    if kind == "region":
        return f"{region_full_name(row)}（{row.code}）"
    if kind == "major":
        return f"{row.name}（{row.level}，{row.code}）"
    return f"{row.name}（{row.code}）"


def region_full_name(row: Region) -> str:
    """The region's name with its parents: 市辖区 under 北京市 is 北京市市辖区."""
    full = row.full_name or ""
    return full if full.endswith(row.name) else full + row.name


class _Source(Protocol):
    """Where rows come from: the database (one query per question) or a preloaded index."""

    def by_code(self, kind: str, code: str) -> list[Any]: ...

    def by_names(self, kind: str, names: Iterable[str]) -> list[Any]: ...

    def by_alias(self, alias: str) -> list[Any]: ...

    def parent(self, kind: str, row: Any) -> Any: ...


class _Database:
    def _active(self, kind: str) -> Any:
        qs = MODELS[kind]._default_manager.filter(is_active=True)
        if kind != "major":
            qs = qs.select_related("parent__parent__parent")
        return qs

    def by_code(self, kind: str, code: str) -> list[Any]:
        return list(self._active(kind).filter(code=code).order_by("pk"))

    def by_names(self, kind: str, names: Iterable[str]) -> list[Any]:
        wanted = set(names)
        # Names are stored with full-width brackets (中医骨伤（康复）); the input is normalised.
        wanted |= {n.replace("(", "（").replace(")", "）") for n in wanted}
        return list(self._active(kind).filter(name__in=wanted).order_by("pk"))

    def by_alias(self, alias: str) -> list[Any]:
        rows = self._active("occupation").filter(aliases__contains=alias).order_by("pk")
        return [row for row in rows if alias in _aliases(row.aliases)]

    def parent(self, kind: str, row: Any) -> Any:
        return row.parent if getattr(row, "parent_id", None) else None


class CatalogIndex:
    """Every active row of the four catalogues in memory, for resolving many values at once."""

    def __init__(self) -> None:
        self.codes: dict[str, dict[str, list[Any]]] = {k: defaultdict(list) for k in KINDS}
        self.names: dict[str, dict[str, list[Any]]] = {k: defaultdict(list) for k in KINDS}
        self.ids: dict[str, dict[int, Any]] = {k: {} for k in KINDS}
        self.aliases: dict[str, list[Any]] = defaultdict(list)

    @classmethod
    def load(cls) -> "CatalogIndex":
        """Read every active row once (a fraction of a second)."""
        index = cls()
        for kind in KINDS:
            rows = MODELS[kind]._default_manager.filter(is_active=True).order_by("pk")
            if kind == "occupation":
                rows = rows.defer("definition", "main_tasks")
            if kind == "major":
                rows = rows.defer("summary", "career_directions", "note")
            for row in rows:
                index.ids[kind][row.pk] = row
                index.codes[kind][row.code].append(row)
                index.names[kind][normalize(row.name)].append(row)
                if kind == "occupation":
                    for alias in set(_aliases(row.aliases)):
                        index.aliases[alias].append(row)
        return index

    def by_code(self, kind: str, code: str) -> list[Any]:
        return list(self.codes[kind].get(code, ()))

    def by_names(self, kind: str, names: Iterable[str]) -> list[Any]:
        found: list[Any] = []
        for name in dict.fromkeys(names):
            found.extend(self.names[kind].get(name, ()))
        return found

    def by_alias(self, alias: str) -> list[Any]:
        return list(self.aliases.get(alias, ()))

    def parent(self, kind: str, row: Any) -> Any:
        parent_id = getattr(row, "parent_id", None)
        return self.ids[kind].get(parent_id) if parent_id else None


def _aliases(raw: str) -> list[str]:
    words = []
    for alias in ALIAS_SPLIT.split(raw or ""):
        alias = normalize(ALIAS_MARKS.sub("", alias.strip()))
        if alias:
            words.append(alias)
    return words


def catalog_resolve(kind: str, text: str, *, index: CatalogIndex | None = None) -> Resolution:
    """Resolve a code or a Chinese name of one catalogue (region, occupation, industry, major)."""
    if kind not in MODELS:
        raise ValueError(f"unknown catalogue {kind!r}")
    source: _Source = index if index is not None else _Database()
    raw = str(text or "").strip()
    value = normalize(raw)
    if not value:
        return Resolution(kind, raw, error="请填写。", error_code="empty")
    if _is_code(kind, value):
        return _by_code(source, kind, raw, _code_form(kind, value))
    spaced = unicodedata.normalize("NFKC", raw)
    for pattern, candidate in ((NAME_THEN_CODE, value), (CODE_THEN_NAME, spaced)):
        match = pattern.match(candidate)
        if match and _is_code(kind, match["code"]):
            return _by_code_and_name(source, kind, raw, match["code"], normalize(match["name"]))
    if kind == "region":
        return _region(source, raw, value)
    if kind == "major":
        return _major(source, raw, value)
    return _named(source, kind, raw, value)


def _is_code(kind: str, value: str) -> bool:
    return bool(CODE_PATTERNS[kind].match(value))


def _code_form(kind: str, value: str) -> str:
    return value.upper() if kind in ("industry", "major") else value


def _by_code(source: _Source, kind: str, raw: str, code: str) -> Resolution:
    rows = source.by_code(kind, code)
    if not rows:
        message = UNKNOWN_CODE[kind].format(code=raw.strip())
        return Resolution(kind, raw, error=message, error_code="unknown_code")
    return Resolution(kind, raw, row=rows[0], matched_by="code")


def _by_code_and_name(source: _Source, kind: str, raw: str, code: str, name: str) -> Resolution:
    found = _by_code(source, kind, raw, _code_form(kind, code))
    # Exports add notes after the name (车工（自动识别…）): only another name is refused.
    if found.ok and name and not name.startswith(normalize(found.row.name)):
        actual = catalog_label(kind, found.row)
        message = f"“{raw}”中的名称与代码不一致：代码 {found.row.code} 是“{actual}”。"
        return Resolution(kind, raw, error=message, error_code="mismatch")
    return found


def _named(source: _Source, kind: str, raw: str, value: str) -> Resolution:
    rows = _most_specific(source, kind, source.by_names(kind, [value]))
    matched_by = "name"
    if not rows and kind == "occupation":
        rows = _most_specific(source, kind, source.by_alias(value))
        matched_by = "alias"
    return _answer(kind, raw, rows, matched_by)


def _answer(
    kind: str, raw: str, rows: list[Any], matched_by: str, hint_name: str = ""
) -> Resolution:
    rows = list({row.pk: row for row in rows}.values())
    if len(rows) == 1:
        return Resolution(kind, raw, row=rows[0], matched_by=matched_by)
    noun = NOUNS[kind]
    if not rows:
        message = f"未找到名为“{raw}”的{noun}，请检查名称或填写{noun}代码。"
        return Resolution(kind, raw, error=message, error_code="unknown_name")
    rows.sort(key=lambda row: row.code)
    shown = "、".join(catalog_label(kind, row) for row in rows[:SHOWN_CANDIDATES])
    if len(rows) > SHOWN_CANDIDATES:
        shown += f"等 {len(rows)} 个"
    hint = AMBIGUOUS_HINT[kind].format(name=hint_name or raw)
    message = f"“{raw}”对应多个{noun}：{shown}，{hint}"
    return Resolution(kind, raw, error=message, error_code="ambiguous", candidates=tuple(rows))


def _ancestors(source: _Source, kind: str, row: Any) -> list[Any]:
    """The row's parents, nearest first."""
    chain: list[Any] = []
    parent = source.parent(kind, row)
    while parent is not None and len(chain) < 5:
        chain.append(parent)
        parent = source.parent(kind, parent)
    return chain


def _most_specific(source: _Source, kind: str, rows: list[Any]) -> list[Any]:
    """Keep the deepest row when all rows of one name lie on one branch of the tree."""
    rows = list({row.pk: row for row in rows}.values())
    if len(rows) < 2 or kind == "major":
        return rows
    deepest = max(rows, key=lambda row: len(_ancestors(source, kind, row)))
    above = {row.pk for row in _ancestors(source, kind, deepest)}
    if all(row.pk == deepest.pk or row.pk in above for row in rows):
        return [deepest]
    return rows


def _region(source: _Source, raw: str, value: str) -> Resolution:
    """A region by its name, or by its name after any of its parents' names (full or short)."""
    suffixes = {value[i:]: i for i in range(len(value))}
    matches = []
    for row in source.by_names("region", suffixes):
        prefix = value[: suffixes[normalize(row.name)]]
        if not prefix or _parents_spell(prefix, _ancestors(source, "region", row)):
            matches.append((len(prefix) == 0, row))
    exact = [row for is_exact, row in matches if is_exact]
    rows = exact if exact and len(exact) == len(matches) else [row for _, row in matches]
    matched_by = "name" if exact and len(exact) == len(matches) else "full_name"
    return _answer("region", raw, _most_specific(source, "region", rows), matched_by)


def _parents_spell(prefix: str, parents: list[Any]) -> bool:
    """Tell whether ``prefix`` is some of these parents' names, outermost first (广西梧州市)."""
    rest = prefix
    for parent in reversed(parents):
        for form in _region_forms(normalize(parent.name)):
            if rest.startswith(form):
                rest = rest[len(form) :]
                break
    return rest == ""


def _region_forms(name: str) -> list[str]:
    forms = [name]
    for suffix in PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.append(name[: -len(suffix)])
            break
    return forms


def _major(source: _Source, raw: str, value: str) -> Resolution:
    """A major by its name, narrowed by a level written in brackets, before or after it."""
    rows = source.by_names("major", [value])
    if rows:
        return _answer("major", raw, rows, "name", hint_name=value)
    name, levels = _major_name_and_levels(value)
    if name and levels:
        rows = [row for row in source.by_names("major", [name]) if row.level in levels]
        if rows:
            return _answer("major", raw, rows, "name", hint_name=name)
        if source.by_names("major", [name]):
            known = "、".join(sorted({r.level for r in source.by_names("major", [name])}))
            message = f"“{name}”没有“{'或'.join(levels)}”层次的专业（现有层次：{known}）。"
            return Resolution("major", raw, error=message, error_code="unknown_name")
    return _answer("major", raw, [], "name")


def _major_name_and_levels(value: str) -> tuple[str, tuple[str, ...]]:
    match = TRAILING_PARENS.match(value)
    if match and match["note"] in LEVEL_WORDS:
        return match["name"], LEVEL_WORDS[match["note"]]
    for word in LEVELS_LONGEST_FIRST:
        if value.endswith(word) and len(value) > len(word):
            return value[: -len(word)], LEVEL_WORDS[word]
        if value.startswith(word) and len(value) > len(word):
            return value[len(word) :], LEVEL_WORDS[word]
    return "", ()


@dataclass
class CatalogSuggestion:
    """One type-ahead choice: what to put in the field, and how to show it."""

    value: str
    label: str
    code: str
    name: str
    extra: dict[str, str] = field(default_factory=dict)


def catalog_suggest(kind: str, query: str, *, limit: int = 20) -> list[CatalogSuggestion]:
    """Return up to ``limit`` active rows whose code starts with, or name contains, the query.

    The value is what the resolver reads back as this very row: the plain name when no other
    active row has it, otherwise ``名称（代码）``.
    """
    if kind not in MODELS:
        raise ValueError(f"unknown catalogue {kind!r}")
    text = normalize(query)[:50]
    if not text:
        return []
    qs = MODELS[kind]._default_manager.filter(is_active=True)
    condition = Q(code__istartswith=text) | Q(name__contains=text)
    if kind == "region":
        condition |= Q(full_name__contains=text)
    if kind == "occupation":
        condition |= Q(aliases__contains=text)
        qs = qs.defer("definition", "main_tasks")
    if kind == "major":
        qs = qs.defer("summary", "career_directions", "note")
    rows = list(qs.filter(condition).order_by("code")[:500])
    rows.sort(key=lambda row: _suggest_rank(kind, row, text))
    rows = rows[:limit]
    names = [row.name for row in rows]
    counts = defaultdict(int)
    for name, count in _name_counts(kind, names):
        counts[name] = count
    return [_suggestion(kind, row, counts[row.name]) for row in rows]


def _suggest_rank(kind: str, row: Any, text: str) -> tuple[int, int, str]:
    name = row.name
    if row.code.upper().startswith(text.upper()) or name == text:
        first = 0
    elif name.startswith(text):
        first = 1
    elif text in name:
        first = 2
    else:
        first = 3  # a parent's name or a common name
    leaf = {"region": "县级", "occupation": "细类", "industry": "小类"}.get(kind)
    depth = 0 if leaf is None or getattr(row, "level", "") == leaf else 1
    return (first, depth if kind != "region" else 0, row.code)


def _name_counts(kind: str, names: list[str]) -> list[tuple[str, int]]:
    from django.db.models import Count

    qs = MODELS[kind]._default_manager.filter(is_active=True, name__in=set(names))
    return cast(
        list[tuple[str, int]],
        list(qs.values("name").annotate(n=Count("pk")).values_list("name", "n")),
    )


def _suggestion(kind: str, row: Any, same_name: int) -> CatalogSuggestion:
    label = catalog_label(kind, row)
    if kind == "region":
        value = row.name if same_name <= 1 else f"{row.name}（{row.code}）"
        return CatalogSuggestion(value, label, row.code, row.name, {"level": row.level})
    if same_name <= 1:
        value = row.name
    elif kind == "major":
        value = f"{row.name}（{row.level}）"
    else:
        value = f"{row.name}（{row.code}）"
    extra = {"level": getattr(row, "level", "")}
    return CatalogSuggestion(value, label, row.code, row.name, extra)
