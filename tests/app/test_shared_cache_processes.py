"""Two app processes share results through Redis: one computes the Overview's figures, the other
(whose every query would raise) reads them, so the second asked the database nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from production import REPO_ROOT
from tests.data_access.redis_servers import TEST_REDIS_URL, delete_prefix, require_redis, unique_prefix


def run_process(mode: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tests.app.shared_cache_process", mode], cwd=REPO_ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)


def test_a_result_computed_in_one_process_is_read_by_another_without_a_query(sample_database_url: str):
    client = require_redis()
    prefix = unique_prefix()
    environment = {**os.environ, "DATABASE_URL": sample_database_url, "REDIS_URL": TEST_REDIS_URL,
                   "REDIS_KEY_PREFIX": prefix}
    try:
        refused = run_process("read", environment)
        assert refused.returncode != 0 and "QueryRanError" in refused.stderr  # nothing shared yet: it had to ask

        computed = run_process("compute", environment)
        read = run_process("read", environment)

        assert computed.returncode == 0, computed.stderr
        assert read.returncode == 0, read.stderr
        assert json.loads(read.stdout) == json.loads(computed.stdout)
        assert json.loads(computed.stdout)["referral_count"] > 0
    finally:
        delete_prefix(client, prefix)
