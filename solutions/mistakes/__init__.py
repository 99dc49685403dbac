"""Catalogued wrong implementations (see docs/mistakes.md)."""
