"""Chinese numerals: 二十三 -> 23, 第七 -> 7, 一百零五 -> 105."""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["NUMERAL_CHARS", "format_number", "parse_number"]

_DIGITS: Final = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_UNITS: Final = {"十": 10, "百": 100, "千": 1000}
#: Every character a Chinese numeral may contain, for building patterns.
NUMERAL_CHARS: Final = "".join(_DIGITS) + "".join(_UNITS)


def parse_number(text: str) -> int:
    """Return the value of a Chinese or Arabic numeral.

    >>> [parse_number(t) for t in ["二十三", "十", "十二", "一百零五", "七", "23", "２３"]]
    [23, 10, 12, 105, 7, 23, 23]
    """
    clean = unicodedata.normalize("NFKC", text).strip()
    if clean.isascii() and clean.isdigit():
        return int(clean)
    if not clean or any(char not in _DIGITS and char not in _UNITS for char in clean):
        raise ValueError(f"{text!r} is not a numeral")
    total = 0
    digit: int | None = None
    for char in clean:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
    return total + (digit or 0)


def format_number(value: int) -> str:
    """Write 1 to 9999 as a Chinese numeral, the way headings number sections.

    >>> [format_number(n) for n in (1, 10, 12, 23, 105, 2000)]
    ['一', '十', '十二', '二十三', '一百零五', '二千']
    """
    if not 1 <= value <= 9999:
        raise ValueError(f"{value} is out of range; expected 1 to 9999")
    digits = "零一二三四五六七八九"
    if value < 20:
        return ("十" + (digits[value - 10] if value > 10 else "")) if value >= 10 else digits[value]
    out = []
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit_value)
        if digit:
            out.append(digits[digit] + unit)
        elif out and value and not out[-1].endswith("零"):
            out.append("零")
    return "".join(out)
