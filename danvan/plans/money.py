"""Amounts of Vietnamese đồng as plans print them: "125.500.000 đồng (Bằng chữ: …)".

Numbers are read the way Vietnamese officials write totals: groups of three digits with
"nghìn", "triệu", "tỷ"; "không trăm" for an inner group under one hundred; "linh" for a
zero ten ("một trăm linh năm"); "mốt", "tư", "lăm" after a ten ("hai mươi mốt", "ba mươi tư",
"mười lăm").
"""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
BILLION = 10**9


def _three(n: int, full: bool) -> str:
    """Read 0 < n < 1000; ``full`` reads the hundreds even when zero (inner groups)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 4 and tens >= 2:
            words.append("tư")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[units])
    return " ".join(words)


def _below_billion(n: int, full: bool) -> str:
    parts: list[str] = []
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            parts.append(f"{_three(group, full or bool(parts))} {name}".strip())
    return " ".join(parts)


def number_to_words(n: int) -> str:
    """The Vietnamese words for a non-negative integer ("một trăm triệu")."""
    if n < 0:
        return "âm " + number_to_words(-n)
    if n == 0:
        return "không"
    if n >= BILLION:
        high, low = divmod(n, BILLION)
        head = f"{number_to_words(high)} tỷ"
        return f"{head} {_below_billion(low, True)}" if low else head
    return _below_billion(n, False)


def amount_in_words(amount: int) -> str:
    """ "Một trăm triệu đồng": the amount as written after "Bằng chữ:", capitalised."""
    words = number_to_words(int(amount)) + " đồng"
    return words[0].upper() + words[1:]


def format_vnd(amount: int) -> str:
    """Digits grouped with dots, as Vietnamese documents print them: 125.500.000."""
    return f"{int(amount):,}".replace(",", ".")
