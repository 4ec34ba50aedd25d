"""Amounts: money, percentages and other quantities, with their units, ranges and vagueness.

An amount is ``[currency sign] number [(number in words)] [scale] [range] [% | currency | unit]``:
``Rp441,5 miliar``, ``5-10 juta``, ``3 (tiga) unit``, ``sekitar selusin``, ``ratusan orang``,
``25 persen``, ``154 juta euro``, ``28.985 orang``, ``dua buah pipet``.

Numbers that are not amounts are turned down here by their context: parts of names and codes
(``Covid-19``, ``G20``, ``Liga 1``, ``F 1196 DH``), scores (``2-1``), phone numbers, list
numbering and fractions of codes (``10/2558``).  A bare year-like number (``pada 2017``,
``(1973)``) becomes a ``date`` with year precision.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from .base import PRIORITY_AMOUNT, PRIORITY_DATE, Mention, make_fact
from .dates import Dates
from .numbers import INTEGER, SEPARATED, Numbers, to_float
from .scan import Index, anchored
from .words import W_END, Words, alternation, normalise, phrase_before

# --- pieces -----------------------------------------------------------------------------------

#: the word before a position (reverse: ``.match(text, lo, pos)``)
_PREV_WORD = regex.compile(r"(?r)(?P<w>[^\s]{1,40}+)\s++")
_JOINED_BEFORE = regex.compile(
    r"[\p{L}\p{N}]\s?+[-–/]\s?+\Z|\p{N}\s?+:\s?+\Z|[+#@]\s*+\Z|\p{N}\(\Z"
)
_JOINED_AFTER = regex.compile(r"\s?+(?:[/:]\s?+\p{N}|[-–]\s?+\p{N})|/[\p{L}\p{N}]")
_LIST_NUMBER = regex.compile(r"\.(?:\s++\p{Lu}|\s*+\Z)")
_PLAIN_YEAR = regex.compile(INTEGER)
_ACRONYM = regex.compile(r"\p{Lu}{2,6}+")
_SENTENCE_PERCENT = regex.compile(r"%|(?i:\bpersen\b)")


def _strip_possessive(word: str) -> str:
    """``anaknya`` -> ``anak`` (the unit is the noun, not "his child")."""
    return word[:-3] if word.endswith("nya") and len(word) > 5 else word


def _previous_word(text: str, start: int) -> str | None:
    match = _PREV_WORD.match(text, max(0, start - 80), start)
    return match.group("w") if match else None


def _char_before(text: str, pos: int) -> str:
    """The last non-space character before ``pos`` ("" at the start of the sentence)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _is_year(num: str, value: Decimal) -> bool:
    return _PLAIN_YEAR.fullmatch(num) is not None and len(num) == 4 and 1900 <= value <= 2100


class Amounts:
    """The amount patterns, built from ``words`` and the number patterns of ``numbers`` (and
    ``dates``' relative days, no unit), and the reader of their matches."""

    def __init__(self, words: Words, numbers: Numbers, dates: Dates) -> None:
        self.parse_number = numbers.parse_number
        self.multiplier_value = numbers.multiplier_value
        self.relative_day = dates.relative_day
        self.words = words
        currency_prefix, currency_suffix = words.currency_prefix, words.currency_suffix
        units = words.units
        digits, in_words = numbers.digits, numbers.in_words
        multiplier, number = numbers.multiplier, numbers.number

        #: ``Rp``, ``Rp.``, ``US$``, ``€`` ... before the number; a letter sign must end there.
        currency_sign = (
            r"(?<![\p{L}\p{N}])(?i:" + alternation(currency_prefix) + r")(?![\p{L}])"
        )
        connectors = words.range_connectors
        self.symbol_connectors = [c for c in connectors if not any(ch.isalpha() for ch in c)]
        word_connectors = [c for c in connectors if any(ch.isalpha() for ch in c)]
        # "-" / "–" / "hingga" / "sampai dengan" / "s.d." between the two ends of a range
        range_ = (
            r"(?:\s*+" + alternation(self.symbol_connectors) + r"\s*+"
            r"|\s++(?i:" + alternation(word_connectors) + r")\s++)"
        )
        percent_signs = [p for p in words.percent_words if not p[0].isalpha()]
        percent_words = [p for p in words.percent_words if p[0].isalpha()]
        # "%" / "persen" / "poin persentase" right after the number
        percent = (
            r"(?:\s*+" + alternation(percent_signs) + r"|\s++(?i:" + alternation(percent_words)
            + ")" + W_END + ")"
        )
        # a number in brackets repeating the one before: "3 (tiga)", "Rp5.000 (lima ribu
        # rupiah)"
        echo = (
            rf"\s*+\(\s*+(?:{digits}|{in_words})"
            r"(?:\s++(?i:" + alternation(currency_suffix) + r"))?+\s*+\)"
        )
        amount = (
            rf"(?:(?P<cur>{currency_sign})\s*+(?P<num>{numbers.number_bare})|(?P<num>{number}))"
            rf"(?P<echo>{echo})?"
            rf"(?:\s*+(?P<mult>{multiplier}))?"
            rf"(?:(?P<conn>{range_})(?:(?P<cur2>{currency_sign})\s*+)?"
            rf"(?P<num2>{number})(?:\s*+(?P<mult2>{multiplier}))?)?"
            rf"(?P<pct>{percent})?"
        )
        #: An amount.  The number-word pattern, four times in it, is defined once and called by
        #: name: the same matches, compiled in a third of the time (a cold start's biggest
        #: regex).
        self.amount = regex.compile(
            rf"(?(DEFINE)(?P<words>{in_words}))" + amount.replace(in_words, "(?&words)"))
        #: A currency word after the amount: ``rupiah``, ``dolar AS``, ``euro``.
        self.currency_after = regex.compile(
            r"\s*+(?i:" + alternation(currency_suffix) + ")" + W_END)
        #: A measure word after the amount, possibly glued: ``km``, ``GB``, ``meter persegi``.
        self.unit_after = regex.compile(
            r"\s*+(?P<u>(?i:" + alternation(u for u in units if len(u) > 1) + ")"
            r"|(?-i:" + alternation(u for u in units if len(u) == 1) + "))" + W_END
        )
        #: Any next word (a counted noun, maybe): ``orang``, ``kios``, ``warga``.
        self.word_after = regex.compile(r"\s++(?P<w>\p{L}[\p{L}-]{0,40}+)" + W_END)
        approx_before, approx_after = words.approx_before, words.approx_after
        self._approx_before_word = phrase_before(w for w in approx_before if w[0].isalpha())
        self._approx_sign_before = regex.compile(
            r"(?r)" + alternation(w for w in approx_before if not w[0].isalpha()) + r"\s*+"
        )
        self._approx_after = regex.compile(
            r"(?:\s++(?i:" + alternation(w for w in approx_after if w[0].isalpha()) + r")"
            r"(?=\s*+(?:[.,;:)!?\"”]|\Z))|(?i:"
            + alternation(w for w in approx_after if w[0] == "-") + ")" + W_END + ")"
        )
        # a percentage in brackets or after "atau" right after a number of points: the points
        # are an index's ("melemah 12,34 poin (0,36 persen)", "3,66 poin atau setara dengan
        # 0,06%")
        self._percent_beside = regex.compile(
            r"\s*+(?:\(|(?i:atau(?:\s++setara)?+|setara)(?:\s++(?i:dengan))?+\s++)\s*+"
            rf"{digits}{percent}"
        )
        self._points_context = regex.compile(
            r"(?i:\b" + alternation(words.points_not_percent) + r"\b)"
        )

    # --- reading ------------------------------------------------------------------------------

    def _value(self, num: str, echo: str | None, mult: str | None) -> tuple[Decimal, bool] | None:
        parsed = self.parse_number(num)
        if parsed is None:
            return None
        value, approx = parsed
        if mult:
            factor = self.multiplier_value(mult)
            if factor is None:
                return None
            value *= factor[0]
            approx = approx or factor[1]
        return value, approx

    def _unit_at(self, text: str, pos: int) -> tuple[str | None, int, bool]:
        """The unit right after ``pos``: (unit, end, is_measure_or_classifier)."""
        words = self.words
        match = self.unit_after.match(text, pos, pos + 80)
        if match:
            raw = match.group("u")
            return words.units.get(normalise(raw), normalise(raw)), match.end(), True
        match = self.word_after.match(text, pos, pos + 80)
        if not match:
            return None, pos, False
        word = match.group("w")
        low = word.lower()
        if self.relative_day.match(text, match.start("w")):  # "pagi tadi", "malam ini"
            return None, pos, False  # "di level 6.238,7 pagi tadi"
        if _ACRONYM.fullmatch(word) and low not in words.timezones and low not in words.not_units:
            return low, match.end(), False  # counted acronyms: "8 WNA", "120 TPS"
        if not self._good_noun(word):
            if word[:1].isupper() and (low in words.classifiers or low == "orang"):
                return low, match.end(), True
            return None, pos, False
        if low in words.classifiers:
            following = self.word_after.match(text, match.end(), match.end() + 80)
            if following and self._good_noun(following.group("w")) and \
                    following.group("w").lower() not in words.classifiers:
                return following.group("w").lower(), following.end(), True
            return low, match.end(), True
        noun = _strip_possessive(low)
        if not self._good_noun(noun):
            return None, pos, False
        return noun, match.end(), low == "orang"

    def _good_noun(self, word: str) -> bool:
        words = self.words
        low = word.lower()
        return (
            word == low
            and len(low) >= 2
            and low not in words.not_units
            and low not in words.months
            and low not in words.weekdays
            and low not in words.relative_days
            and not words.looks_like_verb(low)
            and not low.endswith("-")
        )

    def _is_name_before(self, text: str, start: int) -> bool:
        """True when a capitalised word (not a function word) stands right before ``start``."""
        match = _PREV_WORD.match(text, max(0, start - 80), start)
        if match is None:
            return False
        word = match.group("w")
        if not word[-1].isalnum():  # "Jakarta," ends a phrase
            return False
        if word[:1].islower() and any(c.isupper() for c in word[1:]):
            return True  # a product written in camel case: "iPhone 11", "iPad 2"
        if not word[:1].isupper():
            return False
        if word.lower() in self.words.function_words:
            return False
        if len(word) >= 2 and word.isupper() and word.isalpha():
            return True  # an acronym, even opening the sentence: "APBN 2017", "JICOMFEST 2019"
        before = _char_before(text, match.start())
        return before != "" and before not in "\"“'‘(:"

    def _context_rejects(self, text: str, start: int, end: int, num: str) -> str | None:
        """Why a number written with digits is not an amount here, or None."""
        before = text[max(0, start - 8):start]
        if _JOINED_BEFORE.search(before):
            return "code"  # Covid-19, ke-3, 10/2558, +62
        if _JOINED_AFTER.match(text, end, end + 8):
            return "code"
        previous = _PREV_WORD.match(text, max(0, start - 40), start)
        if previous is not None and previous.group("w").lower() in self.words.version_words:
            return "name"  # revolusi industri 4.0, versi 2.1
        digits = num.replace(".", "").replace(",", "")
        if digits.startswith("0") and len(digits) >= 5:
            return "phone"
        if len(digits) <= 2 and _LIST_NUMBER.match(text, end, end + 40) \
                and _char_before(text, start) in ("", ",", ";", ":", "("):
            return "list"
        return None

    def _currency(self, sign: str | None) -> str | None:
        return self.words.currency_prefix.get(normalise(sign)) if sign else None

    def _approx_before(self, text: str, start: int) -> bool:
        low = max(0, start - 60)
        return bool(self._approx_before_word.match(text, low, start)
                    or self._approx_sign_before.match(text, low, start))

    def find_amounts(self, text: str, index: Index) -> list[Mention]:
        """Amount mentions in one sentence (scores, codes and numbers in names turned down)."""
        mentions: list[Mention] = []
        for match in anchored(self.amount, text, index.get("sign", "digit", "numword")):
            result = self._read(text, match)
            if result is not None:
                mentions.append(result)
        return mentions

    def _read(self, text: str, m: regex.Match[str]) -> Mention | None:
        """One amount match -> a mention, or None (nothing to say, or turned down)."""
        words = self.words
        cur, num, num2 = m.group("cur"), m.group("num"), m.group("num2")
        mult, mult2 = m.group("mult"), m.group("mult2")
        is_digits = num[:1].isdigit()
        if mult in words.money_multipliers and not cur:
            return None  # "3 M" without a currency sign is no scale
        if mult2 in words.money_multipliers and not (cur or m.group("cur2")):
            return None
        start, end = m.start(), m.end()
        first_end = m.end("mult") if mult else (
            m.end("echo") if m.group("echo") else m.end("num"))
        if is_digits and not cur:
            reason = self._context_rejects(text, m.start("num"),
                                           m.end("num") if not num2 else end, num)
            if reason:
                return None
        if num2 and num2[:1].isdigit() \
                and _JOINED_AFTER.match(text, m.end("num2"), m.end("num2") + 8) \
                and not (mult2 or m.group("pct")):
            return None  # 4-2-3-1

        first = self._value(num, m.group("echo"), mult)
        if first is None:
            return None
        second = None
        if num2:
            # "5-10 juta": the first end borrows the scale and currency of the second
            borrowed = mult if mult else mult2
            second = self._value(num2, None, mult2)
            plain = self.parse_number(num2)
            if second is None or plain is None:
                return None
            if not mult and mult2 and self.parse_number(num) \
                    and self.parse_number(num)[0] < plain[0]:
                first = self._value(num, None, borrowed)
                if first is None:
                    return None

        # --- what the number measures
        kind, unit = "quantity", None
        currency = self._currency(cur) or self._currency(m.group("cur2"))
        strong = bool(cur or mult or mult2 or m.group("pct"))
        if m.group("pct"):
            kind = "percent"
        else:
            after = self.currency_after.match(text, end, end + 80)
            if after:
                kind, currency, end, strong = (
                    "money", words.currency_suffix[normalise(after.group())], after.end(), True)
            elif currency:
                kind = "money"
            else:
                unit, end, measure = self._unit_at(text, end)
                if unit and not num2 and not mult and _is_year(num, first[0]) and (
                        _ACRONYM.fullmatch(text[end - len(unit):end])
                        or (not measure and (_previous_word(text, start) or "").lower()
                            in words.year_cues)):
                    # "pada 2017 KPK menetapkan", "hingga tahun 2020 seiring ...": a year
                    unit, end = None, m.end()
                strong = strong or measure
                if unit == "poin" and _SENTENCE_PERCENT.search(text) \
                        and not self._points_context.search(text) \
                        and not self._percent_beside.match(text, end, end + 60):
                    kind, unit = "percent", None
        if currency:
            kind = "money"

        # --- names, scores and years
        if not is_digits and num[:1].isupper() and not strong and self._is_name_before(text, start):
            return None  # Mangga Dua, Tiga Serangkai
        if is_digits and not cur and not strong and self._is_name_before(text, start):
            if unit is None and _is_year(num, first[0]):  # "Asian Games 2018": the year is a date
                years = [(start, m.end("num"), num)]
                if num2 and _is_year(num2, second[0]) and first[0] < second[0]:
                    years.append((m.start("num2"), m.end("num2"), num2))  # "Liga 2019-2020"
                parts = ["low", "high"] if len(years) == 2 else [None]
                facts = [make_fact(text, s, e, "date", iso=y, precision="year", range_part=part)
                         for (s, e, y), part in zip(years, parts, strict=True)]
                return Mention(start, years[-1][1], facts, PRIORITY_DATE)
            return None  # Liga 1, Snapdragon 625
        approx = self._approx_before(text, start)
        tail = self._approx_after.match(text, end, end + 80)
        if tail:
            approx = True
            if tail.group().startswith("-"):
                end = tail.end()
                if not num2 and _is_year(num, first[0]) and kind == "quantity":
                    fact = make_fact(text, start, end, "date", iso=num,
                                     precision="decade")  # "1990-an"
                    return Mention(fact.start_char, fact.end_char, [fact], PRIORITY_DATE)

        if num2:
            return self._read_range(text, m, kind, unit, currency, first, second, approx, start,
                                    end, first_end, strong)

        value, vague = first
        if kind == "quantity" and unit is None and not approx and not vague and is_digits \
                and not mult and _is_year(num, value):
            prev = _previous_word(text, start)
            if not prev or prev.lower() not in words.year_quantity_cues:
                fact = make_fact(text, start, m.end("num"), "date", iso=f"{int(value):04d}",
                                 precision="year")
                return Mention(fact.start_char, fact.end_char, [fact], PRIORITY_DATE)
        fact = make_fact(text, start, end, kind, value=to_float(value), unit=unit,
                         currency=currency, approx=approx or vague)
        return Mention(fact.start_char, fact.end_char, [fact], PRIORITY_AMOUNT,
                       words=not is_digits)

    def _read_range(self, text: str, m: regex.Match[str], kind: str, unit: str | None,
                    currency: str | None, first: tuple[Decimal, bool],
                    second: tuple[Decimal, bool], approx: bool, start: int, end: int,
                    first_end: int, strong: bool) -> Mention | None:
        """Two facts for ``5-10 juta`` / ``10 hingga 20 orang``; scores and year spans apart."""
        conn = m.group("conn").strip()
        dash = conn in self.symbol_connectors
        num, num2 = m.group("num"), m.group("num2")
        if kind == "quantity" and unit is None and not strong:
            if _is_year(num, first[0]) and _is_year(num2, second[0]) and first[0] < second[0]:
                facts = [
                    make_fact(text, start, m.end("num"), "date", iso=str(int(first[0])),
                              precision="year", range_part="low"),
                    make_fact(text, m.start("num2"), m.end("num2"), "date",
                              iso=str(int(second[0])), precision="year", range_part="high"),
                ]
                return Mention(start, m.end("num2"), facts, PRIORITY_DATE)
            if dash and not (SEPARATED.fullmatch(num) or SEPARATED.fullmatch(num2)):
                return None  # a score: "2-1", "6-2"; not "di level 5.112,40 – 5.180,2"
        prev = _previous_word(text, start)
        if dash and (first[0] > second[0] or (prev and prev.lower() in self.words.score_cues)):
            return None
        second_start = m.start("cur2") if m.group("cur2") else m.start("num2")
        facts = [
            make_fact(text, start, first_end, kind, value=to_float(first[0]), unit=unit,
                      currency=currency, approx=approx or first[1], range_part="low"),
            make_fact(text, second_start, end, kind, value=to_float(second[0]), unit=unit,
                      currency=currency, approx=approx or second[1], range_part="high"),
        ]
        return Mention(start, end, facts, PRIORITY_AMOUNT, words=not num[:1].isdigit())
