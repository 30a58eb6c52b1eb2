"""`make audit`: pip-audit over every lock file, against the allow-list locks/audit-allow.txt.

Fails (exit 1) on a known vulnerability that is not allowed. pip-audit asks PyPI's advisory
service (the JSON API); where that service cannot be reached, every package comes back "not
found on PyPI": then the locks were NOT audited and this says so — exit 0 unless
AVISA_AUDIT_STRICT=1 (set it where the service is reachable, so that an outage fails too).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ("locks/app.txt", "locks/app-dev.txt", "locks/bot.txt")
ALLOW = ROOT / "locks" / "audit-allow.txt"
PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def allowed() -> set[tuple[str, str, str]]:
    out = set()
    for line in ALLOW.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            lock, package, vuln = fields
            out.add((lock, package.lower(), vuln))
    return out


def audit(lock: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([str(PIP_AUDIT), "-r", str(ROOT / lock), "--no-deps", "--disable-pip",
                        "--progress-spinner", "off", "--format", "json", "-o", str(report)],
                       check=False, capture_output=True, text=True)
        if not report.exists():
            raise SystemExit(f"[audit] pip-audit produced no report for {lock}")
        result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
        return result


def main() -> int:
    allow, seen, failed, unaudited = allowed(), set(), False, 0
    for lock in LOCKS:
        deps = audit(lock)["dependencies"]
        assert isinstance(deps, list)
        skipped = [d for d in deps if "skip_reason" in d]
        unaudited += len(skipped)
        found = 0
        for dep in deps:
            for vuln in dep.get("vulns", ()):
                key = (lock, dep["name"].lower(), vuln["id"])
                found += 1
                if key in allow:
                    seen.add(key)
                    continue
                failed = True
                fix = ", ".join(vuln.get("fix_versions") or ()) or "no fix"
                print(f"[audit] {lock}: {dep['name']} {dep['version']} {vuln['id']} (fix: {fix})")
        print(f"[audit] {lock}: {len(deps) - len(skipped)} of {len(deps)} audited, "
              f"{found} known vulnerabilities")
        if skipped:
            print(f"[audit] {lock}: NOT AUDITED {len(skipped)}: {skipped[0]['skip_reason']}")
    for lock, package, vuln in sorted(allow - seen):
        print(f"[audit] stale allow-list entry (no longer found): {lock} {package} {vuln}")
    if failed:
        print("[audit] FAILED: upgrade, or allow with a reason in locks/audit-allow.txt")
        return 1
    if unaudited:
        print("[audit] WARNING: the advisory service could not be asked about every package")
        return 1 if os.environ.get("AVISA_AUDIT_STRICT") == "1" else 0
    print("[audit] no known vulnerabilities outside the allow-list")
    return 0


if __name__ == "__main__":
    sys.exit(main())
