"""A generated page from the page cache, standing in for it in MkDocs' `files`
(fastpath.py), and what MkDocs does for it after the page loop (`finish`)."""
from __future__ import annotations

import gzip
import os

from mkdocs import utils
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page


class Stored:
    """What a stored page shows the rest of the build in place of its Page."""

    def __init__(self, file: File, entry: dict, update_date: str):
        self.file, self.update_date = file, update_date
        self.present_anchor_ids = None if entry["anchors"] is None else set(entry["anchors"])
        self.links = entry["links"]
        self.links_to_anchors: dict = {}


PATHS = ("dest_uri", "url", "abs_dest_path")   # a File's cached paths (functools.cached_property)


class StoredPage(File):
    """A generated page from the store: copied into the site as a static file (`in_place`:
    the site directory already holds these bytes, servesession.py)."""

    def __init__(self, original: File, body, entry: dict, update_date: str, in_place: bool = False,
                 paths: tuple = ()):
        # The original's attributes, its paths and URL as a page's (computed there once, or
        # `paths` as the last build computed them: servesession.py; File.__init__ would parse
        # them again), but its Page and in-memory content.
        if paths:
            original.__dict__.update(zip(PATHS, paths))
        else:
            original.dest_uri, original.url, original.abs_dest_path
        self.__dict__.update({k: v for k, v in original.__dict__.items() if k not in ("page", "_content")})
        self.original = original
        self.fill(body, entry, update_date, in_place)

    def fill(self, body, entry: dict, update_date: str, in_place: bool = False) -> None:
        """Its bytes and what it gives the rest of the build (pagepool.py fills a stand-in
        taken out before its page was rendered)."""
        self.abs_src_path, self.in_place = str(body), in_place
        self.page = Stored(self, entry, update_date)

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        if not (self.in_place and os.path.isfile(self.abs_dest_path)):
            super().copy_file(dirty)


def finish(stored, files, config) -> None:
    """What MkDocs does for every page after the page loop, for the stored pages (the last
    build step of fastpath.py): their links to anchors validated; the sitemap's gzip time
    stamp (the latest page date) with them."""
    stored, level = list(stored), config.validation.links.anchors
    for stand_in in stored:
        page = stand_in.page
        page.links_to_anchors = {files.src_uris.get(s) or files.get_file_from_path(s): v   # (the exact file
                                 for s, v in (page.links or {}).items()}                  # first: quick)
        Page.validate_anchor_links(page, files=files, log_level=level)
    sitemap = os.path.join(config.site_dir, "sitemap.xml")
    if not stored or not os.path.isfile(sitemap + ".gz"):
        return
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    stamp = utils.get_build_timestamp(pages=pages + [s.page for s in stored])
    if stamp != utils.get_build_timestamp(pages=pages):   # as _build_theme_template writes it
        with open(sitemap, "rb") as xml, open(sitemap + ".gz", "wb") as f:
            with gzip.GzipFile(fileobj=f, filename=sitemap + ".gz", mode="wb", mtime=stamp) as gz:
                gz.write(xml.read())
