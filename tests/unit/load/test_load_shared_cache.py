"""The load benchmark's reading of the shared cache's counters: hits, the ratio over one phase."""

from benchmarks.load.shared_cache import CacheCounts, cache_settings, read_counts


def test_the_hit_ratio_of_a_phase_counts_only_that_phase():
    before, after = CacheCounts(lookups=135, misses=135), CacheCounts(lookups=405, misses=270)
    phase = after.since(before)
    assert (phase.lookups, phase.misses, phase.hits) == (270, 135, 135)
    assert phase.hit_ratio == 0.5


def test_no_lookups_is_no_ratio_rather_than_zero():
    assert CacheCounts(0, 0).hit_ratio is None


def test_without_a_redis_url_there_is_nothing_to_read(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert cache_settings(None, None) is None
    assert read_counts(None) is None


def test_the_app_s_environment_names_the_cache_unless_told(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/3")
    monkeypatch.setenv("REDIS_KEY_PREFIX", "staging")
    assert (cache_settings(None, None).url, cache_settings(None, None).prefix) == ("redis://cache:6379/3", "staging")
    assert cache_settings("redis://other:6379/0", "bench").prefix == "bench"
