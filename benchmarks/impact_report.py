"""The impact report on a large extract: 1,000,000 periods of support, about 10,000,000 item responses.

    .venv/bin/python benchmarks/impact_report.py [--extract DIR] [--periods N]

The target: the whole report (read and check the extract, every figure, HTML, PDF and report.json) in
under 20 s with under 4 GB peak memory on this 2-core machine. Beside it, the time merely to read and
check the extract, as the floor to compare with.

1. unless --extract names one already made, writes a synthetic extract with `livingwell
   synthetic-extract` (seeded) into a temporary folder, and counts its rows;
2. in a fresh process, reads the extract (`read_extract`, with all its checks): wall time and peak
   resident memory (the process's ru_maxrss);
3. in another fresh process, runs `livingwell report` on it: wall time and peak memory;
4. prints both and saves them to benchmarks/results/impact_report.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results" / "impact_report.json"
TARGET_SECONDS = 20
TARGET_PEAK_GB = 4

READ_ONLY = """
import sys, time
from pathlib import Path
from livingwell.analytics.extract import read_extract
started = time.perf_counter()
extract = read_extract(Path(sys.argv[1]))
print(time.perf_counter() - started)
"""


# A fresh launcher for each run, so its children's peak memory is that one command's alone.
LAUNCHER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory in GB, and what the command printed, in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.strip().splitlines()[-1])  # Linux reports ru_maxrss in kilobytes
    return seconds, peak_kb / 1024 / 1024, done.stdout


def rows(folder: Path) -> dict[str, int]:
    manifest = json.loads((folder / "manifest.json").read_text())
    counts: dict[str, int] = manifest.get("rows") or {
        name: info["rows"] for name, info in manifest.get("files", {}).items()
    }
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extract", type=Path, help="An extract already made (skips making one).")
    parser.add_argument("--periods", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livingwell.config.settings")

    with tempfile.TemporaryDirectory(prefix="lw-report-bench-") as scratch:
        folder = args.extract or Path(scratch) / "extract"
        made_seconds = None
        if args.extract is None:
            print(f"Making a synthetic extract of about {args.periods:,} periods...", flush=True)
            started = time.perf_counter()
            subprocess.run(
                [
                    str(BIN / "livingwell"),
                    "synthetic-extract",
                    str(folder),
                    f"--periods={args.periods}",
                    f"--seed={args.seed}",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            made_seconds = round(time.perf_counter() - started, 1)
        counts = rows(folder)
        print(
            f"{counts.get('support_periods', 0):,} periods of support, "
            f"{counts.get('measure_items', 0):,} item responses",
            flush=True,
        )

        read_seconds, read_gb, _ = timed([sys.executable, "-c", READ_ONLY, str(folder)])
        print(f"read and check only: {read_seconds:.1f} s, peak {read_gb:.2f} GB", flush=True)
        out = Path(scratch) / "report"
        report_seconds, report_gb, printed = timed(
            [str(BIN / "livingwell"), "report", str(folder), "--output", str(out)]
        )
        print(f"the whole report:    {report_seconds:.1f} s, peak {report_gb:.2f} GB", flush=True)
        sizes = {p.name: p.stat().st_size for p in out.iterdir()}

    result: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "rows": counts,
        "made_seconds": made_seconds,
        "read_only": {"seconds": round(read_seconds, 2), "peak_gb": round(read_gb, 2)},
        "report": {"seconds": round(report_seconds, 2), "peak_gb": round(report_gb, 2)},
        "report_files_bytes": sizes,
        "target": {"seconds": TARGET_SECONDS, "peak_gb": TARGET_PEAK_GB},
        "machine": {
            "nproc": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "printed": printed.strip(),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Saved {RESULTS}")
    ok = report_seconds < TARGET_SECONDS and report_gb < TARGET_PEAK_GB
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
