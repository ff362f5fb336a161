"""Invariants: what must read the same in both languages, normalised per kind."""
from __future__ import annotations

import pytest

from maklumat.parity.invariants import extract, extract_text, link_target, normalize_number, normalize_phone
from maklumat.parity.sections import Run


def found(text: str, lang: str) -> list[tuple[str, str]]:
    return [(i.kind, i.value) for i in extract_text(text, lang)]


def values(text: str, lang: str, kind: str) -> list[str]:
    return [v for k, v in found(text, lang) if k == kind]


# -- numbers and durations ------------------------------------------------------------
@pytest.mark.parametrize("id_text,en_text", [
    ("30 (tiga puluh) hari", "30 (thirty) days"),
    ("masa 30 hari", "a 30-day period"),
    ("30 (tiga puluh) hari", "thirty (30) days"),
    ("Lantai 04", "Floor 4"),
    ("Rp1.000.000", "IDR 1,000,000"),
    ("2,5%", "2.5%"),
    ("14 (empat belas) hari kerja", "14 (fourteen) business days"),
    ("dalam 1 x 24 jam", "within 24 hours"),
    ("pasal 3.2.1", "article 3.2.1"),
    ("pihak ke-3", "the 3rd party"),
    ("versi 1.10", "version 1.10"),          # not a clock time without one's context
])
def test_numbers_and_durations_match_across_languages(id_text, en_text):
    a, b = extract_text(id_text, "id"), extract_text(en_text, "en")
    assert [(i.value, i.unit) for i in a] == [(i.value, i.unit) for i in b] != []


def test_duration_units_are_kept():
    (inv,) = extract_text("30 (tiga puluh) bulan", "id")
    assert (inv.value, inv.unit, inv.display) == ("30", "month", "30 months")
    assert [i.unit for i in extract_text("1 (one) year and 5 calendar days", "en")] == ["year", "calendar day"]
    assert extract_text("1 (one) year", "en")[0].display == "1 year"


def test_spelled_out_words_are_ignored_and_only_digits_count():
    assert found("tiga puluh hari", "id") == []
    assert found("thirty days", "en") == []


def test_year_after_tahun_is_not_a_duration():
    assert [(i.value, i.unit) for i in extract_text("Undang-Undang Nomor 27 Tahun 2022", "id")] == \
        [("27", None), ("2022", None)]


@pytest.mark.parametrize("raw,lang,value", [
    ("04", "id", "4"), ("1.000", "id", "1000"), ("1.000", "en", "1"), ("1,000", "en", "1000"),
    ("1,5", "id", "1.5"), ("1.234.567,89", "id", "1234567.89"), ("1,234,567.89", "en", "1234567.89"),
    ("2.50", "en", "2.5"), ("3.2.1", "id", "3.2.1"), ("21st", "en", "21"),
])
def test_normalize_number(raw, lang, value):
    assert normalize_number(raw, lang) == value


# -- dates and times ---------------------------------------------------------------------
@pytest.mark.parametrize("text,lang", [
    ("10 Januari 2025", "id"), ("10/01/2025", "id"), ("10-01-2025", "id"), ("2025-01-10", "id"),
    ("10 Jan 2025", "id"), ("Jumat, 10 Januari 2025", "id"),
    ("January 10, 2025", "en"), ("10 January 2025", "en"), ("Jan. 10, 2025", "en"),
    ("10th of January 2025", "en"), ("January 10th, 2025", "en"), ("2025-01-10", "en"),
])
def test_dates_in_any_form_are_the_same_day(text, lang):
    assert found(text, lang) == [("date", "2025-01-10")]


def test_indonesian_and_english_abbreviated_months():
    assert values("1 Agu 2025, 2 Okt 2025, 3 Des 2025, 4 Mei 2025", "id", "date") == \
        ["2025-08-01", "2025-10-02", "2025-12-03", "2025-05-04"]
    assert values("Aug 1, 2025; Oct. 2, 2025; Sept 3, 2025; May 4, 2025", "en", "date") == \
        ["2025-08-01", "2025-10-02", "2025-09-03", "2025-05-04"]
    assert values("berlaku sejak Maret 2025", "id", "date") == ["2025-03"]


def test_numeric_dates_day_first_in_indonesian_either_way_in_english():
    (id_date,) = extract_text("01/02/2025", "id")
    assert id_date.values == ("2025-02-01",)
    (en_date,) = extract_text("01/02/2025", "en")
    assert set(en_date.values) == {"2025-02-01", "2025-01-02"}
    (unambiguous,) = extract_text("12/31/2025", "en")
    assert unambiguous.values == ("2025-12-31",)


def test_impossible_dates_are_not_dates():
    assert values("31/02/2025", "id", "date") == []


def test_date_digits_are_not_bare_numbers():
    assert found("10 Januari 2025 dan 2025-01-10", "id") == [("date", "2025-01-10"), ("date", "2025-01-10")]


def test_times():
    assert values("pukul 09.00–17.00 WIB", "id", "time") == ["09:00", "17:00"]
    assert values("9:00 a.m. to 5:00 p.m.", "en", "time") == ["09:00", "17:00"]
    assert values("09.00–17.00 WIB", "en", "time") == ["09:00", "17:00"]
    assert found("a rate of 9.30 per cent", "en") == [("number", "9.3")]   # English 9.30 is a decimal


# -- addresses ---------------------------------------------------------------------------
@pytest.mark.parametrize("raw", ["+62 21 5550 0100", "021-5550-0100", "(021) 5550 0100", "+62 (0)21 5550 0100",
                                 "0062 21 5550 0100", "021.5550.0100"])
def test_phone_forms_are_one_number(raw):
    assert normalize_phone(raw) == "+622155500100"
    assert found(f"Telepon: {raw}.", "id") == [("phone", "+622155500100")]


def test_short_numbers_are_not_phones():
    assert found("Lantai 04", "id") == [("number", "4")]


def test_emails_and_urls_hide_their_digits():
    assert found("Tulis ke dpo2025@seruni.example atau buka https://seruni.example/v2/form-7/.", "id") == [
        ("email", "dpo2025@seruni.example"), ("url", "https://seruni.example/v2/form-7")]
    assert found("www.seruni.example and privasi.seruni.example/kontak", "en") == [
        ("url", "https://www.seruni.example"), ("url", "https://privasi.seruni.example/kontak")]


def test_link_targets():
    assert (link_target("mailto:DPO@Seruni.example", 1).kind, link_target("mailto:DPO@Seruni.example", 1).value) \
        == ("email", "dpo@seruni.example")
    assert link_target("tel:+622155500100", 1).value == "+622155500100"
    assert (link_target("#retention", 1).kind, link_target("#retention", 1).value) == ("fragment", "retention")
    assert link_target("./cookies.md", 1).value == "cookies.md"
    assert link_target("HTTPS://Seruni.Example/Privasi/", 1).value == "https://seruni.example/Privasi"


def test_extract_keeps_each_invariants_line():
    runs = [Run(12, "Disimpan 30 hari."), Run(13, "https://seruni.example/x", link=True),
            Run(14, "Hubungi 021-5550-0100.")]
    assert [(i.kind, i.line) for i in extract(runs, "id")] == [("number", 12), ("url", 13), ("phone", 14)]
