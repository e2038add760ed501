"""The subset-sum table behind "people with the need" is built once per distinct set of profiles."""

import pandas as pd

from metrics.landscape.people import _build_subset_sums, _subset_sums, need_mask


def test_subset_sums_are_reused_only_for_the_same_profiles():
    first = pd.DataFrame({"pdu_code": ["A", "A"], "gender": ["male", "female"],
                          "need_mask": [need_mask(["accommodation"]), need_mask(["ete"])], "people_count": [3, 4]})
    changed = first.assign(people_count=[3, 5])
    _, table = _subset_sums(first)
    _, again = _subset_sums(first)
    assert again is table  # built once, then reused
    _, fresh = _build_subset_sums(changed)
    _, reused_or_new = _subset_sums(changed)
    assert (reused_or_new == fresh).all() and not (reused_or_new == table).all()
