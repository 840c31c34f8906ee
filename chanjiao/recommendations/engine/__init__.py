"""The in-memory scoring engine: candidate arrays keyed by occupation/major, region and tokens."""

from chanjiao.recommendations.engine.index import (
    CandidateIndex,
    IndexBuilder,
    Match,
    SubjectVector,
    region_relation,
)

__all__ = ["CandidateIndex", "IndexBuilder", "Match", "SubjectVector", "region_relation"]
