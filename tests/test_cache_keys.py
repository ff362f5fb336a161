"""Caches are keyed on what produces their content: the versions of the Markdown libraries,
the site's extension configuration and the code. A stand-in upgrade or another
`markdown_extensions` must miss the cache; the same ones must hit it."""
from __future__ import annotations

from maklumat.markdown import rendering
from maklumat.history.blobcache import BlobCache, BlobFacts
from maklumat.model import DEFAULT_MARKDOWN, MarkdownConfig
from maklumat.redline.cache import RedlineCache

OLD = "# Notice\n\n## Retention {#retention}\n\nWe keep data for 30 days.\n"
NEW = "# Notice\n\n## Retention {#retention}\n\nWe keep data for 60 days.\n"
FACTS = BlobFacts(fingerprint="f" * 64, effective=None, title="T", sha256="0" * 64)
OTHER_CONFIG = MarkdownConfig.of(DEFAULT_MARKDOWN.extensions, {"toc": {"permalink": False}})


def upgraded(name: str) -> dict[str, str]:
    versions = dict(rendering.library_versions())
    versions[name] = versions[name] + ".post999"
    return versions


def test_every_library_counts():
    assert set(rendering.library_versions()) == {"Markdown", "pymdown-extensions", "markdown-it-py", "mdit-py-plugins"}
    assert "absent" not in rendering.library_versions().values()


def test_blob_cache_hits_with_the_same_reading(tmp_path):
    path = tmp_path / "blobs.json"
    cache = BlobCache(path)
    cache.put("a" * 40, FACTS)
    cache.save()
    assert BlobCache(path).get("a" * 40) == FACTS
    assert BlobCache(path, DEFAULT_MARKDOWN, dict(rendering.library_versions())).get("a" * 40) == FACTS


def test_blob_cache_misses_after_an_upgrade_or_another_config(tmp_path):
    path = tmp_path / "blobs.json"
    cache = BlobCache(path, DEFAULT_MARKDOWN)
    cache.put("a" * 40, FACTS)
    cache.save()
    for name in rendering.LIBRARIES:
        assert BlobCache(path, DEFAULT_MARKDOWN, upgraded(name)).get("a" * 40) is None, name
    assert BlobCache(path, OTHER_CONFIG).get("a" * 40) is None


def test_redline_cache_misses_after_an_upgrade_or_another_config(tmp_path, monkeypatch):
    import maklumat.redline.cache as rc
    calls = []
    real = rc.redline
    monkeypatch.setattr(rc, "redline", lambda o, n: calls.append(1) or real(o, n))
    RedlineCache(tmp_path, DEFAULT_MARKDOWN).get("en", "a" * 40, "b" * 40, OLD, NEW)
    RedlineCache(tmp_path, DEFAULT_MARKDOWN).get("en", "a" * 40, "b" * 40, OLD, NEW)
    assert len(calls) == 1                      # same reading: read from disk
    RedlineCache(tmp_path, DEFAULT_MARKDOWN, upgraded("Markdown")).get("en", "a" * 40, "b" * 40, OLD, NEW)
    assert len(calls) == 2
    RedlineCache(tmp_path, DEFAULT_MARKDOWN, upgraded("markdown-it-py")).get("en", "a" * 40, "b" * 40, OLD, NEW)
    assert len(calls) == 3
    RedlineCache(tmp_path, OTHER_CONFIG).get("en", "a" * 40, "b" * 40, OLD, NEW)
    assert len(calls) == 4


def test_config_digest_sees_options_and_order():
    a = MarkdownConfig.of(("toc", "attr_list"), {"toc": {"permalink": True}})
    assert a == MarkdownConfig.of(("toc", "attr_list"), {"toc": {"permalink": True}})
    assert a != MarkdownConfig.of(("toc", "attr_list"), {"toc": {"permalink": "#"}})
    assert a != MarkdownConfig.of(("attr_list", "toc"), {"toc": {"permalink": True}})
    assert rendering.reading_key(a) != rendering.reading_key(MarkdownConfig.of(("toc",)))
