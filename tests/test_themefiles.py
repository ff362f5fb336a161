"""The theme's static files found once per process (maklumat/mkdocs/themefiles.py): each
build gets exactly the files MkDocs' own `add_files_from_theme` would add; a theme folder is
listed again only when one of its directories changed, or changed too recently to tell."""
from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from maklumat.mkdocs import jinjacache, themefiles

ORIGINAL = themefiles._ORIGINAL
HOUR_AGO = time.time() - 3600
_aged = [HOUR_AGO]


def _age(folder: Path) -> None:
    """Every directory under `folder` last changed about an hour ago (past the racy window),
    a second later than the last time: as time goes on, but a change can be told apart."""
    _aged[0] += 1
    for dirpath, _, _ in os.walk(folder):
        os.utime(dirpath, (_aged[0], _aged[0]))


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Beranda\n", "utf-8")
    (tmp_path / "overrides" / "assets").mkdir(parents=True)
    (tmp_path / "overrides" / "assets" / "extra.css").write_text("p {}\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Uji\ntheme:\n  name: material\n  custom_dir: overrides\n", "utf-8")
    _age(tmp_path / "overrides")
    monkeypatch.setattr(themefiles, "_NAMES", {})
    monkeypatch.setattr(themefiles, "_KEPT", {})
    themefiles.install()
    yield tmp_path
    themefiles.uninstall()


def _added(root: Path, docs: list[str] = (), own: bool = False) -> tuple[list[tuple], list[str]]:
    """A fresh config's files (`docs`, then what `add_files_from_theme` adds; `own`: MkDocs'
    own) as (src_uri, abs_src_path, dest_uri, url), and the folders listed meanwhile."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    files = Files([File(d, config.docs_dir, config.site_dir, config.use_directory_urls) for d in docs])
    walked, walk = [], themefiles._walk

    def counted(folder):
        walked.append(folder)
        return walk(folder)
    themefiles._walk = counted
    try:
        (ORIGINAL if own else Files.add_files_from_theme)(files, config.theme.get_env(), config)
    finally:
        themefiles._walk = walk
    return [(f.src_uri, f.abs_src_path, f.dest_uri, f.url) for f in files], walked


def _mkdocs_own(root: Path, docs: list[str] = ()) -> list[tuple]:
    return _added(root, docs, own=True)[0]


def test_the_same_files_as_mkdocs_each_folder_listed_once(project):
    first, walked = _added(project)
    assert first == _mkdocs_own(project)
    assert any(uri == "assets/extra.css" for uri, *_ in first) and len(first) > 30   # the overrides' and Material's
    assert any(w.endswith(os.path.join("material", "templates")) for w in walked)
    again, walked = _added(project)
    assert walked == [] and again == first


def test_a_changed_folder_is_listed_again(project):
    _added(project)
    overrides = project / "overrides"
    (overrides / "assets" / "more.js").write_text("1;\n", "utf-8")                 # added
    _age(overrides)
    now, walked = _added(project)
    assert walked == [str(overrides)] and now == _mkdocs_own(project)
    (overrides / "assets" / "extra.css").rename(overrides / "assets" / "x.css")      # renamed
    (overrides / "icons").mkdir()                                                     # a new folder
    (overrides / "icons" / "i.svg").write_text("<svg/>", "utf-8")
    _age(overrides)
    now, walked = _added(project)
    assert walked == [str(overrides)] and now == _mkdocs_own(project)
    uris = {uri for uri, *_ in now}
    assert {"assets/more.js", "assets/x.css", "icons/i.svg"} <= uris and "assets/extra.css" not in uris
    (overrides / "icons" / "i.svg").unlink()                                          # removed, deep down
    os.utime(overrides / "icons", (_aged[0] + 1, _aged[0] + 1))   # (only its own folder changed, long ago)
    now, walked = _added(project)
    assert walked == [str(overrides)] and "icons/i.svg" not in {uri for uri, *_ in now}
    assert now == _mkdocs_own(project)


def test_a_folder_changed_just_now_is_listed_every_build(project):
    _added(project)
    (project / "overrides" / "assets" / "more.js").write_text("1;\n", "utf-8")   # its folder's mtime: now
    for _ in range(2):
        now, walked = _added(project)
        assert walked == [str(project / "overrides")] and now == _mkdocs_own(project)


def test_an_empty_theme_folder_filled_later_is_found(project):
    (project / "mkdocs.yml").write_text("site_name: Uji\ntheme:\n  name: material\n  custom_dir: later\n", "utf-8")
    (project / "later").mkdir()
    _added(project)
    (project / "later" / "extra.js").write_text("1;\n", "utf-8")
    _age(project / "later")
    now, _ = _added(project)
    assert "extra.js" in {uri for uri, *_ in now} and now == _mkdocs_own(project)


def test_a_documentation_file_shadows_a_theme_file_every_build(project):
    _added(project)
    (project / "docs" / "assets").mkdir()
    (project / "docs" / "assets" / "extra.css").write_text("q {}\n", "utf-8")
    now, walked = _added(project, ["assets/extra.css"])
    shown = [path for uri, path, *_ in now if uri == "assets/extra.css"]
    assert walked == [] and shown == [str(project / "docs" / "assets" / "extra.css")]
    assert now == _mkdocs_own(project, ["assets/extra.css"])


def test_uninstalled_is_mkdocs_own(project):
    themefiles.uninstall()
    assert Files.add_files_from_theme is ORIGINAL


def test_each_environment_of_the_theme_compiles_a_template_once(project, monkeypatch):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    compiled, compile = [], jinja2.Environment.compile
    monkeypatch.setattr(jinjacache, "_CACHES", {})   # (what tests before this one compiled)

    def counted(env, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile(env, source, name, filename, *args, **kwargs)
    monkeypatch.setattr(jinja2.Environment, "compile", counted)

    def words() -> str:   # as Material's search plugin translates its words, on every build
        template = config.theme.get_env().get_template("partials/language.html", None, {"config": config})
        return template.module.t("search.config.lang")
    first = words()
    assert "partials/language.html" in compiled
    compiled.clear()
    assert words() == first and compiled == []
    themefiles.uninstall()
    assert words() == first and "partials/language.html" in compiled   # MkDocs' own: compiled again
