"""The files a generated page's links could name (rendercache.links), and when a `mkdocs serve`
rebuild that added pages must look again (rendercache.could_name, ServeSession.renamed): a
page whose text could not use a changed name names the same files as before."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File, Files

from examples import examples
from maklumat.mkdocs import rendercache
from maklumat.mkdocs.servesession import ServeSession

BEFORE = ["index.md", "privacy/index.md", "privacy/versions/index.md", "privacy/versions/a1/index.md",
          "privacy/versions/a1/changes.md", "cookies/index.md", "sp ace/index.md"]
ADDED = ["privacy/versions/draft/changes.md", "privacy/versions/draft/index.md", "b%c/new page.md"]
PIECES = ["[x](", ")", " ", "\n", "/", "#top", "?q=1", "../", "changes.md", "changes", "draft", "chan%67es.md",
          "dr%61ft", "index.md", "privacy", "versions", "a1", "new page.md", "new%20page.md", "b%25c", "b%c",
          "sp ace", "sp%20ace", "kuki", "%", "<", "'", "`"]


def _files(paths: list[str]) -> Files:
    return Files([File(p, "/docs", "/site", True) for p in paths])


class _Index:
    """RenderCache's link lookup alone (it reads only its memo of the files it indexed)."""
    _index = None
    names = rendercache.RenderCache.names
    links = rendercache.RenderCache.links


def _names(paths: list[str]) -> dict:
    return _Index().names(_files(paths))


@settings(max_examples=examples(200, 1000), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_a_text_that_could_not_use_a_changed_name_names_the_same_files(pieces):
    markdown = "".join(pieces)
    before, after = _files(BEFORE), _files(BEFORE + ADDED)
    session = ServeSession()
    session.last = {"names": {"id": _names(BEFORE)}}
    renamed = session.renamed("id", _names(BEFORE + ADDED))
    assert {"changes.md", "changes", "draft", "new page.md", "new page"} <= renamed
    linked_before, linked_after = _Index().links(markdown, before), _Index().links(markdown, after)
    if not rendercache.could_name(markdown, renamed):
        assert linked_after == linked_before, markdown


def test_unknown_names_or_a_percent_always_look_again():
    assert rendercache.could_name("nothing here", None)
    assert rendercache.could_name("[x](chan%67es.md)", {"changes.md"})   # MkDocs unquotes it: changes.md
    assert not rendercache.could_name("[x](kuki.md)", {"changes.md", "changes"})
    session = ServeSession()
    session.last = {}
    assert session.renamed("id", _names(BEFORE)) is None   # no names from the last build: look at every page
