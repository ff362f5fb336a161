"""Translation lag: the state machine over versions (unit), and the same cases read
from real git history through maklumat.history.load_history (integration)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gitrepo import GitRepo
from maklumat.history.notices import load_history
from maklumat.parity.lag import LagState, lag_message, lag_state
from maklumat.model import Notice, NoticeFile, Settings, Version
from maklumat.parity.checks import lang_name

JAKARTA = ZoneInfo("Asia/Jakarta")
SETTINGS = Settings(languages=("id", "en"), prevailing="id", timezone="Asia/Jakarta", docs_dir="docs")


# -- unit: Version objects built by hand ------------------------------------------------
def version(lang: str, seq: int, *, editorial: bool = False, not_needed: bool = False) -> Version:
    when = dt.datetime(2025, 1, 1, 9, 0, tzinfo=JAKARTA) + dt.timedelta(days=seq)
    sha = f"{seq:02d}{lang}".ljust(40, "0")
    return Version(id=sha[:12], commit=sha, seq=seq, lang=lang, path=f"docs/{lang}/privacy.md", key="privacy",
                   blob="0" * 40, published=when, effective=when.date(), summary=f"change {seq}",
                   editorial=editorial, translation_not_needed=not_needed, sha256="0" * 64, title="Privacy")


def notice(*commits: tuple[str, ...], **flags) -> Notice:
    """`commits`: per commit, the languages it changed (seq = position)."""
    files = {lang: NoticeFile(lang=lang, key="privacy", path=f"docs/{lang}/privacy.md") for lang in ("id", "en")}
    for seq, langs in enumerate(commits):
        for lang in langs:
            files[lang].versions.append(version(lang, seq, **flags.get(f"{seq}{lang}", {})))
    return Notice("privacy", files)


def test_both_languages_in_one_commit_are_in_sync():
    state = lag_state(notice(("id", "en"), ("id", "en")), "id")
    assert state == LagState("in-sync") and state.severity is None


def test_english_only_change_leaves_the_prevailing_text_behind():
    n = notice(("id", "en"), ("en",), ("en",))
    state = lag_state(n, "id")
    assert (state.status, state.ahead_lang, state.severity) == ("prevailing-behind", "en", "error")
    # "since" is where they parted (commit 1), not the latest English change (commit 2).
    assert state.since_version is n.files["en"].versions[1] and state.since == n.files["en"].versions[1].published


def test_indonesian_only_change_is_a_pending_translation():
    state = lag_state(notice(("id", "en"), ("id",)), "id")
    assert (state.status, state.ahead_lang, state.severity) == ("translation-pending", "id", "warning")
    assert state.since.date() == dt.date(2025, 1, 2)


def test_later_counterpart_catches_up():
    assert lag_state(notice(("id", "en"), ("id",), ("en",)), "id").status == "in-sync"
    assert lag_state(notice(("id", "en"), ("en",), ("id",)), "id").status == "in-sync"


def test_not_needed_trailer_keeps_a_one_language_change_in_sync():
    assert lag_state(notice(("id", "en"), ("en",), **{"1en": {"not_needed": True}}), "id").status == "in-sync"
    # It declares this change needs no counterpart; it does not settle an earlier one.
    pending = lag_state(notice(("id", "en"), ("id",), ("en",), **{"2en": {"not_needed": True}}), "id")
    assert pending.status == "translation-pending" and pending.since.date() == dt.date(2025, 1, 2)


def test_editorial_versions_do_not_move_the_state():
    assert lag_state(notice(("id", "en"), ("en",), **{"1en": {"editorial": True}}), "id").status == "in-sync"
    # ...nor do they count as the counterpart of an earlier material change.
    state = lag_state(notice(("id", "en"), ("id",), ("en",), **{"2en": {"editorial": True}}), "id")
    assert state.status == "translation-pending"


def test_prevailing_language_is_a_setting():
    state = lag_state(notice(("id", "en"), ("en",)), "en")
    assert (state.status, state.ahead_lang) == ("translation-pending", "en")


def test_message_names_the_commit_and_the_fix():
    n = notice(("id", "en"), ("en",))
    text = lag_message(lag_state(n, "id"), "id", lang_name)
    assert "English text was changed on 2025-01-02" in text and "01en00000000" in text
    assert "Notice-Translation: not-needed" in text and "Indonesian" in text


# -- integration: real git history --------------------------------------------------------
def notice_text(lang: str, n: int) -> str:
    title = {"id": "Pemberitahuan Privasi", "en": "Privacy Notice"}[lang]
    body = {"id": "Kami menyimpan data selama {n} bulan.", "en": "We keep data for {n} months."}[lang]
    return f"---\neffective: 2025-01-10\n---\n\n# {title}\n\n{body.format(n=n)}\n"


def commit(repo: GitRepo, day: int, langs: dict[str, int], *trailers: str) -> None:
    for lang, n in langs.items():
        repo.write(f"docs/{lang}/privacy.md", notice_text(lang, n))
    repo.commit(f"Change {day}", f"2025-02-{day:02d}T10:00:00+07:00", trailers=trailers)


@pytest.fixture
def repo(tmp_path):
    r = GitRepo.init(tmp_path / "repo")
    commit(r, 1, {"id": 6, "en": 6})
    return r


def state_of(repo: GitRepo) -> LagState:
    history = load_history(repo.path, SETTINGS)
    return lag_state(history.notices["privacy"], "id")


def test_git_both_changed_in_sync(repo):
    commit(repo, 2, {"id": 12, "en": 12})
    assert state_of(repo).status == "in-sync"


def test_git_english_only_is_severe(repo):
    commit(repo, 3, {"en": 12})
    state = state_of(repo)
    assert (state.status, state.ahead_lang, state.severity) == ("prevailing-behind", "en", "error")
    assert state.since == dt.datetime(2025, 2, 3, 10, 0, tzinfo=JAKARTA)
    assert state.since_version.summary == "Change 3"


def test_git_indonesian_only_is_pending(repo):
    commit(repo, 4, {"id": 12})
    state = state_of(repo)
    assert (state.status, state.ahead_lang) == ("translation-pending", "id")
    assert state.since.date() == dt.date(2025, 2, 4)


def test_git_indonesian_then_english_catches_up(repo):
    commit(repo, 4, {"id": 12})
    commit(repo, 9, {"en": 12})
    assert state_of(repo).status == "in-sync"


def test_git_english_only_not_needed_stays_in_sync(repo):
    commit(repo, 5, {"en": 7}, "Notice-Translation: not-needed")
    assert state_of(repo).status == "in-sync"


def test_git_editorial_one_language_change_is_no_lag(repo):
    commit(repo, 6, {"en": 7}, "Notice-Change: editorial")
    assert state_of(repo).status == "in-sync"
