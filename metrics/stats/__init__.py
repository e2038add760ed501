"""The shared statistics engine every topic uses: intervals, the comparison rule, funnels, rates, medians, trends and disclosure control."""
