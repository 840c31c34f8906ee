"""Plausible personal and organisational identifiers for demonstration rows.

Every value comes from the ``random.Random`` passed in, so a seed always gives the same people.
"""

import random
from datetime import date, timedelta

from chanjiao.organizations.validators import CREDIT_CODE_ALPHABET, credit_code_check_character

# Common surnames, most frequent first (weights fall with rank); 韦, 覃, 莫 and 黎 are frequent
# in Guangxi, the home of the default locality.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦覃莫黎蒙"
)
_SURNAME_WEIGHTS = tuple(1.0 / (rank + 4) for rank in range(len(_SURNAMES)))
# fmt: off
_GIVEN_MALE = (
    "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林"
    "阳建文博晨睿轩振志宏家嘉泽豪航"
)
# fmt: on
# fmt: off
_GIVEN_FEMALE = (
    "芳娜敏静丽艳娟霞燕玲婷雪慧莹琳晶颖倩洁佳欣"
    "雨萱怡思梦诗涵琪悦彤璐瑶晓月婧雯妍"
)
# fmt: on
# fmt: off
_PHONE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181",
    "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
)
# fmt: on
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# 统一社会信用代码 letters that are also legal in the 9-character organisation code.
_ORG_CODE_LETTERS = "".join(ch for ch in CREDIT_CODE_ALPHABET if ch.isalpha())


def person_name(rng: random.Random, *, is_male: bool) -> str:
    """Return a Chinese name: a common surname and one or two given-name characters."""
    surname = rng.choices(_SURNAMES, weights=_SURNAME_WEIGHTS)[0]
    pool = _GIVEN_MALE if is_male else _GIVEN_FEMALE
    size = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(pool) for _ in range(size))


def phone_number(rng: random.Random) -> str:
    """Return an 11-digit mobile number with a real carrier prefix (13x–19x)."""
    return rng.choice(_PHONE_PREFIXES) + _digits(rng, 8)


def id_number_check_digit(first17: str) -> str:
    """Compute the GB 11643 check character of a citizen ID number."""
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number(rng: random.Random, *, region_code: str, birth_year: int, is_male: bool) -> str:
    """Return an 18-character ID number: county code, birth date, sequence, check digit."""
    birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
    # The 17th digit is odd for men and even for women.
    sex_digit = rng.choice((1, 3, 5, 7, 9) if is_male else (0, 2, 4, 6, 8))
    sequence = rng.randrange(0, 100) * 10 + sex_digit
    first17 = _county_code(region_code) + birth.strftime("%Y%m%d") + f"{sequence:03d}"
    return first17 + id_number_check_digit(first17)


def credit_code(rng: random.Random, *, prefix: str, region_code: str) -> str:
    """Return a 统一社会信用代码 with a valid organisation code and check character.

    ``prefix`` is the registration authority and organisation category (91 企业, 11 机关,
    12 事业单位, 51 社会团体, 52 民办非企业单位); newer registrations get an ``MA`` code.
    """
    if prefix.startswith("9"):
        body = "MA" + "".join(rng.choice(_ORG_CODE_LETTERS + "0123456789") for _ in range(6))
    else:
        body = _digits(rng, 8)
    org_code = body + _organization_code_check(body)
    first17 = prefix + _county_code(region_code) + org_code
    return first17 + credit_code_check_character(first17)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _county_code(region_code: str) -> str:
    """Six digits: a county code as is, a city or province code padded with zeros."""
    return region_code[:6].ljust(6, "0")


def _organization_code_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(_code_value(ch) * w for ch, w in zip(body, _ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def _code_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10
