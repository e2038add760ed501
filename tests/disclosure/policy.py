"""The disclosure policy the attacker holds the app to, written out here rather than imported from
the app, so that the test is an independent check of it.

- A count of people or their records shows as "0", as "<5" for 1–4, and otherwise rounded to the
  nearest multiple of 5 (so a shown 5 stands for 5–7, a shown 10 for 8–12).
- A percentage x/n (and its interval) is hidden when n < 10, or x is 1–4, or n − x is 1–4.
- Capacity, numbers of interventions, providers or PDUs, waits and rates are not counts of people.
"""

from __future__ import annotations

from typing import Final

SMALL_LOW: Final = 1
SMALL_HIGH: Final = 4
ROUND_TO: Final = 5
#: A shown multiple of 5 stands for up to this far either side (a shown 5 for 5–7: 3 and 4 read "<5").
ROUNDING_REACH: Final = ROUND_TO // 2
MIN_DENOMINATOR: Final = 10
SUPPRESSED_TEXTS: Final = ("<5", "fewer than 5")
