"""Key findings: gathered from every page's own data, drawn as a numbered list, as slides and as the
first section of the meeting pack. The rules are in ``metrics.findings``."""
