"""Rules across the columns of one row, applied to the row as it will be stored (pass 2).

A column left out of the file keeps the stored value, so the rules see the merged figures. When
a class (就业/升学/未就业) is empty but its sub-cases are given, the class is their sum.
"""

from typing import Any

from chanjiao.common.tabular import ImportIssue
from chanjiao.statistics.destinations import DESTINATION_CLASSES, SUB_CASE_LABELS
from chanjiao.statistics.importing.major_year_rows import (
    FIGURE_FIELDS,
    ParsedRow,
)
from chanjiao.statistics.models import MajorYearStat

CLASS_LABELS = {d.field: d.label for d in DESTINATION_CLASSES}


def merged_values(parsed: ParsedRow, stored: MajorYearStat | None) -> dict[str, Any]:
    """Return the row's figures and details over the stored ones (left-out columns kept)."""
    values: dict[str, Any] = {
        name: (getattr(stored, name) if stored is not None else None) for name in FIGURE_FIELDS
    }
    values.update(parsed.figures)
    details = dict(stored.destination_details) if stored is not None else {}
    for key, count in parsed.details.items():
        if count is None:
            details.pop(key, None)
        else:
            details[key] = count
    values["destination_details"] = details
    values["source"] = (
        parsed.source
        if parsed.source is not None
        else (stored.source if stored is not None else "")
    )
    return values


def row_checks(
    parsed: ParsedRow, values: dict[str, Any], header_text: Any, issues: list[ImportIssue]
) -> None:
    """Check the merged figures of one row, deriving empty classes from their sub-cases."""

    def fail(key: str, message: str) -> None:
        issues.append(ImportIssue(parsed.row, header_text(key), message))

    if all(values[name] is None for name in FIGURE_FIELDS) and not values["destination_details"]:
        fail("", "没有填写任何统计数（招生、在校生、毕业生或去向）。")
        return
    _sub_cases(values, fail)
    _classes(values, fail)
    employed = values["employed"]
    for name, label in (
        ("employed_local", "本地就业人数"),
        ("employed_related", "专业相关就业人数"),
    ):
        if employed is not None and values[name] is not None and values[name] > employed:
            fail(name, f"{label}（{values[name]}）不能大于就业人数（{employed}）。")


def _sub_cases(values: dict[str, Any], fail: Any) -> None:
    details = values["destination_details"]
    for destination in DESTINATION_CLASSES:
        given = [(key, details[key]) for key, _ in destination.sub_cases if key in details]
        if not given:
            continue
        total = sum(count for _, count in given)
        if values[destination.field] is None:
            values[destination.field] = total
        elif values[destination.field] != total:
            names = "、".join(SUB_CASE_LABELS[key] for key, _ in given)
            fail(
                destination.field,
                f"{destination.label}（{values[destination.field]}）与其明细（{names}）"
                f"之和 {total} 不相等。",
            )


def _classes(values: dict[str, Any], fail: Any) -> None:
    graduates = values["graduates"]
    counts = [values[d.field] for d in DESTINATION_CLASSES]
    if graduates is None:
        return
    given = [count for count in counts if count is not None]
    total = sum(given)
    if len(given) == len(counts) and total != graduates:
        fail(
            "graduates",
            f"就业人数、升学人数、未就业人数之和（{total}）不等于毕业生数（{graduates}）。",
        )
    elif total > graduates:
        fail("graduates", f"已填写的去向人数之和（{total}）大于毕业生数（{graduates}）。")
