"""deploy/prometheus: the scrape config reads `kiosk hall targets`' file, and every metric the
Grafana dashboard draws is one a screen really serves."""

from __future__ import annotations

import json
import re

import yaml

from ..helpers import REPO
from .conftest import Remote

DEPLOY = REPO / "deploy" / "prometheus"


def test_the_scrape_config_uses_file_sd_and_the_token() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text(encoding="utf-8"))
    job = config["scrape_configs"][0]
    assert job["metrics_path"] == "/metrics"
    assert job["authorization"]["type"] == "Bearer"
    assert job["file_sd_configs"][0]["files"] == ["/etc/prometheus/kiosk-targets.json"]


def test_every_metric_on_the_dashboard_is_served(remote: Remote) -> None:
    served = {
        line.split()[2]
        for line in remote.call("GET", "/metrics").body.decode().splitlines()
        if line.startswith("# TYPE")
    }
    served |= {name + "_total" for name in served}
    dashboard = json.loads((DEPLOY / "grafana-dashboard.json").read_text(encoding="utf-8"))
    expressions = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = {name for expr in expressions for name in re.findall(r"\b(kiosk_[a-z_]+)", expr)}
    assert len(used) >= 8
    assert used <= served, used - served
