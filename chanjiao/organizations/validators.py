"""Validation of the 统一社会信用代码 (GB 32100-2015)."""

from django.core.exceptions import ValidationError

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    """Compute the 18th (check) character for the first 17 characters of a credit code."""
    total = sum(CREDIT_CODE_ALPHABET.index(ch) * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Reject a 统一社会信用代码 whose length, characters or check character is wrong."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError("统一社会信用代码应为18位，当前为%(n)d位。", params={"n": len(code)})
    bad = sorted({ch for ch in code if ch not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            "统一社会信用代码含有非法字符：%(chars)s（不得使用 I、O、Z、S、V 及小写字母）。",
            params={"chars": "、".join(bad)},
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError("统一社会信用代码校验位错误，请核对后重新输入。")


def validate_school_code(value: str) -> None:
    """Reject a 学校标识码 that is not exactly 10 digits."""
    code = (value or "").strip()
    if not (len(code) == 10 and code.isascii() and code.isdigit()):
        raise ValidationError("学校标识码应为10位数字。")
