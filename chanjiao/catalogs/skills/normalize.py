"""The text form skills are matched in: full width → half width, Latin lower case, no spaces.

``chanjiao.search.text.normalize`` sits in a higher layer; this tiny normaliser is all the
skill vocabulary needs (the catalogues app must not import search).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def skill_normalize(text: str) -> str:
    """Return text as skills are matched: NFKC (全角→半角), lower-cased, spaces removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or "").lower())


def is_latin(term: str) -> bool:
    """Tell whether a (normalised) term is written in ASCII only (PLC, c++, node.js)."""
    return term.isascii()
