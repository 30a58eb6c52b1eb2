"""The scaled stack's nginx limits anonymous traffic per client with the gateway's own
budgets (AVISA_LIMIT_*): rendered into limit_req, and a configuration nginx accepts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tools.stack_scaled import render_nginx

LB = {"gateway": 18080, "backend": 18000, "rasa": 15005, "actions": 15055}
REPLICAS = {kind: [19001, 19002] for kind in LB}


def test_limit_req_follows_the_gateway_budgets(tmp_path: Path) -> None:
    text = render_nginx(tmp_path, LB, REPLICAS, "120s", {}).read_text()
    assert "zone=sessions:10m rate=20r/m" in text and "zone=messages:10m rate=120r/m" in text
    assert "zone=sessions burst=20 nodelay" in text and "zone=messages burst=60 nodelay" in text
    assert "limit_req_status 429" in text
    raised = render_nginx(tmp_path, LB, REPLICAS, "120s", {
        "AVISA_LIMIT_SESSIONS_PER_MINUTE": "0", "AVISA_LIMIT_MESSAGES_BURST": "7"}).read_text()
    assert "rate=1000000r/m" in raised and "zone=messages burst=7 nodelay" in raised
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("no nginx to check the configuration with")
    checked = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
