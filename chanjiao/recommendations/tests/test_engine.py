"""The array engine on its own: large-index candidate generation and the hard filters."""

from chanjiao.recommendations.engine import IndexBuilder, SubjectVector
from chanjiao.recommendations.engine.index import FULL_SCAN_BELOW


def test_large_index_finds_linked_and_text_matches_without_full_scan():
    builder = IndexBuilder()
    for i in range(FULL_SCAN_BELOW + 1000):
        builder.add(
            target_id=i, keys=[(f"o:{i % 500}", 1.0)], tokens=[f"w{i % 97}"], region_code="450403"
        )
    index = builder.build()

    top = index.top(SubjectVector(key_weights={"o:7": 1.0}, tokens={"w3"}, region_code="450403"), 5)

    assert len(top) == 5
    assert all(m.link_key == "o:7" for m in top)
    assert all(m.target_id % 500 == 7 for m in top)
    assert top[0].region == "county"


def test_required_region_and_education_bounds_filter():
    builder = IndexBuilder()
    builder.add(target_id=1, keys=[("o:1", 1.0)], tokens=[], region_code="450403", education=3)
    builder.add(target_id=2, keys=[("o:1", 1.0)], tokens=[], region_code="230502", education=3)
    builder.add(target_id=3, keys=[("o:1", 1.0)], tokens=[], region_code="450421", education=4)
    index = builder.build()

    subject = SubjectVector(
        key_weights={"o:1": 1.0}, tokens=set(), required_region_code="4504", edu_max=3
    )

    assert [m.target_id for m in index.top(subject)] == [1]
