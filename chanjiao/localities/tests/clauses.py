"""Find the clause (the documents' own numbering) that a position in a policy document lies in."""

import re

_NUMERALS = "一二三四五六七八九十"
_TOP = re.compile(rf"^([{_NUMERALS}]+)、")
_SUB = re.compile(rf"^[（(]([{_NUMERALS}]+)[）)]")
_ITEM = re.compile(r"^(\d+)、")


def clause_at(text: str, position: int, *, with_section: bool) -> str:
    """Return the clause in force at ``position``: ``（六）``, or ``二（二）4`` with sections.

    Documents that number their articles continuously are cited by the article alone
    (``（六）``); a document that restarts the numbering per section is cited with the
    section and item (``二（二）4``, ``三2``).
    """
    top = sub = item = ""
    offset = 0
    for line in text[:position].splitlines(keepends=True):
        stripped = line.strip()
        if match := _TOP.match(stripped):
            top, sub, item = match.group(1), "", ""
        elif match := _SUB.match(stripped):
            sub, item = f"（{match.group(1)}）", ""
        elif (match := _ITEM.match(stripped)) and with_section:
            item = match.group(1)
        offset += len(line)
    if with_section:
        return f"{top}{sub}{item}"
    return sub or top
