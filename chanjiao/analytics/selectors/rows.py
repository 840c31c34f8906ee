"""The rows the analytics selectors return."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemandRow:
    code: str
    name: str
    openings: int | None
    postings: int | None
    suppressed: bool


@dataclass(frozen=True)
class SupplyRow:
    code: str
    name: str
    schools: int | None
    graduates: int | None
    enrollment: int | None
    suppressed: bool


@dataclass(frozen=True)
class SupplyDemandRow:
    code: str
    name: str
    demand: float | None
    supply: float | None
    gap: float | None  # demand − supply
    ratio: float | None  # demand / supply (None without supply)
    suppressed: bool


@dataclass(frozen=True)
class ApportionmentNote:
    """How the demand of one 中类 or 小类 was apportioned to majors (the weights' basis)."""

    code: str
    name: str
    level: str  # 中类 | 小类
    majors: int  # how many majors it was apportioned to; 0: all of it is under 无对应专业

    @property
    def text(self) -> str:
        """The basis in Chinese, e.g. 中类 2-05-00-00 卫生专业技术人员：关联 75 个专业，……"""
        if not self.majors:
            return f"{self.level} {self.code} {self.name}：无关联专业，需求计入“无对应专业”"
        return (
            f"{self.level} {self.code} {self.name}：关联 {self.majors} 个专业，"
            f"按各专业在该{self.level}下关联的细类数（对应强度加权）分摊"
        )
