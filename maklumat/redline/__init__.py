"""Redlines: word-level differences between two versions, as HTML and as Markdown."""
