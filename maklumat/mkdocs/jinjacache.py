"""Each template compiled once per process, not once per build.

MkDocs makes a new Jinja environment for every build: static-i18n builds each language,
and `mkdocs serve` the whole site on every save, so Material's templates were compiled
again each time. The compiled code is kept in memory per environment setting that shapes
it; Jinja itself checks each template's source checksum before using it.
"""
from __future__ import annotations

import jinja2

_CACHES: dict[tuple, "_Memory"] = {}


class _Memory(jinja2.BytecodeCache):
    def __init__(self):
        self.codes: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        found = self.codes.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = (bucket.checksum, bucket.code)


def use(env: jinja2.Environment) -> None:
    """Give `env` the cache of environments compiling the same way."""
    def name(value):
        return getattr(value, "__qualname__", None) or repr(value)

    shape = (jinja2.__version__, tuple(sorted(env.extensions)), tuple(sorted(env.filters)), tuple(sorted(env.tests)),
             env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
             env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
             env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
             env.optimized, name(env.autoescape), name(env.finalize), type(env).__qualname__)
    env.bytecode_cache = _CACHES.setdefault(shape, _Memory())
