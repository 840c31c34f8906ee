"""Skills as a vocabulary: built from the reference data, with synonyms, for extraction.

Public API: ``skill_vocabulary()``, ``skills_extract(text)``, ``skills_for_major(major)``,
``skill_canonical(term)``.
"""

from chanjiao.catalogs.skills.majors import skills_for_major
from chanjiao.catalogs.skills.normalize import skill_normalize
from chanjiao.catalogs.skills.vocabulary import (
    SkillVocabulary,
    skill_vocabulary,
    skill_vocabulary_forget,
)


def skills_extract(text: str | None) -> list[str]:
    """Return the canonical skills a text names (longest match, first appearance first)."""
    return skill_vocabulary().extract(text)


def skill_canonical(term: str) -> str | None:
    """Return the canonical name of a skill or one of its variants (None if not a skill)."""
    return skill_vocabulary().canonical(term)


__all__ = [
    "SkillVocabulary",
    "skill_canonical",
    "skill_normalize",
    "skill_vocabulary",
    "skill_vocabulary_forget",
    "skills_extract",
    "skills_for_major",
]
