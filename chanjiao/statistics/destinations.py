"""The MoE 毕业去向 classes (就业 / 升学 / 未就业) and the sub-cases the platform records.

The classes are fields of ``MajorYearStat``; the sub-cases are keys of its
``destination_details`` JSON. The list follows the categories of 教育部 毕业去向登记
(签就业协议形式就业, 签劳动合同形式就业, 应征义务兵, 基层项目, 自主创业, 自由职业, 其他录用形式就业;
境内升学, 出国出境; 待就业, 暂不就业); see docs/statistics.md.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DestinationClass:
    """A 毕业去向 class: the ``MajorYearStat`` field holding its count, its label, its sub-cases."""

    field: str
    label: str
    sub_cases: tuple[tuple[str, str], ...]


DESTINATION_CLASSES: tuple[DestinationClass, ...] = (
    DestinationClass(
        field="employed",
        label="就业人数",
        sub_cases=(
            ("agreement", "签就业协议形式就业人数"),
            ("contract", "签劳动合同形式就业人数"),
            ("military", "应征义务兵人数"),
            ("grassroots", "基层项目就业人数"),
            ("entrepreneurship", "自主创业人数"),
            ("freelance", "自由职业人数"),
            ("other_employment", "其他录用形式就业人数"),
        ),
    ),
    DestinationClass(
        field="further_study",
        label="升学人数",
        sub_cases=(
            ("domestic_study", "境内升学人数"),
            ("abroad", "出国出境人数"),
        ),
    ),
    DestinationClass(
        field="not_employed",
        label="未就业人数",
        sub_cases=(
            ("seeking", "待就业人数"),
            ("not_seeking", "暂不就业人数"),
        ),
    ),
)

SUB_CASE_LABELS: dict[str, str] = {
    key: label for cls in DESTINATION_CLASSES for key, label in cls.sub_cases
}
