"""Evidence for occupation → industry inference, read from the reference texts themselves.

The GB/T 4754 大类 and 中类 become character n-gram TF-IDF vectors (names, 说明 and the names of
their children); each 大典 细类 is compared with them by its name, definition and 小类/中类 names,
and by its 小类/中类 names alone. Majors of 《职业教育专业简介（2022年修订）》 add a third kind:
a major whose 职业面向 or teaching-standard links name the occupation, and whose 职业面向 or
岗位实习 sentence names an industry in words, points the occupation at that industry.
``services.occupation_industries`` grades and stores the result.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from chanjiao.catalogs.models import Industry, Major, MajorOccupationLink, MajorSystem, Occupation
from chanjiao.search.text import normalize

PROFILES_FILE = Path(__file__).resolve().parent / "data" / "major_orientations_2022.csv"
PROFILES_SOURCE = "教育部《职业教育专业简介（2022年修订）》"

W_TEXT = 0.45
W_GROUP = 0.25
W_MAJOR = 0.30
TEXT_REFERENCE = 0.15
GROUP_REFERENCE = 0.4
CANDIDATES = 5
MIN_PHRASE_SIMILARITY = 0.4
MIN_NAME_LENGTH = 3

# Words every occupation group carries; they say nothing about the industry.
GENERIC = re.compile(
    r"(工程技术人员|专业技术人员|技术人员|专业人员|辅助人员|服务人员|有关人员|人员|及其他|其他)"
)
PRACTICE = re.compile(r"在([^；;。]*?)(?:等)?(?:单位|场所|单位或场所)?进行岗位实习")
ORIENTATION_INDUSTRY = re.compile(
    r"^面向(.{2,60}?(?:业|行业|产业|领域))(?:等)?(?:行业|产业|领域)?的"
)
PHRASE_SPLIT = re.compile(r"[、，,；;和及与或]|以及")
PHRASE_NOISE = re.compile(
    r"(行业领域|行业|产业|领域|相关|有关|大中型|中小型|各类|各级|企业|公司|单位|机构|场所|等|现代|智能|智慧)"
)


@dataclass
class Candidate:
    text: float = 0.0
    group: float = 0.0
    major: float = 0.0
    majors: list[str] = field(default_factory=list)
    major_count: int = 0
    majors_linked: int = 0

    @property
    def score(self) -> float:
        return W_TEXT * self.text + W_GROUP * self.group + W_MAJOR * self.major


@dataclass(frozen=True)
class IndustryRow:
    pk: int
    code: str
    name: str
    level: str
    description: str


@dataclass(frozen=True)
class OccupationRow:
    pk: int
    code: str
    name: str
    definition: str


class IndustryTexts:
    """The GB/T 4754 大类 and 中类 as TF-IDF vectors: full texts, and names alone."""

    def __init__(self) -> None:
        rows = [
            IndustryRow(*values)
            for values in Industry.objects.filter(is_active=True)
            .exclude(level=Industry.Level.SECTION)
            .values_list("pk", "code", "name", "level", "description")
            .order_by("code")
        ]
        self.divisions = [r for r in rows if r.level == Industry.Level.DIVISION]
        self.groups = [r for r in rows if r.level == Industry.Level.GROUP]
        self.classes_by_group: dict[str, list[IndustryRow]] = defaultdict(list)
        self.classes_by_division: dict[str, list[IndustryRow]] = defaultdict(list)
        for row in rows:
            if row.level == Industry.Level.CLASS:
                self.classes_by_group[row.code[:3]].append(row)
                self.classes_by_division[row.code[:2]].append(row)
        self.division_index = {r.code: i for i, r in enumerate(self.divisions)}
        division_docs = [self._division_doc(r, rows) for r in self.divisions]
        group_docs = [self._group_doc(r) for r in self.groups]
        self.vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
        self.vectorizer.fit(division_docs + group_docs)
        self.division_matrix = self.vectorizer.transform(division_docs)
        self.group_matrix = self.vectorizer.transform(group_docs)
        named = [r for r in rows if not r.name.startswith("其他")]
        self.name_divisions = [self.division_index[r.code[:2]] for r in named]
        self.names = [normalize(r.name) for r in named]
        self.name_matrix = self.vectorizer.transform(self.names)
        self.name_index: dict[str, int] = {}
        self.inside_names: dict[str, int] = {}
        for index in sorted(range(len(named)), key=lambda i: -len(self.names[i])):
            self._index_name(self.names[index], self.name_divisions[index])
        self.division_names = self.vectorizer.transform(
            [self._division_names(r) for r in self.divisions]
        )

    def _division_doc(self, division: IndustryRow, rows: list[IndustryRow]) -> str:
        parts = [division.name, division.name, division.description]
        parts += [
            f"{r.name} {r.description}"
            for r in rows
            if r.code[:2] == division.code and r is not division
        ]
        return normalize(" ".join(parts))

    def _group_doc(self, group: IndustryRow) -> str:
        parts = [group.name, group.name, group.description]
        parts += [f"{r.name} {r.description}" for r in self.classes_by_group[group.code]]
        return normalize(" ".join(parts))

    def _division_names(self, division: IndustryRow) -> str:
        names = [division.name] + [g.name for g in self.groups if g.code[:2] == division.code]
        return normalize(" ".join(names))

    def vectors(self, texts: list[str]):  # noqa: ANN201 - a scipy sparse matrix
        return self.vectorizer.transform([normalize(t) for t in texts])

    def _index_name(self, name: str, division: int) -> None:
        """Index a name whole and by every part of it (longer names were indexed first)."""
        if len(name) < MIN_NAME_LENGTH:
            return
        self.name_index.setdefault(name, division)
        for start in range(len(name)):
            for end in range(start + MIN_NAME_LENGTH, len(name) + 1):
                self.inside_names.setdefault(name[start:end], division)

    def _contained(self, phrase: str) -> int | None:
        """Return the 大类 of the longest industry name inside the phrase, or of one around it."""
        for length in range(len(phrase), MIN_NAME_LENGTH - 1, -1):
            for start in range(len(phrase) - length + 1):
                if (division := self.name_index.get(phrase[start : start + length])) is not None:
                    return division
        return self.inside_names.get(phrase)

    def phrase_industries(self, phrases: Iterable[str]) -> dict[str, int | None]:
        """Return the 大类 index each phrase of a major's text names (None: no industry name)."""
        found = {phrase: self._contained(normalize(phrase)) for phrase in set(phrases)}
        rest = sorted(phrase for phrase, division in found.items() if division is None)
        if not rest:
            return found
        similarity = (self.vectors(rest) @ self.name_matrix.T).toarray()
        for row, phrase in enumerate(rest):
            best = int(np.argmax(similarity[row]))
            if similarity[row, best] >= MIN_PHRASE_SIMILARITY:
                found[phrase] = self.name_divisions[best]
        return found


def group_names() -> dict[str, str]:
    rows = Occupation.objects.filter(is_active=True).exclude(level=Occupation.Level.OCCUPATION)
    return dict(rows.values_list("code", "name"))


def occupation_rows() -> list[OccupationRow]:
    return [
        OccupationRow(*values)
        for values in Occupation.objects.filter(is_active=True, level=Occupation.Level.OCCUPATION)
        .values_list("pk", "code", "name", "definition")
        .order_by("code")
    ]


def occupation_parents(code: str, groups: dict[str, str]) -> tuple[str, str]:
    """Return the 小类 and 中类 names of a 细类 (codes carry their parents; some are missing)."""
    return groups.get(code[:7] + "-00", ""), groups.get(code[:4] + "-00-00", "")


def query_texts(occupation: OccupationRow, groups: dict[str, str]) -> tuple[str, str]:
    minor, sub_major = occupation_parents(occupation.code, groups)
    text = " ".join([occupation.name, occupation.name, occupation.definition, minor, sub_major])
    group = " ".join(GENERIC.sub(" ", name) for name in (sub_major, minor))
    return text, group


@dataclass
class MajorEvidence:
    """Industries each major's text names, and the majors naming each occupation."""

    industries: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    names: dict[int, str] = field(default_factory=dict)
    majors_by_occupation: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))


def _profile_rows() -> list[dict[str, str]]:
    with PROFILES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _industry_phrases(row: dict[str, str]) -> list[str]:
    phrases = []
    if (found := ORIENTATION_INDUSTRY.match(row["orientation"])) and "职业" not in found[1]:
        phrases += PHRASE_SPLIT.split(found[1])
    if found := PRACTICE.search(row["internship"]):
        phrases += PHRASE_SPLIT.split(found[1])
    return [p for p in (PHRASE_NOISE.sub("", p).strip("（）() ") for p in phrases) if len(p) >= 2]


def _mentioned(
    orientation: str, occupations: list[OccupationRow], groups: dict[str, str]
) -> set[int]:
    """Return the occupations the 职业面向 names: by 细类 name, or by 小类 name (all its 细类)."""
    head = orientation.split("等职业")[0] if "等职业" in orientation else ""
    if not head:
        return set()
    found = {o.pk for o in occupations if len(o.name) >= 2 and o.name in head}
    minors = {
        code[:7]
        for code, name in groups.items()
        if code.endswith("-00") and not code.endswith("-00-00") and len(name) >= 3 and name in head
    }
    found |= {o.pk for o in occupations if o.code[:7] in minors}
    return found


def major_evidence(
    texts: IndustryTexts, occupations: list[OccupationRow], groups: dict[str, str]
) -> MajorEvidence:
    """Read the industries the major profiles name, and which majors name each occupation."""
    rows = _profile_rows()
    majors = dict(
        Major.objects.filter(
            system=MajorSystem.VOCATIONAL, code__in=[r["major_code"] for r in rows]
        ).values_list("code", "pk")
    )
    official: dict[int, set[int]] = defaultdict(set)
    for linked_major, occupation_id in MajorOccupationLink.objects.filter(
        is_active=True, major_id__in=majors.values()
    ).values_list("major_id", "occupation_id"):
        official[linked_major].add(occupation_id)
    phrases = {row["major_code"]: _industry_phrases(row) for row in rows}
    industries = texts.phrase_industries(p for found in phrases.values() for p in found)
    evidence = MajorEvidence()
    for row in rows:
        if (major_id := majors.get(row["major_code"])) is None:
            continue
        named_industries = (industries[p] for p in phrases[row["major_code"]])
        evidence.industries[major_id].update(i for i in named_industries if i is not None)
        if not evidence.industries[major_id]:
            continue
        evidence.names[major_id] = row["major_name"]
        named = official[major_id] | _mentioned(row["orientation"], occupations, groups)
        for occupation_id in named:
            evidence.majors_by_occupation[occupation_id].add(major_id)
    return evidence


def _scaled(matrix: np.ndarray, reference: float) -> np.ndarray:
    """Scale each row to its best value, damped when even the best is below ``reference``."""
    best = matrix.max(axis=1, keepdims=True)
    safe = np.where(best > 0, best, 1.0)
    return np.asarray(matrix / safe * np.minimum(best / reference, 1.0))


def industry_candidates(
    texts: IndustryTexts,
    occupations: list[OccupationRow],
    groups: dict[str, str],
    majors: MajorEvidence,
) -> list[dict[int, Candidate]]:
    queries = [query_texts(o, groups) for o in occupations]
    text_vectors = texts.vectors([q[0] for q in queries])
    text = _scaled((text_vectors @ texts.division_matrix.T).toarray(), TEXT_REFERENCE)
    group_vectors = texts.vectors([q[1] for q in queries])
    group = _scaled((group_vectors @ texts.division_names.T).toarray(), GROUP_REFERENCE)
    found: list[dict[int, Candidate]] = []
    for row, occupation in enumerate(occupations):
        candidates: dict[int, Candidate] = defaultdict(Candidate)
        for index in np.argsort(-text[row])[:CANDIDATES]:
            candidates[int(index)].text = float(text[row, index])
        for index in np.argsort(-group[row])[:CANDIDATES]:
            candidates[int(index)].group = float(group[row, index])
        _add_major_evidence(candidates, majors, occupation.pk)
        found.append(dict(candidates))
    return found


def _add_major_evidence(
    candidates: dict[int, Candidate], majors: MajorEvidence, occupation_id: int
) -> None:
    linked = sorted(majors.majors_by_occupation.get(occupation_id, ()))
    for major_id in linked:
        for index in majors.industries[major_id]:
            # One more major than those found: a single major is never full evidence.
            candidates[index].major += 1 / (len(linked) + 1)
            candidates[index].major_count += 1
            if majors.names[major_id] not in candidates[index].majors:
                candidates[index].majors.append(majors.names[major_id])
            candidates[index].majors_linked = len(linked)
