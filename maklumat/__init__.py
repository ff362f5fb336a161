"""Maklumat: bilingual, versioned privacy notices published from git.

The engine (this package) knows nothing of MkDocs; hooks/ adapts it to MkDocs.
"""
