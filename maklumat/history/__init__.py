"""Git history read once: notices, versions, per-blob facts, clocks and the published-record guard."""
