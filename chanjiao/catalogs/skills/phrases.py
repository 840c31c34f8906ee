"""Cut the reference texts into candidate skill phrases (one function per kind of source).

- 专业简介 能力要求: the object of "具有……的能力", split on 、和及与;
- 专业简介 课程: the names after 专业基础课程：/专业核心课程：, split on 、;
- 专业简介 证书: the names after 职业资格证书：/职业技能等级证书：;
- 大典 主要工作任务: verb–object pieces, leading verbs removed;
- BOSS直聘 position taxonomy: names that are skills, not job titles (工程师, 经理 … dropped).
"""

import re

ABILITY = re.compile(r"具有(.+?)的?(?:能力|技能)")
COURSE_SECTION = re.compile(r"专业(?:基础|核心)课程[：:](.+?)(?:。|$)", re.M)
CERTIFICATE_SECTION = re.compile(r"(?:职业资格证书|职业技能等级证书|证书)[：:](.+?)(?:$|\n)", re.M)
SPLIT = re.compile(r"[、，,；;。：:和及与或并/\n]+")
TASK_SPLIT = re.compile(r"\d+[.．、]|[、，,；;。：:和及与或并\s]+")
BRACKETS = re.compile(r"[（(][^）)]*[）)]")
# Words that open a phrase without naming the skill (正确进行…, 熟练使用…).
LEADING = (
    "正确",
    "熟练",
    "初步",
    "一定的",
    "一定",
    "较强的",
    "良好的",
    "基本的",
    "能够",
    "能",
    "进行",
    "运用",
    "使用",
    "应用",
    "利用",
    "掌握",
    "从事",
    "完成",
    "开展",
    "实施",
    "负责",
    "组织",
    "参与",
    "协助",
    "承担",
    "按照",
    "根据",
    "依据",
    "对",
    "将",
    "为",
    "在",
    "针对",
    "结合",
    "通过",
    "独立",
    "规范",
    "科学",
    "合理",
    "有效",
    "熟悉",
    "了解",
    "理解",
    "具备",
    "操作",
    "编制",
    "制定",
    "管理",
    "处理",
    "检查",
    "指导",
)
TRAILING = ("等", "工作", "活动", "的")
ROLE_SUFFIXES = (
    "工程师",
    "经理",
    "专员",
    "助理",
    "主管",
    "总监",
    "顾问",
    "员",
    "师",
    "总",
    "主编",
    "编辑",
    "代表",
    "主播",
    "司机",
    "客服",
    "销售",
    "运营",
    "实习生",
    "店长",
    "教练",
    "翻译",
    "老师",
)


def _strip(piece: str) -> str:
    piece = BRACKETS.sub("", piece).strip(" 　\t“”\"'《》")
    changed = True
    while changed and piece:
        changed = False
        for word in LEADING:
            if piece.startswith(word) and len(piece) - len(word) >= 2:
                piece, changed = piece[len(word) :], True
        for word in TRAILING:
            if piece.endswith(word) and len(piece) - len(word) >= 2:
                piece, changed = piece[: -len(word)], True
    return piece


def ability_phrases(abilities: str) -> list[str]:
    """Return the objects of "具有……的能力" in a 能力要求 text, split on 、和及与."""
    out: list[str] = []
    for found in ABILITY.findall(abilities or ""):
        out.extend(_strip(p) for p in SPLIT.split(found))
    return [p for p in out if 3 <= len(p) <= 10 and "的" not in p]


def course_names(courses: str) -> list[str]:
    """Return the course names of the 专业基础课程 and 专业核心课程 sections."""
    out: list[str] = []
    for section in COURSE_SECTION.findall(courses or ""):
        out.extend(BRACKETS.sub("", p).strip() for p in re.split(r"[、，,；;]", section))
    return [p for p in out if 2 <= len(p) <= 12]


def certificate_names(certificates: str) -> list[str]:
    """Return the certificate names of the 职业资格证书 / 职业技能等级证书 lines."""
    out: list[str] = []
    for section in CERTIFICATE_SECTION.findall(certificates or ""):
        out.extend(BRACKETS.sub("", p).strip() for p in re.split(r"[、，,；;。]", section))
    return [p for p in out if 2 <= len(p) <= 16]


def task_phrases(main_tasks: str) -> list[str]:
    """Return the verb–object pieces of a 大典 主要工作任务 text, leading verbs removed."""
    pieces = (_strip(p) for p in TASK_SPLIT.split(main_tasks or ""))
    return [p for p in pieces if 3 <= len(p) <= 8 and "的" not in p and not p[0].isdigit()]


def position_skill(name: str) -> str | None:
    """Return a position-taxonomy name when it names a skill (Python, 数据挖掘), else None."""
    name = name.strip()
    if not name or name.startswith("其他") or name.endswith(ROLE_SUFFIXES) or len(name) > 12:
        return None
    return name
