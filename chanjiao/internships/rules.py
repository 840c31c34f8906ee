"""The red lines of 《职业学校学生实习管理规定》 as data (``data/red_lines.json``), one check each.

Each rule of the JSON (key, label, kinds, parameters, article, quote) has one check function in
``CHECKS``, keyed by the same key; every number comes from the rule's ``parameters``. A check
looks at ``PlacementFacts`` (the placement as entered, or as a weekly log reveals it) and returns
``Breach`` (the field at fault and the Chinese message citing the article) or ``None``.
``agreement_required`` and ``insurance_required`` are gates of the start step
(``internships.workflow``), not entry checks.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).resolve().parent / "data" / "red_lines.json"
REGULATION = "《职业学校学生实习管理规定》"
# The start gates: checked when the placement starts, not when it is entered.
GATE_KEYS = frozenset({"agreement_required", "insurance_required"})


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    kinds: frozenset[str]
    parameters: dict[str, Any]
    article: str
    quote: str
    verified: bool

    @property
    def citation(self) -> str:
        """``《职业学校学生实习管理规定》第十六条`` (the article may still be blank); a rule taken
        from another act names that act itself (``《国务院关于职工工作时间的规定》第三条``)."""
        if self.article.startswith("《"):
            return self.article
        return f"{REGULATION}{self.article}"

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds

    def message(self, detail: str = "") -> str:
        """``违反《…》第X条：<label>（<detail>）。``"""
        text = f"违反{self.citation}：{self.label}"
        return f"{text}（{detail}）。" if detail else f"{text}。"


@dataclass(frozen=True)
class Breach:
    rule: Rule
    field: str
    message: str


@dataclass
class PlacementFacts:
    """What the checks read. Counts include the placement being checked."""

    kind: str
    start_date: date
    birth_date: date | None = None
    enrollment_year: int | None = None
    daily_hours: Decimal | None = None
    weekly_hours: Decimal | None = None
    has_night_shift: bool = False
    has_overtime: bool = False
    has_holiday_work: bool = False
    monthly_pay: Decimal | None = None
    probation_wage: Decimal | None = None
    unit_staff: int | None = None
    unit_interns: int = 1
    post_staff: int | None = None
    post_interns: int = 1
    charges_fees: bool = False
    withholds_id_documents: bool = False
    via_intermediary: bool = False
    venue_text: str = ""
    # The fields whose names the breaches carry (a weekly log names its own fields).
    field_names: dict[str, str] = field(default_factory=dict)

    def name(self, default: str) -> str:
        return self.field_names.get(default, default)


@cache
def rules_load() -> dict[str, Rule]:
    """Return the rules of ``data/red_lines.json`` by key (read once per process)."""
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    rules: dict[str, Rule] = {}
    for item in data["rules"]:
        rules[item["key"]] = Rule(
            key=item["key"],
            label=item["label"],
            kinds=frozenset(item.get("kinds") or ()),
            parameters=dict(item.get("parameters") or {}),
            article=item.get("article") or "",
            quote=item.get("quote") or "",
            verified=bool(item.get("verified")),
        )
    missing = (set(CHECKS) | GATE_KEYS) - set(rules)
    if missing:
        raise ValueError(f"red_lines.json lacks the rules {sorted(missing)}")
    return rules


def rule_get(key: str) -> Rule:
    """Return one rule by its key."""
    return rules_load()[key]


def age_on(birth_date: date, day: date) -> int:
    """Full years of age on ``day`` (a birthday on 29 February counts on 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def _min_age(rule: Rule, facts: PlacementFacts) -> Breach | None:
    minimum = int(rule.parameters["min_age_years"])
    if facts.birth_date is None:
        detail = "缺少学生出生日期，无法核对年龄，请填写“出生日期”"
        return Breach(rule, facts.name("birth_date"), rule.message(detail))
    age = age_on(facts.birth_date, facts.start_date)
    if age >= minimum:
        return None
    detail = f"开始日期时学生 {age} 周岁，未满 {minimum} 周岁"
    return Breach(rule, facts.name("birth_date"), rule.message(detail))


def _first_year_post(rule: Rule, facts: PlacementFacts) -> Breach | None:
    # The school year starts on 1 September; before the next one the student is in year one.
    if facts.enrollment_year is None:
        return None
    if facts.start_date >= date(facts.enrollment_year + 1, 9, 1):
        return None
    detail = f"学生 {facts.enrollment_year} 年入学，开始日期时仍是一年级"
    return Breach(rule, facts.name("start_date"), rule.message(detail))


def _share(
    rule: Rule, *, interns: int, staff: int | None, field_name: str, what: str
) -> Breach | None:
    limit = int(rule.parameters["max_percent"])
    if staff is None or staff <= 0:
        detail = f"缺少{what}，无法核对比例，请先填写"
        return Breach(rule, field_name, rule.message(detail))
    # Integer arithmetic: 100 of 1000 is allowed, 101 of 1000 (10.1 %) is not.
    if interns * 100 <= staff * limit:
        return None
    detail = f"含本次共 {interns} 名岗位实习学生，{what} {staff} 人，超过 {limit}%"
    return Breach(rule, field_name, rule.message(detail))


def _unit_share(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _share(
        rule,
        interns=facts.unit_interns,
        staff=facts.unit_staff,
        field_name=facts.name("enterprise"),
        what="实习单位在岗职工总数",
    )


def _post_share(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _share(
        rule,
        interns=facts.post_interns,
        staff=facts.post_staff,
        field_name=facts.name("post_staff_count"),
        what="该岗位在岗职工人数",
    )


def _pay_floor(rule: Rule, facts: PlacementFacts) -> Breach | None:
    percent = Decimal(str(rule.parameters["min_percent_of_probation_wage"]))
    if facts.probation_wage is None:
        detail = "缺少本单位相同岗位试用期工资，无法核对报酬，请填写"
        return Breach(rule, facts.name("probation_wage"), rule.message(detail))
    if facts.monthly_pay is None:
        return Breach(rule, facts.name("monthly_pay"), rule.message("缺少实习报酬，请填写"))
    if facts.monthly_pay * 100 >= facts.probation_wage * percent:
        return None
    floor = (facts.probation_wage * percent / 100).quantize(Decimal("0.01"))
    detail = f"实习报酬 {facts.monthly_pay} 元/月，低于 {floor} 元/月"
    return Breach(rule, facts.name("monthly_pay"), rule.message(detail))


def _hours(rule: Rule, value: Decimal | None, field_name: str, period: str) -> Breach | None:
    limit = Decimal(str(rule.parameters["max_hours"]))
    if value is None or value <= limit:
        return None
    detail = f"{period}工作 {value} 小时，超过 {limit} 小时"
    return Breach(rule, field_name, rule.message(detail))


def _daily_hours(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _hours(rule, facts.daily_hours, facts.name("daily_hours"), "每天")


def _weekly_hours(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _hours(rule, facts.weekly_hours, facts.name("weekly_hours"), "每周")


def _flag(rule: Rule, is_set: bool, field_name: str) -> Breach | None:
    return Breach(rule, field_name, rule.message()) if is_set else None


def _no_overtime(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _flag(rule, facts.has_overtime, facts.name("has_overtime"))


def _no_night_shift(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _flag(rule, facts.has_night_shift, facts.name("has_night_shift"))


def _no_holiday_work(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _flag(rule, facts.has_holiday_work, facts.name("has_holiday_work"))


def _no_fees(rule: Rule, facts: PlacementFacts) -> Breach | None:
    if facts.charges_fees:
        return _flag(rule, True, facts.name("charges_fees"))
    return _flag(rule, facts.withholds_id_documents, facts.name("withholds_id_documents"))


def _no_intermediary(rule: Rule, facts: PlacementFacts) -> Breach | None:
    return _flag(rule, facts.via_intermediary, facts.name("via_intermediary"))


def _no_entertainment_venue(rule: Rule, facts: PlacementFacts) -> Breach | None:
    text = facts.venue_text.upper()
    found = [word for word in rule.parameters["venue_words"] if word.upper() in text]
    if not found:
        return None
    detail = f"实习场所含“{found[0]}”"
    return Breach(rule, facts.name("venue_description"), rule.message(detail))


Check = Callable[[Rule, PlacementFacts], Breach | None]

# One check per rule key of red_lines.json (the two start gates live in the workflow).
CHECKS: dict[str, Check] = {
    "min_age": _min_age,
    "first_year_post": _first_year_post,
    "unit_share": _unit_share,
    "post_share": _post_share,
    "pay_floor": _pay_floor,
    "daily_hours": _daily_hours,
    "weekly_hours": _weekly_hours,
    "no_overtime": _no_overtime,
    "no_night_shift": _no_night_shift,
    "no_holiday_work": _no_holiday_work,
    "no_fees": _no_fees,
    "no_intermediary": _no_intermediary,
    "no_entertainment_venue": _no_entertainment_venue,
}


def breaches_find(facts: PlacementFacts, *, keys: frozenset[str] | None = None) -> list[Breach]:
    """Run every check that applies to the placement's kind (or only ``keys``)."""
    found: list[Breach] = []
    for key, check in CHECKS.items():
        rule = rule_get(key)
        if (keys is not None and key not in keys) or not rule.applies_to(facts.kind):
            continue
        breach = check(rule, facts)
        if breach is not None:
            found.append(breach)
    return found
