"""Which kinds of items each kind of subject is recommended (the directions, declared as data)."""

from dataclasses import dataclass

from chanjiao.listings.kinds import Direction, ListingKind

K = ListingKind
DEMAND, SUPPLY = Direction.DEMAND.value, Direction.SUPPLY.value


@dataclass(frozen=True)
class TargetGroup:
    """A set of candidate kinds; ``school_majors``/``institutions`` add 专业点 or institutions."""

    name: str
    label: str
    kinds: tuple[tuple[str, str], ...] = ()
    school_majors: bool = False
    institutions: bool = False
    consenting_profiles: bool = False


GROUPS: dict[str, TargetGroup] = {
    g.name: g
    for g in (
        TargetGroup("posts", "岗位与实习", ((K.JOB, DEMAND), (K.INTERNSHIP, DEMAND))),
        TargetGroup("talent", "毕业生与求职者", ((K.GRADUATES, SUPPLY),), consenting_profiles=True),
        TargetGroup("schools", "学校与专业点", ((K.COOPERATION, SUPPLY),), school_majors=True),
        TargetGroup(
            "research",
            "院校、科研院所与教师",
            ((K.RND, SUPPLY), (K.TECH_SERVICE, SUPPLY), (K.MENTOR, SUPPLY)),
            institutions=True,
        ),
        TargetGroup("research_needs", "企业研发与技术服务需求", ((K.RND, DEMAND),)),
        TargetGroup("cooperation_needs", "企业合作需求", ((K.COOPERATION, DEMAND),)),
        TargetGroup("mentors", "行业专家", ((K.MENTOR, SUPPLY),)),
        TargetGroup("mentor_needs", "学校兼职教师需求", ((K.MENTOR, DEMAND),)),
        TargetGroup("training", "培训课程与培训包", ((K.TRAINING, SUPPLY),)),
        TargetGroup("training_needs", "企业培训需求", ((K.TRAINING, DEMAND),)),
    )
}

# (subject kind, subject direction) → target group; '' matches any direction.
LISTING_SUBJECT_GROUPS: dict[tuple[str, str], str] = {
    (K.JOBSEEKER, SUPPLY): "posts",
    (K.GRADUATES, SUPPLY): "posts",
    (K.JOB, DEMAND): "talent",
    (K.INTERNSHIP, DEMAND): "talent",
    (K.COOPERATION, DEMAND): "schools",
    (K.COOPERATION, SUPPLY): "cooperation_needs",
    (K.RND, DEMAND): "research",
    (K.RND, SUPPLY): "research_needs",
    (K.TECH_SERVICE, SUPPLY): "research_needs",
    (K.MENTOR, DEMAND): "mentors",
    (K.MENTOR, SUPPLY): "mentor_needs",
    (K.TRAINING, DEMAND): "training",
    (K.TRAINING, SUPPLY): "training_needs",
}


def group_for_listing(kind: str, direction: str) -> str | None:
    """Return the target group recommended for an item of this kind and direction."""
    return LISTING_SUBJECT_GROUPS.get((kind, direction))


def groups_targeting(kinds: set[str]) -> list[str]:
    """Return the groups whose candidates include any of these kinds."""
    return [
        g.name
        for g in GROUPS.values()
        if any(k in kinds for k, _ in g.kinds) or (g.consenting_profiles and K.JOBSEEKER in kinds)
    ]
