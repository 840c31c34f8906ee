"""Write the Chinese reasons of one match from the evidence the engine returned."""

from chanjiao.recommendations.engine import Match
from chanjiao.recommendations.features import education_label, is_skill, token_display
from chanjiao.recommendations.subjects import Subject

REGION_LABELS = {"county": "同区县", "city": "同城", "province": "同省"}
FRESH_DAYS = 14
MAX_SKILLS = 4
# Groups of people and posts: only vocabulary skills are named, never plain words.
SKILL_ONLY_GROUPS = ("posts", "talent")
# The reasons that say the item fits the person's major or occupation (the benchmark counts them).
FIT_PREFIXES = ("专业匹配", "职业匹配", "专业对口")


def reasons_for(subject: Subject, match: Match, target_type: str) -> list[str]:
    """Return the reasons of one recommended item, the strongest signal first."""
    out: list[str] = []
    if match.link_weight > 0 and match.link_key in subject.key_labels:
        out.append(subject.key_labels[match.link_key])
    if match.region:
        out.append(REGION_LABELS[match.region])
    vector = subject.vector
    if target_type == "listing" and match.education > 0:
        label = education_label(match.education)
        if vector.edu_max < 99:
            out.append(f"学历要求匹配（要求{label}）")
        elif vector.edu_min > 0:
            out.append(f"学历符合要求（{label}）")
    skills = [t for t in match.shared_tokens if is_skill(t)][:MAX_SKILLS]
    if skills:
        out.append("技能重合：" + "、".join(skills))
    elif match.shared_tokens and subject.group not in SKILL_ONLY_GROUPS:
        # Experts, research and cooperation match on a field (六堡茶) more than on skills.
        words = [token_display(t) for t in match.shared_tokens[:MAX_SKILLS]]
        out.append("领域相关：" + "、".join(words))
    if match.key_industry:
        out.append(match.key_industry)
    if 0 <= match.age_days <= FRESH_DAYS:
        out.append("今日发布" if match.age_days == 0 else f"{match.age_days}天前发布")
    return out


def is_fit_reason(reason: str) -> bool:
    """Tell whether a reason says the item fits the major or occupation (专业/职业匹配/对口)."""
    return reason.startswith(FIT_PREFIXES)
