"""The landscape of interventions: availability, catalogue, demand, people with a need, providers and waits."""
