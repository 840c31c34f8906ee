"""Query words that name occupations: 护理 → 护理人员 (2-05-08) …, 数控 → 机械冷加工人员 (6-18-01).

A query term that names an occupation also matches the posts classified to it (declared by the
publisher or filled by the classifier), even when their title uses another word. The words come
from the 大典 itself — every word of a 小类 or 细类 name (the words of its segmentation and the
dictionary words inside them, so 养护工程 does not yield 护工) and every alias — unless the
maintained list ``data/occupation_words.txt`` names the word: then the list decides (厨师, 仓管,
汽修 are not in the catalogue; 美容 should not find 宠物美容师).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

OCCUPATION_WORDS_FILE = Path(__file__).parent / "data" / "occupation_words.txt"
# A word found in more occupations than this (人员, 技术, 服务 …) names none of them precisely.
MAX_AUTOMATIC_CODES = 30
EXPANDED_LEVELS = ("小类", "细类")
ALIAS_SPLIT = re.compile(r"[,，、;；/／]+")
ALIAS_MARKS = re.compile(r"(?<=[\u4e00-\u9fff])[LS]+$")
CODE = re.compile(r"^\d(-\d\d){0,3}$")


def code_prefix(code: str) -> str:
    """Drop the empty levels of an occupation code: 2-05-08-00 → 2-05-08."""
    parts = code.split("-")
    while len(parts) > 1 and parts[-1].strip("0") == "":
        parts.pop()
    return "-".join(parts)


def _minimal(codes: Iterable[str]) -> tuple[str, ...]:
    """Keep the codes not already covered by a shorter prefix in the set, sorted."""
    found = set(codes)
    return tuple(
        sorted(c for c in found if not any(c.startswith(p + "-") for p in found if p != c))
    )


@dataclass(frozen=True)
class OccupationWords:
    """Word → occupation code prefixes: the maintained list where it has the word, else the
    catalogue's names and aliases (unless the word is in too many of them to be precise)."""

    automatic: dict[str, frozenset[str]]
    curated: dict[str, frozenset[str]]

    def word_codes(self, word: str) -> frozenset[str]:
        """Return the code prefixes one word stands for on its own."""
        if word in self.curated:
            return self.curated[word]
        automatic = self.automatic.get(word, frozenset())
        return automatic if len(automatic) <= MAX_AUTOMATIC_CODES else frozenset()

    def codes(self, word: str, related: Iterable[str] = ()) -> tuple[str, ...]:
        """Return the occupation code prefixes a query word or its synonyms stand for."""
        found: set[str] = set()
        for each in dict.fromkeys((word, *related)):
            found |= self.word_codes(each)
        return _minimal(found)

    def names_occupations(self, word: str, related: Iterable[str] = ()) -> bool:
        """Whether a word or its synonyms appear in occupation names, aliases or the list, even
        in too many of them to expand (机械, 装配): such a word asks for a kind of work."""
        return any(each in self.curated or each in self.automatic for each in (word, *related))

    @property
    def words(self) -> frozenset[str]:
        """The maintained words (they join the segmentation dictionary)."""
        return frozenset(self.curated)


def curated_words(path: Path = OCCUPATION_WORDS_FILE) -> dict[str, frozenset[str]]:
    """Read the maintained list: per word, the occupation code prefixes it names."""
    curated: dict[str, frozenset[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, *codes = line.split()
        for code in codes:
            if not CODE.match(code):
                raise ValueError(f"{path.name} 第 {number} 行：“{code}”不是职业代码。")
        if not codes:
            raise ValueError(f"{path.name} 第 {number} 行：“{word}”后面缺少职业代码。")
        curated[word.lower()] = frozenset(code_prefix(code) for code in codes)
    return curated


def occupation_words_build(
    *,
    occupations: Iterable[tuple[str, str, str, str]],
    segment: Callable[[str], Iterable[str]],
    normalize: Callable[[str], str],
) -> OccupationWords:
    """Index (code, name, level, aliases) rows: each name word and each alias → code prefixes."""
    automatic: dict[str, set[str]] = {}
    for code, name, level, aliases in occupations:
        if level not in EXPANDED_LEVELS or name.startswith("其他"):
            continue
        prefix = code_prefix(code)
        words = {w for w in segment(normalize(name)) if len(w) >= 2}
        for alias in ALIAS_SPLIT.split(normalize(aliases or "")):
            alias = ALIAS_MARKS.sub("", alias.strip())
            if 2 <= len(alias) <= 8:
                words.add(alias)
        for word in words:
            automatic.setdefault(word, set()).add(prefix)
    return OccupationWords(
        automatic={w: frozenset(c) for w, c in automatic.items()}, curated=curated_words()
    )
