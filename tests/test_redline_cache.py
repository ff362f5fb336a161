"""The on-disk redline cache: same results as computing, computed once per blob pair."""
from maklumat.redline import cache as redline_cache
from maklumat.redline.compare import redline

OLD = "# Notice\n\n## Retention {#retention}\n\nWe keep data for 30 days.\n"
NEW = "# Notice\n\n## Retention {#retention}\n\nWe keep data for 60 days.\n"


def counting(monkeypatch):
    calls = []

    def fake(old, new):
        calls.append((old, new))
        return redline(old, new)
    monkeypatch.setattr(redline_cache, "redline", fake)
    return calls


def test_cached_result_equals_computed(tmp_path, monkeypatch):
    counting(monkeypatch)
    got = redline_cache.RedlineCache(tmp_path).get("en", "a" * 40, "b" * 40, OLD, NEW)
    direct = redline(OLD, NEW)
    assert got.html("en") == direct.html("en")
    assert got.summary_html("en") == direct.summary_html("en")
    assert got.summary == direct.summary and got.summary[0].anchor == "retention"


def test_second_build_reads_from_disk(tmp_path, monkeypatch):
    calls = counting(monkeypatch)
    redline_cache.RedlineCache(tmp_path).get("en", "a" * 40, "b" * 40, OLD, NEW)
    again = redline_cache.RedlineCache(tmp_path).get("en", "a" * 40, "b" * 40, OLD, NEW)
    assert len(calls) == 1
    assert "<ins" in again.html("en")


def test_language_and_blobs_are_part_of_the_key(tmp_path, monkeypatch):
    calls = counting(monkeypatch)
    cache = redline_cache.RedlineCache(tmp_path)
    cache.get("en", "a" * 40, "b" * 40, OLD, NEW)
    indonesian = cache.get("id", "a" * 40, "b" * 40, OLD, NEW)
    cache.get("en", "a" * 40, "c" * 40, OLD, OLD)
    assert len(calls) == 3
    assert "disisipkan" in indonesian.html("id")


def test_damaged_entry_is_recomputed(tmp_path, monkeypatch):
    calls = counting(monkeypatch)
    redline_cache.RedlineCache(tmp_path).get("en", "a" * 40, "b" * 40, OLD, NEW)
    for entry in tmp_path.rglob("*.json"):
        entry.write_text("{not json", "utf-8")
    got = redline_cache.RedlineCache(tmp_path).get("en", "a" * 40, "b" * 40, OLD, NEW)
    assert len(calls) == 2 and "<del" in got.html("en")


def test_entries_of_older_code_are_removed(tmp_path, monkeypatch):
    stale = tmp_path / "redlines-0123456789abcdef"
    stale.mkdir()
    (stale / "a-b-en.json").write_text("{}", "utf-8")
    cache = redline_cache.RedlineCache(tmp_path)
    cache.get("en", "a" * 40, "b" * 40, OLD, NEW)
    assert not stale.exists()
    assert [p.name for p in tmp_path.iterdir()] == [f"redlines-{redline_cache._code_digest()}"]
