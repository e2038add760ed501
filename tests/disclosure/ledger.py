"""A tally of the sweep, printed at the end of the test session: scopes, views, cells tried, leaks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tests.disclosure.attack import Outcome

#: Leaks of each kind quoted in the summary (from different scopes).
EXAMPLES = 3


@dataclass
class Ledger:
    scopes: int = 0
    views: int = 0
    attacked: int = 0
    seconds: float = 0.0
    leaks: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def record(self, outcomes: list[Outcome], *, seconds: float, notes: list[str]) -> None:
        self.scopes += 1
        self.views += len(outcomes)
        self.attacked += sum(outcome.attacked for outcome in outcomes)
        self.seconds += seconds
        for outcome in outcomes:
            self.leaks.update(outcome.by_kind())
            for leak in outcome.leaks:
                kept = self.examples.setdefault(leak.kind, [])
                if len(kept) < EXAMPLES and all(leak.view.split(" · ")[0] not in line for line in kept):
                    kept.append(str(leak))
        self.notes += notes

    def lines(self) -> list[str]:
        if not self.scopes:
            return []
        lines = [f"disclosure attacker: {self.scopes} scopes, {self.views} views, {self.attacked:,} suppressed "
                 f"cells attacked in {self.seconds:.0f} s; {sum(self.leaks.values()):,} leaks"]
        for kind, count in self.leaks.most_common():
            lines.append(f"  {count:>7,}  {kind}, e.g.")
            lines += [f"             {example}" for example in self.examples.get(kind, [])]
        if self.notes:
            lines.append(f"  {len(self.notes)} view(s) could not be read in full, e.g. {self.notes[0]}")
        return lines


#: The session's tally (one process: the sweep's tests record into it as they run).
LEDGER = Ledger()
