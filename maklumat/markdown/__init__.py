"""The one reading of Markdown: rendering, front matter, what a reader sees, blocks from the rendered HTML."""
