"""Problems in the editor's words: the catalog's sentence for each problem, its next step, one summary line.

A problem whose code has its own catalog entry (`problem_<code>`, filled from the
problem's `fields`) is told entirely in the messages language; a parity finding keeps its
precise detail and gets a heading in that language. Every problem ends with what to do
next (`next_<code>`, else `next_parity`)."""
from __future__ import annotations

from collections import Counter

from babel.lists import format_list

from maklumat import catalog
from maklumat.parity import wording
from maklumat.parity.checks import Problem
from maklumat.publish.strings import language_name

_OWN = ("missing-translation", "missing-prevailing", "lag-prevailing-behind", "lag-translation-pending",
        "uncommitted", "placeholder", "notice-period")


def _fields(p: Problem, lang: str, prevailing: str) -> dict:
    fields = {k: v for k, v in p.fields if not isinstance(v, tuple)}
    for name in [k for k in fields if k.endswith("lang")]:
        fields[name.removesuffix("lang") + "language"] = language_name(fields[name], lang)
    fields.setdefault("language", language_name(p.lang, lang) if p.lang else "")
    fields.setdefault("prevailing_language", language_name(prevailing, lang))
    return fields


def text(p: Problem, lang: str, prevailing: str) -> str:
    """What is wrong and what to do, in `lang`."""
    fields = _fields(p, lang, prevailing)
    code = _code(p, prevailing)
    if code in _OWN:
        what = catalog.message(lang, f"problem_{code}").format(**fields)
        step = f"next_{code}"
    else:
        found = dict(p.fields)
        detail = wording.render(lang, found.pop("key"), found) if "key" in found else p.message
        what = catalog.message(lang, "problem_parity").format(detail=detail, **fields)
        step = "next_parity"
    return f"{what} {catalog.message(lang, step).format(**fields)}"


def line(p: Problem, lang: str, prevailing: str) -> str:
    """`file:line: kind [code] words`, as `check` prints a problem."""
    return f"{p.path}:{p.line or 1}: {catalog.message(lang, 'severity_' + p.severity)} [{p.code}] {text(p, lang, prevailing)}"


def summary(problems: list[Problem], lang: str, prevailing: str) -> str:
    """One plain line: "3 masalah: teks terjemahan tidak sesuai (2), terjemahan tertunda (1)"."""
    kinds = Counter(_kind(_code(p, prevailing)) for p in problems)
    parts = [f"{catalog.message(lang, 'kind_' + k)} ({n})" for k, n in kinds.most_common()]
    n = len(problems)
    return catalog.message(lang, "cli_build_summary").format(
        problems=catalog.plural(lang, "cli_problems", n).format(n=n), kinds=format_list(parts, locale=lang))


def aborted(lang: str, *parts: str) -> str:
    """MkDocs' last line when a strict build stops on record problems: "Dihentikan dalam mode ketat: …"."""
    return " ".join([catalog.message(lang, "cli_aborted_strict"), *(p for p in parts if p)])


def _code(p: Problem, prevailing: str) -> str:
    if p.code == "missing-translation" and dict(p.fields).get("missing_lang") == prevailing:
        return "missing-prevailing"
    return p.code


def _kind(code: str) -> str:
    return code if code in _OWN else "parity"
