"""Statistical disclosure control for public tables: small cells hidden, totals kept safe.

Rule (docs/analytics.md): a cell about 1–4 people is hidden (primary suppression). Within every
group whose total is published elsewhere (the whole table, or a parent row such as an industry
门类 or a 大典 中类), more cells are hidden, smallest first, until the hidden non-zero cells of the
group are at least two and add up to at least 5, so that the group total minus the shown cells
never gives one small cell back (complementary suppression). When a parent row is hidden, all its
children are hidden too. Zero cells are shown.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence

THRESHOLD = 5


def is_small(value: float) -> bool:
    """Tell whether a figure is about fewer than 5 people (but not zero)."""
    return 0 < value < THRESHOLD


def _group_is_safe(values: Sequence[float], hidden: Sequence[bool]) -> bool:
    hidden_values = [v for v, h in zip(values, hidden, strict=True) if h and v > 0]
    return not hidden_values or (len(hidden_values) >= 2 and sum(hidden_values) >= THRESHOLD)


def complement(columns: Sequence[Sequence[float]], hidden: list[bool]) -> list[bool]:
    """Hide further cells of one group until every measure column is safe; return the flags."""
    hidden = list(hidden)
    changed = True
    while changed:  # hiding for one column may unsettle another; repeat until stable
        changed = False
        for values in columns:
            while not _group_is_safe(values, hidden):
                candidates = [i for i, v in enumerate(values) if not hidden[i] and v > 0]
                if not candidates:
                    break
                hidden[min(candidates, key=lambda i: (values[i], i))] = True
                changed = True
    return hidden


def suppress_flat(
    columns: Sequence[Sequence[float]], already_hidden: Sequence[bool] | None = None
) -> list[bool]:
    """Suppress one table whose total is public: primary on every column, then complementary."""
    size = len(columns[0]) if columns else 0
    hidden = list(already_hidden) if already_hidden is not None else [False] * size
    for values in columns:
        hidden = [h or is_small(v) for h, v in zip(hidden, values, strict=True)]
    return complement(columns, hidden)


def suppress_hierarchy(
    values: dict[str, float], levels: Sequence[Callable[[str], str]]
) -> set[str]:
    """Return the hidden codes of a table whose rows roll up through ``levels`` (top first).

    ``levels[i](code)`` gives the code's ancestor at level i; the last level is the row itself.
    """
    hidden_above: set[str] = set()
    parent_of: Callable[[str], str] = lambda _code: ""  # noqa: E731 - the whole table
    for depth, level in enumerate(levels):
        totals: dict[str, float] = defaultdict(float)
        for code, value in values.items():
            totals[level(code)] += value
        groups: dict[str, list[str]] = defaultdict(list)
        for node in sorted(totals):
            groups[parent_of(node)].append(node)
        hidden_here: set[str] = set()
        for parent, nodes in groups.items():
            if depth > 0 and parent in hidden_above:
                hidden_here.update(nodes)
                continue
            flags = suppress_flat([[totals[node] for node in nodes]])
            hidden_here.update(node for node, flag in zip(nodes, flags, strict=True) if flag)
        hidden_above = hidden_here
        parent_of = level
    return hidden_above
