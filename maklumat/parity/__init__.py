"""Language parity: section trees, shapes, pairing, invariants, translation lag and the checks."""
