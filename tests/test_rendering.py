"""The one reading: the CLI reads the same Markdown configuration from mkdocs.yml as MkDocs
hands the adapter, and renders as MkDocs renders pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from maklumat.markdown import rendering
from maklumat.errors import MaklumatError
from maklumat.model import DEFAULT_MARKDOWN, MarkdownConfig
from maklumat.mkdocs.config import load_settings

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_reading(path: Path) -> MarkdownConfig:
    """What the adapter hands over: MkDocs' own validated configuration."""
    from mkdocs.config import load_config
    cfg = load_config(str(path))
    return MarkdownConfig.of(cfg.markdown_extensions, cfg.mdx_configs)


def test_cli_reads_what_mkdocs_reads_for_the_sample():
    ours = load_settings(ROOT / "mkdocs.yml").markdown
    assert ours == mkdocs_reading(ROOT / "mkdocs.yml")
    assert ours.extensions[:3] == ("toc", "tables", "fenced_code")   # MkDocs' builtins first
    assert ours == DEFAULT_MARKDOWN   # the default reading is the sample site's


def test_cli_reads_other_extension_lists(tmp_path):
    yml = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    yml.write_text("site_name: x\nmarkdown_extensions:\n  - smarty\n  - toc:\n      permalink: '#'\n"
                   "  - abbr\n", "utf-8")
    ours = load_settings(yml).markdown
    assert ours == mkdocs_reading(yml)
    assert ours.extensions == ("toc", "tables", "fenced_code", "smarty", "abbr")
    assert "&ldquo;" in rendering.render('Kata "kutipan".\n', ours)   # smart quotes are what readers see
    assert '"kutipan"' in rendering.render('Kata "kutipan".\n', DEFAULT_MARKDOWN)


def test_a_site_without_extensions_reads_mkdocs_builtins(tmp_path):
    yml = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    yml.write_text("site_name: x\n", "utf-8")
    assert load_settings(yml).markdown == MarkdownConfig.of(("toc", "tables", "fenced_code"))


def test_bad_extension_list_is_a_plain_error(tmp_path):
    yml = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    yml.write_text("site_name: x\nmarkdown_extensions: attr_list\n", "utf-8")
    with pytest.raises(MaklumatError) as err:
        load_settings(yml)
    assert err.value.path == str(yml) and err.value.line == 2 and "markdown_extensions" in err.value.message


def test_unknown_extension_is_a_plain_error():
    with pytest.raises(MaklumatError) as err:
        rendering.render("x", MarkdownConfig.of(("no_such_extension_here",)))
    assert "markdown_extensions" in err.value.message


def test_attr_lists_are_read_as_the_site_reads_them():
    html = rendering.render("## Retensi {: #retention }\n\nTeks.\n{: datetime=\"2025-01-01\" }\n")
    assert 'id="retention"' in html and 'datetime="2025-01-01"' in html and "{:" not in html


def test_extension_objects_from_plugins_are_read_and_counted():
    from markdown.extensions.toc import TocExtension
    config = MarkdownConfig.of(("tables", TocExtension(permalink=True)))
    assert 'class="headerlink"' in rendering.render("## Kontak\n", config)
    same = MarkdownConfig.of(("tables", TocExtension(permalink=True)))
    other = MarkdownConfig.of(("tables", TocExtension(permalink=False)))
    assert config.digest == same.digest != other.digest
