"""Parity findings as words in any catalog language: a catalog key and fields, rendered when shown.

A finding keeps its facts (`fields`), not a sentence, so the build and `check` tell it in
the site's messages language while JSON and the tests read the English one. A field value
is plain (str, int) or a tagged tuple rendered in the target language:
("lang", code), ("section", title, anchor) / ("opening",), ("after", title, anchor) /
("start",), ("count", noun, n), ("inv", value, unit, raw), ("kind", kind), ("where", kind, line, section),
("anchor", anchor, word when there is none).
"""
from __future__ import annotations

from maklumat import catalog
from maklumat.publish.strings import language_name


def render(lang: str, key: str, fields: dict) -> str:
    return catalog.message(lang, key).format(**{k: _value(lang, v) for k, v in fields.items()})


def _value(lang: str, v):
    if not isinstance(v, tuple):
        return v
    tag, *rest = v
    if tag == "lang":
        return language_name(rest[0], lang)
    if tag in ("section", "after"):
        title, anchor = rest
        anchor = f" {{#{anchor}}}" if anchor else ""
        return catalog.message(lang, f"parity_{tag}").format(title=title, anchor=anchor)
    if tag in ("opening", "start"):
        return catalog.message(lang, f"parity_{tag}")
    if tag == "count":
        noun, n = rest
        return catalog.plural(lang, f"parity_n_{noun}", n).format(n=n)
    if tag == "inv":
        value, unit, raw = rest
        if not unit:
            return raw
        n = int(value) if value.isdigit() else 2
        return catalog.plural(lang, "parity_unit_" + unit.replace(" ", "_"), n).format(n=value)
    if tag == "where":
        kind, line, sec = rest
        sec = _value(lang, sec) if sec else ""
        if kind == "after_end":
            sec = sec[:1].lower() + sec[1:]
        return catalog.message(lang, f"parity_where_{kind}").format(line=line, sec=sec)
    if tag == "anchor":
        anchor, alternative = rest
        return f"{{#{anchor}}}" if anchor else catalog.message(lang, f"parity_{alternative}")
    if tag == "kind":
        return "" if rest[0] == "number" else catalog.message(lang, f"parity_kind_{rest[0]}") + " "
    raise ValueError(f"unknown field {v!r}")
