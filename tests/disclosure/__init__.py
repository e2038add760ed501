"""The disclosure attacker: collects every number a page or the meeting pack shows, then tries to
work out each suppressed count from the others (see ../../docs and issue 11)."""
