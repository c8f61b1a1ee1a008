"""Demo data for the boards: rollups rebuilt from whatever demo feedback exists."""

from feedback.rollups import rebuild_rollups
from involvement.opportunity_demo import seed_opportunities
from involvement.updates_demo import seed_updates


def seed() -> None:
    """Make the demo boards and performance pages match the demo feedback rows."""
    rebuild_rollups()
    seed_opportunities()
    seed_updates()
