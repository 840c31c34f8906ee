import random
import re

import pytest
from django.core.exceptions import ValidationError

from chanjiao.demo.services.identity import (
    credit_code,
    id_number,
    id_number_check_digit,
    person_name,
    phone_number,
)
from chanjiao.organizations.validators import validate_credit_code


def test_id_number_check_digit_follows_gb_11643():
    assert id_number_check_digit("11010519491231002") == "X"
    assert id_number_check_digit("44052418800101001") == "4"


@pytest.mark.parametrize(("_case", "is_male", "parity"), [("man", True, 1), ("woman", False, 0)])
def test_id_number_encodes_region_birth_year_and_sex(_case, is_male, parity):
    rng = random.Random(3)
    for _ in range(50):
        number = id_number(rng, region_code="450403", birth_year=2004, is_male=is_male)
        assert (number[:6], number[6:10]) == ("450403", "2004")
        assert int(number[16]) % 2 == parity
        assert number[17] == id_number_check_digit(number[:17])


def test_credit_code_is_valid_with_a_valid_organisation_code():
    rng = random.Random(5)
    for prefix in ("91", "11", "12", "51", "52"):
        code = credit_code(rng, prefix=prefix, region_code="4504")
        validate_credit_code(code)
        assert code[:8] == f"{prefix}450400"
        assert _gb11714_valid(code[8:17])
    # The worked example of GB 32100-2015.
    assert _gb11714_valid("M000100Y4")


def test_a_tampered_credit_code_fails_validation():
    code = credit_code(random.Random(5), prefix="91", region_code="450403")
    tampered = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError):
        validate_credit_code(tampered)


def test_names_and_phones_look_real():
    rng = random.Random(11)
    assert all(
        re.fullmatch(r"[\u4e00-\u9fff]{2,3}", person_name(rng, is_male=i % 2 == 0))
        for i in range(100)
    )
    assert all(re.fullmatch(r"1[3-9]\d{9}", phone_number(rng)) for _ in range(100))


def test_same_seed_same_people():
    def people(seed: int) -> list[str]:
        rng = random.Random(seed)
        return [person_name(rng, is_male=True) + phone_number(rng) for _ in range(20)]

    assert people(1) == people(1)
    assert people(1) != people(2)


def _gb11714_valid(code: str) -> bool:
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in code[:8]]
    check = 11 - sum(v * w for v, w in zip(values, weights, strict=True)) % 11
    return code[8] == {10: "X", 11: "0"}.get(check, str(check))
