"""``legacy2xbrl batch`` and ``legacy2xbrl export``: registered into the main parser by ``register``."""
from __future__ import annotations


def register(sub) -> dict:
    """Add this module's subcommands to ``sub``; return {name: handler(args) -> exit code}."""
    return {}
