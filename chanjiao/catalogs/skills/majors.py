"""The skills of a major, read from its 专业简介 (能力要求, 课程, 证书) with the vocabulary."""

from typing import TYPE_CHECKING

from chanjiao.catalogs.skills.vocabulary import skill_vocabulary

if TYPE_CHECKING:
    from chanjiao.catalogs.models import Major

_BY_MAJOR: dict[tuple[int, int], list[str]] = {}


def skills_for_major(major: "Major") -> list[str]:
    """Return the vocabulary skills of a major's 专业简介 (empty when it has none)."""
    from chanjiao.catalogs.models import MajorProfile

    vocabulary = skill_vocabulary()
    key = (id(vocabulary), major.pk)
    if key not in _BY_MAJOR:
        profile = MajorProfile.objects.filter(major_id=major.pk, is_active=True).first()
        text = (
            "\n".join((profile.abilities, profile.courses, profile.certificates)) if profile else ""
        )
        _BY_MAJOR[key] = vocabulary.extract(text)
    return list(_BY_MAJOR[key])
