"""A dump of every text column of a seeded database holds no mobile or ID number in clear."""

import re

import pytest
from django.db import connection

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.listings.tests.factories import listing_make
from chanjiao.organizations import services as organization_services
from chanjiao.selfservice.profile import ProfileInput, profile_update

pytestmark = pytest.mark.django_db

MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_NUMBER = re.compile(
    # GB 11643: six-digit region, birth date 19xx/20xx, sequence, check character (so an
    # all-digit 统一社会信用代码 is not taken for one).
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    r"(?![0-9A-Za-z])"
)


def database_dump_hits() -> list[tuple[str, str]]:
    """Every (table, match) of the two patterns in the text of every row of every table."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row if isinstance(value, str | dict))
                hits += [(table, m) for p in (MOBILE, ID_NUMBER) for m in p.findall(text)]
    return hits


def test_seeded_database_dump_holds_no_plaintext_phone_or_id_number(
    recruiter, enterprise, staff_user, school_admin, student
):
    for n in range(20):
        UserFactory(
            username=f"person{n}", phone=f"1391234{n:04d}", id_number=f"45040319990101{n:03d}X"
        )
    listing_make(kind="job", author=recruiter, organization=enterprise)
    organization_services.organization_update(
        actor=staff_user, organization=enterprise, data={"contact_phone": "13700002222"}
    )
    profile_update(
        actor=student,
        data=ProfileInput(real_name="学生", email="s@example.com", phone="13600003333"),
    )
    # The seed did write numbers: the plain values are in the models, just not in the rows.
    enterprise.refresh_from_db()
    assert enterprise.contact_phone == "13700002222"
    # The patterns do find such numbers in clear.
    assert MOBILE.findall("tel 13700002222;") == ["13700002222"]
    assert ID_NUMBER.findall(" 45040319990101001X ") == ["45040319990101001X"]

    assert database_dump_hits() == []
