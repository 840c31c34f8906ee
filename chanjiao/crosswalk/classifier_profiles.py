"""Everyday job names (岗位（群）) of the 专业简介 as evidence for the occupations of each major.

A profile's 职业面向 reads "面向A、B等职业，x、y、z等岗位（群）。": A and B are 大典 names (a 细类,
or a 小类 that stands for its 细类), x, y, z are the job names people write in posts. Each phrase
becomes evidence for the occupations of its major — those named in the 职业面向 and those of the
major's teaching-standard links — weighted by how specific the link is: a major with one
occupation gives its phrases fully to it, a major with many shares them out.
"""

import re
from collections import defaultdict

from chanjiao.catalogs.models import MajorOccupationLink, MajorProfile, Occupation
from chanjiao.search.text import normalize

ORIENTATION_SPLIT = re.compile(r"等职业(?:群)?[，,；;]?")
PHRASE_END = re.compile(r"等?(?:岗位（群）|岗位\(群\)|岗位群|岗位|技术领域|工作领域|领域)")
LIST_SPLIT = re.compile(r"[、，,；;。]|以及|及其|和(?=[\u4e00-\u9fff]{2,})")
# Strength of the link between a major and an occupation, by where the link comes from.
NAMED_AND_LINKED = 1.0
NAMED = 0.8
LINKED = 0.6
MINOR_GROUP_FACTOR = 0.5
MIN_PHRASE_CHARS = 2


def orientation_parts(orientation: str) -> tuple[list[str], list[str]]:
    """Split a 职业面向 into (occupation names, 岗位（群） phrases)."""
    text = normalize(orientation).strip().removeprefix("面向")
    names: list[str] = []
    if ORIENTATION_SPLIT.search(text):
        head, text = ORIENTATION_SPLIT.split(text, maxsplit=1)
        names = [n.strip() for n in LIST_SPLIT.split(head) if n.strip()]
    text = PHRASE_END.split(text, maxsplit=1)[0]
    phrases = [p.strip() for p in LIST_SPLIT.split(text) if len(p.strip()) >= MIN_PHRASE_CHARS]
    return names, list(dict.fromkeys(phrases))


def _names_index() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Return (细类 name → [id], 小类/中类 name → ids of their 细类)."""
    fine: dict[str, list[int]] = defaultdict(list)
    groups: dict[str, list[int]] = defaultdict(list)
    rows = Occupation.objects.filter(is_active=True).values_list("pk", "code", "name", "level")
    by_prefix: dict[str, list[int]] = defaultdict(list)
    group_names: list[tuple[str, str]] = []
    for pk, code, name, level in rows:
        if level == Occupation.Level.OCCUPATION:
            fine[normalize(name)].append(pk)
            by_prefix[code[:7]].append(pk)
            by_prefix[code[:4]].append(pk)
        elif level in (Occupation.Level.MINOR_GROUP, Occupation.Level.SUB_MAJOR_GROUP):
            group_names.append((normalize(name), code[:7] if len(code) >= 7 else code[:4]))
    for name, prefix in group_names:
        groups[name] += by_prefix.get(prefix, [])
    return fine, groups


def profile_phrase_weights() -> dict[str, dict[int, float]]:
    """Return 岗位（群） phrase → {occupation id: weight} over every active major profile."""
    fine, groups = _names_index()
    linked: dict[int, dict[int, float]] = defaultdict(dict)
    for major_id, occupation_id, expanded in MajorOccupationLink.objects.filter(
        is_active=True, occupation__level=Occupation.Level.OCCUPATION
    ).values_list("major_id", "occupation_id", "is_expanded_from_minor_group"):
        linked[major_id][occupation_id] = LINKED * (MINOR_GROUP_FACTOR if expanded else 1.0)
    weights: dict[str, dict[int, float]] = defaultdict(dict)
    profiles = MajorProfile.objects.filter(is_active=True).values_list("major_id", "orientation")
    for major_id, orientation in profiles:
        names, phrases = orientation_parts(orientation)
        if not phrases:
            continue
        strength = dict(linked.get(major_id, {}))
        for name in names:
            for pk in fine.get(name, []):
                strength[pk] = NAMED_AND_LINKED if pk in strength else NAMED
            for pk in groups.get(name, []):
                strength[pk] = max(strength.get(pk, 0.0), NAMED * MINOR_GROUP_FACTOR)
        if not strength:
            continue
        share = len(strength) ** -0.5
        for phrase in phrases:
            for pk, value in strength.items():
                weights[phrase][pk] = max(weights[phrase].get(pk, 0.0), value * share)
    return dict(weights)
