"""Bench output: var/bench/results.json (merged: a part run alone keeps the others'
latest figures), a terminal table and var/bench/latency.png (latency against concurrency)."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "var/bench"


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip()
                  for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    return {"date": datetime.now(UTC).isoformat(timespec="seconds"), "host": platform.node(),
            "cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "commit": commit, "load_average": loadavg()}


def loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def save(parts: dict[str, Any], out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "results.json"
    merged: dict[str, Any] = {"parts": {}}
    if path.exists():
        with contextlib.suppress(ValueError):
            merged = json.loads(path.read_text())
    merged.setdefault("parts", {}).update(parts)
    merged["machine"] = machine()
    path.write_text(json.dumps(merged, indent=2, default=str))
    return path


def _f(value: Any, digits: int = 1) -> str:
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _cpu(level: dict[str, Any]) -> str:
    """Rasa's and the whole stack's CPU ms per message, and the load around the level: on a
    shared machine the CPU figures are the ones to compare between runs."""
    cpu = level.get("cpu_ms_per_msg") or {}
    load = level.get("load_1m") or []
    return (f"{_f(cpu.get('rasa', '')):>9}{_f(float(sum(cpu.values())) if cpu else ''):>8}"
            f"{'→'.join(f'{x:.1f}' for x in load):>12}")


def table(parts: dict[str, Any]) -> str:
    lines: list[str] = []
    chat = parts.get("chat", {}).get("result")
    if chat:
        lines.append(f"{'chat path':<10}{'conc':>5}{'msgs':>6}{'msg/s':>8}{'p50 ms':>9}"
                     f"{'p95 ms':>9}{'p99 ms':>9}{'errors':>7}{'flow':>6}{'a/b p50':>9}"
                     f"{'a/b p95':>9}{'rasa ms':>9}{'all ms':>8}{'load':>12}")
        for path, levels in chat["paths"].items():
            for conc, s in levels.items():
                ratio = chat["gateway_over_rasa"].get(conc, {}) if path == "gateway" else {}
                lines.append(
                    f"{path:<10}{conc:>5}{s['messages']:>6}{_f(s['msg_per_s']):>8}"
                    f"{_f(s['p50_ms'], 0):>9}{_f(s['p95_ms'], 0):>9}{_f(s['p99_ms'], 0):>9}"
                    f"{s['errors']:>7}{s['flow_errors']:>6}"
                    f"{_f(ratio.get('p50_ms', ''), 2):>9}{_f(ratio.get('p95_ms', ''), 2):>9}"
                    f"{_cpu(s)}")
    for name, part in parts.items():
        if name == "chat":
            continue
        lines.append(f"{name}: " + json.dumps(part.get("result"), default=str)[:600])
    for name, part in parts.items():
        lines.append(f"  ({name}: {part.get('seconds', 0):.0f} s, load before/after "
                     f"{part.get('load_before')} / {part.get('load_after')})")
    return "\n".join(lines)


def chart(chat: dict[str, Any], out: Path = OUT) -> Path | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (lat, thr) = plt.subplots(1, 2, figsize=(11, 4.2))
    for path, levels in chat["paths"].items():
        xs = [int(c) for c in levels]
        for key, style in (("p50_ms", "-o"), ("p95_ms", "--s")):
            lat.plot(xs, [levels[str(x)][key] for x in xs], style, label=f"{path} {key[:3]}")
        thr.plot(xs, [levels[str(x)]["msg_per_s"] for x in xs], "-o", label=path)
    lat.set(xscale="log", xlabel="concurrent customers", ylabel="latency per message (ms)",
            title="Latency against concurrency")
    thr.set(xscale="log", xlabel="concurrent customers", ylabel="messages/s",
            title="Throughput")
    levels = sorted({int(c) for lv in chat["paths"].values() for c in lv})
    for axis in (lat, thr):
        axis.set_xticks(levels, [str(x) for x in levels])
        axis.minorticks_off()
        axis.grid(True, alpha=0.3)
        axis.legend()
    load = ", ".join(f"{x:.2f}" for x in loadavg())
    fig.suptitle(f"Avisa chat bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
                 f"{os.cpu_count()} cores, load {load}", fontsize=9)
    fig.tight_layout()
    path = out / "latency.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
