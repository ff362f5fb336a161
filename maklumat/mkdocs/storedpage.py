"""A generated page from the page cache, standing in for it in MkDocs' `files` (fastpath.py)."""
from __future__ import annotations

import os

from mkdocs.structure.files import File


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
