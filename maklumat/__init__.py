"""Maklumat: bilingual, versioned privacy notices published from git.

The engine knows nothing of MkDocs; the plugin in `maklumat.mkdocs` adapts it to MkDocs.
"""
