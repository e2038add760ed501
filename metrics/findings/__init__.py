"""Key findings: the handful of statements that stand out for a scope, gated, ranked and worded.

Each rule takes the frames the pages' own metric functions produce (never a second
calculation), keeps only what the page's comparison calls significant, and writes one
sentence whose every number has disclosure control applied. ``ranking`` orders them.
"""
