"""`mkdocs serve` finds the theme's static files once (maklumat/mkdocs/themefiles.py): each
build gets exactly the files MkDocs' own `add_files_from_theme` would add, found again only
when a folder of the theme changed."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from maklumat.mkdocs import jinjacache, themefiles

ORIGINAL = themefiles._ORIGINAL


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Beranda\n", "utf-8")
    (tmp_path / "overrides" / "assets").mkdir(parents=True)
    (tmp_path / "overrides" / "assets" / "extra.css").write_text("p {}\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Uji\ntheme:\n  name: material\n  custom_dir: overrides\n", "utf-8")
    themefiles.find_once(True)
    yield tmp_path
    themefiles.find_once(False)


def _added(root: Path, docs: list[str] = (), own: bool = False) -> tuple[list[tuple], int]:
    """A fresh config's files (`docs`, then what `add_files_from_theme` adds; `own`: MkDocs'
    own) as (src_uri, abs_src_path, dest_uri, url), and how many times MkDocs' own ran."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    files = Files([File(d, config.docs_dir, config.site_dir, config.use_directory_urls) for d in docs])
    calls = []

    def counted(*args):
        calls.append(1)
        return ORIGINAL(*args)
    themefiles._ORIGINAL = counted
    try:
        (ORIGINAL if own else Files.add_files_from_theme)(files, config.theme.get_env(), config)
    finally:
        themefiles._ORIGINAL = ORIGINAL
    return [(f.src_uri, f.abs_src_path, f.dest_uri, f.url) for f in files], len(calls)


def _mkdocs_own(root: Path, docs: list[str] = ()) -> list[tuple]:
    return _added(root, docs, own=True)[0]


def test_the_same_files_as_mkdocs_found_once(project):
    first, calls = _added(project)
    assert calls == 1 and first == _mkdocs_own(project)
    assert any(uri == "assets/extra.css" for uri, *_ in first) and len(first) > 30   # the overrides' and Material's
    again, calls = _added(project)
    assert calls == 0 and again == first


def test_a_changed_folder_is_found_again(project):
    _added(project)
    (project / "overrides" / "assets" / "more.js").write_text("1;\n", "utf-8")        # added
    (project / "overrides" / "assets" / "extra.css").rename(project / "overrides" / "assets" / "x.css")   # renamed
    (project / "overrides" / "icons").mkdir()                                           # a new folder
    (project / "overrides" / "icons" / "i.svg").write_text("<svg/>", "utf-8")
    now, calls = _added(project)
    assert calls == 1 and now == _mkdocs_own(project)
    uris = {uri for uri, *_ in now}
    assert {"assets/more.js", "assets/x.css", "icons/i.svg"} <= uris and "assets/extra.css" not in uris
    (project / "overrides" / "icons" / "i.svg").unlink()                                # removed
    now, calls = _added(project)
    assert calls == 1 and "icons/i.svg" not in {uri for uri, *_ in now} and now == _mkdocs_own(project)


def test_a_documentation_file_shadows_a_theme_file_every_build(project):
    _added(project)
    (project / "docs" / "assets").mkdir()
    (project / "docs" / "assets" / "extra.css").write_text("q {}\n", "utf-8")
    now, calls = _added(project, ["assets/extra.css"])
    shown = [path for uri, path, *_ in now if uri == "assets/extra.css"]
    assert calls == 0 and shown == [str(project / "docs" / "assets" / "extra.css")]
    assert now == _mkdocs_own(project, ["assets/extra.css"])


def test_another_command_runs_mkdocs_own(project):
    themefiles.find_once(False)
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
    themefiles.find_once(False)
    assert words() == first and "partials/language.html" in compiled   # MkDocs' own: compiled again
