"""The skill vocabulary: built from the reference data at run time, cached per catalogue version.

Terms come from the 专业简介 (能力要求, 课程, 证书), the 大典's 主要工作任务 and the BOSS直聘
position taxonomy; generic words (``skill_stopwords.csv``) are dropped and variants map to one
canonical name (``skill_synonyms.csv`` plus automatic full/half width and Latin case).
Extraction is a left-to-right longest match of vocabulary terms in the normalised text.
"""

import csv
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chanjiao.catalogs.skills.normalize import is_latin, skill_normalize
from chanjiao.catalogs.skills.phrases import (
    ability_phrases,
    certificate_names,
    course_names,
    position_skill,
    task_phrases,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SYNONYMS_FILE = DATA_DIR / "skill_synonyms.csv"
STOPWORDS_FILE = DATA_DIR / "skill_stopwords.csv"
POSITIONS_FILE = DATA_DIR / "boss_zhipin_positions.csv"
# A 主要工作任务 piece shared by more occupations than this is generic (编制工作计划); an
# 能力要求 phrase shared by more majors than this is too (探究学习, 持续发展).
TASK_MAX_OCCUPATIONS = 8
ABILITY_MAX_MAJORS = 12
MIN_CHINESE = 2


@dataclass
class SkillVocabulary:
    """Normalised term → canonical skill name, with the longest-match extractor."""

    terms: dict[str, str]
    sources: dict[str, set[str]] = field(default_factory=dict)
    _prefixes: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self._prefixes = {t[:i] for t in self.terms for i in range(1, len(t) + 1)}

    def __len__(self) -> int:
        return len(set(self.terms.values()))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.terms.get(skill_normalize(name)) == name

    def canonical(self, term: str) -> str | None:
        """Return the canonical name of a term or variant (None when not a skill)."""
        return self.terms.get(skill_normalize(term))

    def extract(self, text: str | None) -> list[str]:
        """Return the canonical skills named in a text, in order of first appearance."""
        norm = skill_normalize(text or "")
        found: dict[str, None] = {}
        start, n = 0, len(norm)
        while start < n:
            end, best = start + 1, 0
            while end <= n and norm[start:end] in self._prefixes:
                if norm[start:end] in self.terms and self._bounded(norm, start, end):
                    best = end
                end += 1
            if best:
                found.setdefault(self.terms[norm[start:best]], None)
                start = best
            else:
                start += 1
        return list(found)

    @staticmethod
    def _bounded(norm: str, start: int, end: int) -> bool:
        """A Latin term must not sit inside a longer Latin word (PS in https, C in CAD)."""
        if not is_latin(norm[start:end]):
            return True
        before = norm[start - 1] if start else " "
        after = norm[end] if end < len(norm) else " "
        return not (_latin_word(before) or _latin_word(after))


def _latin_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def stopwords() -> set[str]:
    """Return the reviewed list of generic words that are never a skill (normalised)."""
    return {skill_normalize(r["word"]) for r in _read_csv(STOPWORDS_FILE)}


def synonyms() -> list[tuple[str, str]]:
    """Return (canonical, variant) pairs of the synonym file."""
    return [(r["canonical"].strip(), r["variant"].strip()) for r in _read_csv(SYNONYMS_FILE)]


def position_skills() -> list[str]:
    """Return the names of the position taxonomy that name skills (not job titles)."""
    names = (position_skill(r["name"]) for r in _read_csv(POSITIONS_FILE))
    return [n for n in names if n]


def frequent_pieces(pieces_per_text: Iterable[list[str]], limit: int) -> set[str]:
    """Return the pieces found in more than ``limit`` texts: too common to be specific."""
    counts: Counter[str] = Counter()
    for pieces in pieces_per_text:
        counts.update(set(pieces))
    return {piece for piece, count in counts.items() if count > limit}


def vocabulary_build(
    *,
    profiles: Iterable[tuple[str, str, str]],
    task_texts: Iterable[str],
    positions: Iterable[str],
) -> SkillVocabulary:
    """Build a vocabulary from (abilities, courses, certificates) rows, tasks and positions."""
    stop = stopwords()
    terms: dict[str, str] = {}
    sources: dict[str, set[str]] = {}

    def add(term: str, source: str) -> None:
        norm = skill_normalize(term)
        if not norm or norm in stop or (not is_latin(norm) and len(norm) < MIN_CHINESE):
            return
        terms.setdefault(norm, term.strip())
        sources.setdefault(terms[norm], set()).add(source)

    rows = list(profiles)
    abilities = [ability_phrases(row[0]) for row in rows]
    common = frequent_pieces(abilities, ABILITY_MAX_MAJORS)
    for phrases, (_, courses, certificates) in zip(abilities, rows, strict=True):
        for phrase in phrases:
            if phrase not in common:
                add(phrase, "能力要求")
        for name in course_names(courses):
            add(name, "课程")
        for name in certificate_names(certificates):
            add(name, "证书")
    tasks = [task_phrases(text) for text in task_texts]
    generic = frequent_pieces(tasks, TASK_MAX_OCCUPATIONS)
    for pieces in tasks:
        for piece in pieces:
            if piece not in generic:
                add(piece, "主要工作任务")
    for name in positions:
        add(name, "岗位分类")
    for canonical, variant in synonyms():
        add(canonical, "同义词表")
        norm = skill_normalize(variant)
        if norm and norm not in stop:
            terms[norm] = terms[skill_normalize(canonical)]
    return SkillVocabulary(terms, sources)


_LOCK = threading.Lock()
_CACHE: dict[str, object] = {}
# How long a process trusts its vocabulary before it checks the catalogue version again.
VERSION_CHECK_SECONDS = 30.0


def catalog_version() -> str:
    """Return a key that changes whenever the catalogues are (re)loaded."""
    from chanjiao.catalogs.models import CatalogLoad, MajorProfile, Occupation

    last = CatalogLoad.objects.order_by("-pk").values_list("pk", flat=True).first()
    return f"{last}:{MajorProfile.objects.count()}:{Occupation.objects.count()}"


def vocabulary_from_catalogs() -> SkillVocabulary:
    """Build the vocabulary from the loaded catalogues and the data files (about a second)."""
    from chanjiao.catalogs.models import MajorProfile, Occupation

    profiles = MajorProfile.objects.filter(is_active=True).values_list(
        "abilities", "courses", "certificates"
    )
    tasks = Occupation.objects.exclude(main_tasks="").values_list("main_tasks", flat=True)
    return vocabulary_build(profiles=profiles, task_texts=tasks, positions=position_skills())


def skill_vocabulary() -> SkillVocabulary:
    """Return the process's vocabulary, rebuilt when the catalogue version changed."""
    now = time.monotonic()
    checked = _CACHE.get("checked")
    if (
        "vocabulary" in _CACHE
        and isinstance(checked, float)
        and now - checked < VERSION_CHECK_SECONDS
    ):
        return _cached()
    version = catalog_version()
    with _LOCK:
        if _CACHE.get("version") != version or "vocabulary" not in _CACHE:
            _CACHE["vocabulary"] = vocabulary_from_catalogs()
            _CACHE["version"] = version
        _CACHE["checked"] = now
    return _cached()


def _cached() -> SkillVocabulary:
    vocabulary = _CACHE["vocabulary"]
    if not isinstance(vocabulary, SkillVocabulary):  # pragma: no cover - only ever set below
        raise TypeError("skill vocabulary cache holds something else")
    return vocabulary


def skill_vocabulary_forget() -> None:
    """Drop the cached vocabulary (tests, after editing the data files)."""
    with _LOCK:
        _CACHE.clear()
