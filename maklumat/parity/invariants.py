"""What must read the same in every language: numbers and durations, dates, times,
e-mail addresses, links and phone numbers, normalised so that the forms each language
writes compare equal (`30 (tiga puluh) hari` = `30 (thirty) days` = `30-day`,
`10 Januari 2025` = `January 10, 2025` = `2025-01-10`, `021-555-0100` = `+62 21 555 0100`).

Extraction masks each match before the next kind runs, so the digits of a date, a
phone number, an address or a URL are never also counted as bare numbers. Spelled-out
number words are ignored: only digits count.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

from maklumat.parity.sections import Run

DEFAULT_COUNTRY = "62"   # national numbers (0...) are Indonesian


@dataclass(frozen=True)
class Invariant:
    kind: str            # number | date | time | email | url | fragment | phone
    value: str           # normalised: equal values mean the same thing in any language
    raw: str             # as written, for messages
    line: int
    unit: str | None = None             # durations: "day", "business day", "month", ...
    alternatives: tuple[str, ...] = ()  # other readings of an ambiguous date (en 01/02/2025)

    @property
    def values(self) -> tuple[str, ...]:
        return (self.value, *self.alternatives)

    @property
    def display(self) -> str:
        if self.unit:
            return f"{self.value} {self.unit}{'' if self.value == '1' else 's'}"
        return self.raw


MONTHS = {
    # Indonesian and English, full and abbreviated: one table, so a quoted date in the
    # other language still reads.
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "pebruari": 2,
    "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>[12]\d{3})"
_B, _E = r"(?<![\w.,/-])", r"(?![\w/]|[.,-]\d)"   # not inside a longer token

_DATE_FORMS = [
    re.compile(_B + r"(?P<year>[12]\d{3})-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)" + _E),          # ISO
    re.compile(_B + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _E, re.I),       # 10 Januari 2025
    re.compile(_B + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _E, re.I),                 # January 10, 2025
    re.compile(_B + r"(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)" + _YEAR + _E),  # 10/01/2025
    re.compile(_B + _MONTH + r"\s+" + _YEAR + _E, re.I),                                   # Januari 2025
]
_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]\"'`]+")
_DOMAIN = re.compile(r"(?i)(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:example|com|net|org|id|io)\b(?:/[^\s<>()\"'`]*)?")
_EMAIL = re.compile(r"(?i)(?<![\w.+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_TIME = re.compile(r"(?i)(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<m>[0-5]\d)(?![\d]|[.,:]\d)"
                   r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?")
_HOUR_AMPM = re.compile(r"(?i)(?<![\w.,:])(?P<h>1[0-2]|0?[1-9])\s*(?P<ap>[ap])\.?\s?m\b\.?")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}|\(0\d{1,4}\)|0\d{1,4})(?:[ .-]?(?:\(0\)|\(\d{1,4}\)|\d{1,5}))+(?![\w])")
_UNITS = [
    # (pattern, unit); longer first. "tahun 2022" / "year 2022" name a year, not a duration.
    (r"hari\s+kerja|(?:business|working)[\s-]+days?", "business day"),
    (r"hari\s+kalender|calendar[\s-]+days?", "calendar day"),
    (r"hari|days?", "day"), (r"jam|hours?", "hour"), (r"menit|minutes?", "minute"),
    (r"detik|seconds?", "second"), (r"minggu|pekan|weeks?", "week"),
    (r"bulan|months?", "month"), (r"(?:tahun|years?)(?!\s+[12]\d{3}\b)", "year"),
]
_NUM = r"\d+(?:[.,]\d+)*"
_DURATION = re.compile(
    r"(?i)(?<![\w.,])\(?(?P<n>" + _NUM + r")\)?(?:\s*\([^()\d]*\))?(?:\s+|\s*-\s*)(?P<unit>"
    + "|".join(f"(?:{p})" for p, _ in _UNITS) + r")\b")
_TIMES_24 = re.compile(r"(?i)(?<![\w.,])(?P<n>\d+)\s*[x×]\s*24\s*(?:jam|hours?)\b")  # "1 x 24 jam"
_NUMBER = re.compile(r"(?<![\w.,])" + _NUM + r"(?:st|nd|rd|th)?(?![\w]|[.,]\d)")


def extract(runs: Iterable[Run], lang: str) -> list[Invariant]:
    """Every invariant in `runs` (a section's own content), in reading order."""
    found: list[Invariant] = []
    for run in runs:
        if run.link:
            inv = link_target(run.text, run.line)
            if inv is not None:
                found.append(inv)
        else:
            found.extend(extract_text(run.text, lang, run.line))
    return found


def extract_text(text: str, lang: str, line: int = 1) -> list[Invariant]:
    text = re.sub(r"\bRp(?=\d)", "Rp ", text)
    found: list[tuple[int, Invariant]] = []
    buf = [text]

    def take(pattern, make):
        for m in pattern.finditer(buf[0]):
            inv = make(m)
            if inv is None:
                continue
            found.append((m.start(), inv))
            buf[0] = buf[0][: m.start()] + " " * (m.end() - m.start()) + buf[0][m.end():]

    take(_URL, lambda m: _url(m.group(0).rstrip(".,;:!?"), line))
    take(_EMAIL, lambda m: Invariant("email", m.group(0).lower(), m.group(0), line))
    take(_DOMAIN, lambda m: _url(m.group(0).rstrip(".,;:!?"), line))
    for form in _DATE_FORMS:
        take(form, lambda m: _date(m, lang, line))
    take(_TIME, lambda m: _time(m, lang, line))
    take(_HOUR_AMPM, lambda m: _time(m, lang, line))
    take(_PHONE, lambda m: _phone(m.group(0), line))
    take(_TIMES_24, lambda m: Invariant("number", str(int(m.group("n")) * 24), m.group(0), line, "hour"))
    take(_DURATION, lambda m: _duration(m, lang, line))
    take(_NUMBER, lambda m: Invariant("number", normalize_number(m.group(0), lang), m.group(0), line))
    return [inv for _, inv in sorted(found, key=lambda pair: pair[0])]


def link_target(href: str, line: int) -> Invariant | None:
    href = href.strip()
    if not href:
        return None
    low = href.lower()
    if low.startswith("mailto:"):
        address = unquote(href[7:].split("?")[0])
        return Invariant("email", address.lower(), address, line)
    if low.startswith("tel:"):
        return _phone(href[4:], line)
    if href.startswith("#"):
        return Invariant("fragment", unquote(href[1:]), href, line)
    return _url(href, line)


def normalize_number(raw: str, lang: str) -> str:
    """`04` -> `4`; `1.000.000` (id) = `1,000,000` (en); `2,5` (id) = `2.5` (en).
    A lone separator before exactly three digits is a thousands separator in the
    language's own convention; dotted labels like `3.2.1` stay as they are."""
    s = re.sub(r"(?:st|nd|rd|th)$", "", raw)
    seps = re.findall(r"[.,]", s)
    group, decimal = (".", ",") if lang == "id" else (",", ".")
    if not seps:
        return str(int(s))
    if len(set(seps)) == 2:                       # 1.234,5 / 1,234.5: last one is decimal
        decimal = seps[-1]
        group = "," if decimal == "." else "."
        if s.count(decimal) > 1:
            return s.replace(",", ".")
        s = s.replace(group, "").replace(decimal, ".")
    elif len(seps) > 1:
        if not re.fullmatch(rf"\d{{1,3}}(?:\{seps[0]}\d{{3}})+", s):
            return s.replace(",", ".")            # a label such as 3.2.1
        s = s.replace(seps[0], "")
    else:
        head, tail = s.split(seps[0])
        s = head + tail if (len(tail) == 3 and seps[0] == group) else f"{head}.{tail}"
    try:
        d = Decimal(s)
    except InvalidOperation:
        return raw
    return format(d.normalize(), "f") if d != d.to_integral() else str(int(d))


def normalize_phone(raw: str) -> str:
    """`021-555-0100`, `(021) 555 0100`, `+62 (0)21 555 0100` -> `+62215550100`."""
    s = raw.replace("(0)", "")
    digits = re.sub(r"\D", "", s)
    if s.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+" + DEFAULT_COUNTRY + digits[1:]
    return digits


def normalize_url(raw: str) -> str:
    """Scheme and host lower-cased, `www.` given a scheme, percent-escapes decoded,
    a trailing slash dropped; relative targets lose a leading `./`."""
    s = raw.strip()
    if s.lower().startswith("www.") or (_DOMAIN.fullmatch(s) and "://" not in s):
        s = "https://" + s
    parts = urlsplit(s)
    if parts.scheme:
        path = unquote(parts.path).rstrip("/")
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, parts.fragment))
    return unquote(s[2:] if s.startswith("./") else s)


def _url(raw: str, line: int) -> Invariant:
    return Invariant("url", normalize_url(raw), raw, line)


def _phone(raw: str, line: int) -> Invariant | None:
    value = normalize_phone(raw)
    if not 8 <= len(value.lstrip("+")) <= 15:
        return None          # too short or too long for a phone number: leave it to numbers
    return Invariant("phone", value, raw.strip(), line)


def _date(m: re.Match, lang: str, line: int) -> Invariant | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("a"):                                 # numeric day/month order
        a, b = int(g["a"]), int(g["b"])
        readings = [(a, b)] if lang == "id" else [(a, b), (b, a)]
        days = [_ymd(year, mon, day) for day, mon in readings]
        days = list(dict.fromkeys(d for d in days if d))
        if not days:
            return None
        return Invariant("date", days[0], m.group(0), line, alternatives=tuple(days[1:]))
    mon = MONTHS[g["mon"].lower()] if g.get("mon") else int(g["m"])
    if g.get("day") is None:
        return Invariant("date", f"{year:04d}-{mon:02d}", m.group(0), line)
    value = _ymd(year, mon, int(g["day"]))
    return Invariant("date", value, m.group(0), line) if value else None


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _time(m: re.Match, lang: str, line: int) -> Invariant | None:
    g = m.groupdict()
    ap = (g.get("ap") or "").lower()
    if g.get("sep") == "." and not ap and not _time_context(m):
        return None                                # 9.30 or versi 1.10 is a number...
    hour, minute = int(g["h"]), int(g.get("m") or 0)
    if ap:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ap == "p" else 0)
    return Invariant("time", f"{hour:02d}:{minute:02d}", m.group(0).strip(), line)


def _time_context(m: re.Match) -> bool:
    """...unless it reads as a clock time: `09.00–17.00`, `09.00 WIB`, `pukul 09.00`, `at 09.00`."""
    after, before = m.string[m.end():], m.string[: m.start()]
    return bool(re.match(r"\s*(?:[–-]\s*\d{1,2}[.:]\d{2}\b|(?:WIB|WITA|WIT|UTC|GMT|hrs)\b)", after)
                or re.search(r"(?:[–-]|\b(?:at|from|until|to|by|before|after|pukul|jam|mulai|sampai|hingga))"
                             r"\s*$", before, re.I))


def _duration(m: re.Match, lang: str, line: int) -> Invariant:
    word = m.group("unit").lower()
    unit = next(u for p, u in _UNITS if re.fullmatch(p, word))
    return Invariant("number", normalize_number(m.group("n"), lang), m.group(0), line, unit)
