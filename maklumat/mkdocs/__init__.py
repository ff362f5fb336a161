"""The MkDocs plugin: the only part of Maklumat that imports MkDocs (see plugin.py)."""
