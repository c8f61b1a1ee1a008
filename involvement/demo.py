"""Demo data for the boards: rollups rebuilt from whatever demo feedback exists."""

from feedback.rollups import rebuild_rollups


def seed() -> None:
    """Make the demo boards and performance pages match the demo feedback rows."""
    rebuild_rollups()
