"""Chinese segmentation for search: a jieba dictionary built from the catalogues, and synonyms.

Documents are segmented in jieba's full mode (every dictionary word found anywhere in the text),
so a compound kept whole by the dictionary (数控技术) is indexed together with its parts (数控,
技术) and with words that straddle it (技术员 in 数控技术员). Queries are segmented in the
precise mode without HMM, so every query term is a dictionary word (or a single character, or a
run of Latin letters and digits) that full mode also emits for the same text.
"""

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jieba

from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.search.occupation_terms import (
    OccupationWords,
    curated_words,
    occupation_words_build,
)

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.txt"
# Catalogue names longer than this are sentences ("党的机关、国家机关、…"), not words users type.
MAX_WORD_LENGTH = 12
NAME_SPLIT = re.compile(r"[、，,/（）()\s；;:：·]+")
ALIAS_MARKS = re.compile(r"(?<=[\u4e00-\u9fff])[LS/]+$")
ALIAS_BOOST = 0.5
# A one-character query (茶) matches the catalogue words that contain the character
# (六堡茶, 茶艺师): full-mode indexing emits dictionary words, not single characters.
CHAR_WORD_BOOST = 0.5
CHAR_WORDS_MAX = 40
CJK_CHAR = re.compile(r"^[\u4e00-\u9fff]$")
QUERY_CACHE_SIZE = 4096

jieba.setLogLevel(logging.WARNING)


def normalize(text: str) -> str:
    """Fold full-width forms and case, so ＣＮＣ, CNC and cnc are the same word."""
    return unicodedata.normalize("NFKC", text or "").lower()


WORD_CHAR = re.compile(r"[^\W_]")


def _is_word(token: str) -> bool:
    return WORD_CHAR.search(token) is not None


@dataclass(frozen=True)
class QueryTerm:
    """One term of a query: every alternative (with its boost) may satisfy it."""

    text: str
    alternatives: tuple[tuple[str, float], ...]
    # Whether the term names a kind of work (it is in occupation names, aliases or the list of
    # occupation words): such a term never matches through the organisation's name alone.
    occupational: bool = False
    # The occupation code prefixes it names precisely (护理 → 2-05-08 …): the term also matches
    # the posts classified to them. Empty for words in too many occupations (机械).
    codes: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for word, _ in self.alternatives)


@dataclass
class Lexicon:
    """The segmenter and the synonym tables; built once per process from the catalogues."""

    tokenizer: jieba.Tokenizer
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    char_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    occupations: OccupationWords | None = None
    _queries: dict[str, tuple["QueryTerm", ...]] = field(default_factory=dict, repr=False)

    def index_tokens(self, text: str) -> list[str]:
        """Segment a document: every dictionary word in the text, Latin words and numbers."""
        search = WORD_CHAR.search
        return [w for w in self.tokenizer.cut(normalize(text), cut_all=True) if search(w)]

    def name_tokens(self, text: str) -> list[str]:
        """Segment a catalogue name: its words and the dictionary words inside each of them.

        Used for the occupation names of a document and of the query expansion: unlike full
        mode, no word straddles two words of the name (养护/工程 does not yield 护工).
        """
        return name_words(self.tokenizer, normalize(text))

    def query_terms(self, query: str) -> list[QueryTerm]:
        """Segment a query into terms, each with its synonyms (remembered per query)."""
        terms = self._queries.get(query)
        if terms is None:
            if len(self._queries) >= QUERY_CACHE_SIZE:
                self._queries.clear()
            terms = self._queries[query] = tuple(self._segment(query))
        return list(terms)

    def _segment(self, query: str) -> list[QueryTerm]:
        seen: dict[str, QueryTerm] = {}
        for part in normalize(query).split():
            for token in self.tokenizer.cut(part, HMM=False):
                if _is_word(token) and token not in seen:
                    seen[token] = self._term(token)
        return list(seen.values())

    def _term(self, token: str) -> QueryTerm:
        alternatives = [(token, 1.0)]
        alternatives += [(word, 1.0) for word in self.synonyms.get(token, ()) if word != token]
        known = {word for word, _ in alternatives}
        alternatives += [(w, ALIAS_BOOST) for w in self.aliases.get(token, ()) if w not in known]
        if CJK_CHAR.match(token):
            known = {word for word, _ in alternatives}
            words = self.char_words.get(token, ())
            alternatives += [(w, CHAR_WORD_BOOST) for w in words if w not in known]
        codes: tuple[str, ...] = ()
        occupational = False
        if self.occupations is not None and len(token) >= 2:
            related = self.synonyms.get(token, ())
            codes = self.occupations.codes(token, related)
            occupational = self.occupations.names_occupations(token, related)
        return QueryTerm(
            text=token, alternatives=tuple(alternatives), occupational=occupational, codes=codes
        )

    def related_words(self, token: str) -> tuple[str, ...]:
        """Return the synonyms and catalogue names a word stands for."""
        return self.synonyms.get(token, ()) + self.aliases.get(token, ())


def name_words(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """Return the words of a catalogue name: whole, its parts and the words inside each part.

    The parts come from jieba's own dictionary (the catalogue dictionary keeps the name whole),
    so no word straddles two parts: 公路养护工程技术人员 → 公路, 养护, 工程, 技术人员, 技术,
    人员 — not 护工.
    """
    out: dict[str, None] = {}
    for word in tokenizer.cut(text, HMM=False):
        if _is_word(word):
            out[word] = None
    for part in jieba.dt.cut(text, HMM=False):
        if not _is_word(part):
            continue
        out[part] = None
        if len(part) > 2:
            out.update(dict.fromkeys(w for w in tokenizer.cut(part, cut_all=True) if _is_word(w)))
    return list(out)


def synonym_groups(path: Path = SYNONYMS_FILE) -> list[tuple[str, ...]]:
    """Read the maintained synonyms file: one group of equivalent words per line."""
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words = tuple(normalize(word) for word in line.split())
        if words and not line.lstrip().startswith("#") and len(words) > 1:
            groups.append(words)
    return groups


def _name_words(name: str) -> list[str]:
    name = normalize(name)
    if len(name) <= MAX_WORD_LENGTH and not NAME_SPLIT.search(name):
        return [name]
    return [part for part in NAME_SPLIT.split(name) if 2 <= len(part) <= MAX_WORD_LENGTH]


def _occupation_aliases(rows: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Map each unofficial name to the official occupation names it stands for (one way)."""
    mapping: dict[str, set[str]] = {}
    for name, aliases in rows:
        official = normalize(name)
        for alias in (aliases or "").split(","):
            alias = normalize(ALIAS_MARKS.sub("", alias.strip()))
            if 2 <= len(alias) <= 8 and alias != official and not NAME_SPLIT.search(alias):
                mapping.setdefault(alias, set()).add(official)
    # An alias shared by several occupations says too little to expand a query.
    return {alias: tuple(sorted(names)) for alias, names in mapping.items() if len(names) == 1}


def lexicon_build(
    *,
    names: Iterable[str],
    occupation_aliases: Iterable[tuple[str, str]],
    occupations: Iterable[tuple[str, str, str, str]] = (),
) -> Lexicon:
    """Build the segmenter from catalogue names and aliases plus the synonyms file.

    ``occupations`` (code, name, level, aliases) feed the query words that name occupations.
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    groups = synonym_groups()
    aliases = _occupation_aliases(occupation_aliases)
    words = {word for name in names for word in _name_words(name)}
    words |= {word for group in groups for word in group} | set(aliases)
    words |= set(curated_words())
    for word in sorted(words):
        if len(word) >= 2:
            tokenizer.add_word(word, freq=tokenizer.suggest_freq(word, tune=False))
    synonyms: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for word in group:
            synonyms[word] = tuple(dict.fromkeys(synonyms.get(word, ()) + group))
    occupation_words = occupation_words_build(
        occupations=occupations,
        segment=lambda name: name_words(tokenizer, name),
        normalize=normalize,
    )
    return Lexicon(
        tokenizer=tokenizer,
        synonyms=synonyms,
        aliases=aliases,
        char_words=_char_words(words),
        occupations=occupation_words,
    )


def _char_words(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Map each Chinese character to the shortest dictionary words that contain it."""
    mapping: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (len(w), w)):
        if len(word) < 2:
            continue
        for char in set(word):
            found = mapping.setdefault(char, [])
            if CJK_CHAR.match(char) and len(found) < CHAR_WORDS_MAX:
                found.append(word)
    return {char: tuple(found) for char, found in mapping.items() if found}


def _catalogue_rows() -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str, str, str]]]:
    names: list[str] = []
    names += Major.objects.filter(is_active=True).values_list("name", flat=True)
    names += Occupation.objects.filter(is_active=True).values_list("name", flat=True)
    names += Industry.objects.filter(is_active=True).values_list("name", flat=True)
    for name in Region.objects.values_list("name", flat=True):
        names += [name, re.sub(r"(自治区|自治州|地区|省|市|区|县|盟|旗)$", "", name)]
    aliases = list(Occupation.objects.exclude(aliases="").values_list("name", "aliases"))
    occupations = list(
        Occupation.objects.filter(is_active=True).values_list("code", "name", "level", "aliases")
    )
    return names, aliases, occupations


@functools.cache
def lexicon() -> Lexicon:
    """Return this process's lexicon (catalogue changes need a restart and an index rebuild)."""
    names, aliases, occupations = _catalogue_rows()
    return lexicon_build(names=names, occupation_aliases=aliases, occupations=occupations)
