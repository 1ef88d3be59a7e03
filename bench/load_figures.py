"""Figures of bench/load.sh: throughput and latency of each side from Locust's CSV summaries, the
ratio of throughputs (median over the repetitions) and the checker's verdicts added up."""

import argparse
import csv
import re
import statistics
from pathlib import Path

from figures import figure


def summary(path):
    with open(path, newline="") as source:
        for row in csv.DictReader(source):
            if row["Name"] == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                }
    raise ValueError(f"no Aggregated row in {path}")


def verdict(path):
    found = re.search(r"^lost (\d+) duplicated (\d+)$", Path(path).read_text(), re.M)
    return (int(found[1]), int(found[2])) if found else (None, None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    out = Path(args.dir)
    ratios, lost, duplicated = [], 0, 0
    print("\n== Load: Locust headless against Odoo --workers 4 --max-cron-threads 2 ==")
    header = ("run", "side", "requests", "failed", "req/s", "p50 ms", "p95 ms")
    print(
        " ".join(
            f"{title:>{width}}" for title, width in zip(header, (4, 6, 9, 7, 7, 7, 7), strict=True)
        )
    )
    for n in range(1, args.repeat + 1):
        sides = {kind: summary(out / f"{kind}-{n}_stats.csv") for kind in ("plain", "ours")}
        for kind, s in sides.items():
            print(
                f"{n:>4} {kind:>6} {s['requests']:>9} {s['failures']:>7} {s['rps']:>7.1f}"
                f" {s['p50']:>7.0f} {s['p95']:>7.0f}"
            )
        ratios.append(sides["ours"]["rps"] / sides["plain"]["rps"])
        run_lost, run_duplicated = verdict(out / f"check-ours-{n}.txt")
        if run_lost is None:
            run_lost = 1  # no verdict: counted as a loss, never as a pass
            run_duplicated = 0
        lost += run_lost
        duplicated += run_duplicated
    print(f"throughput ratios ours / plain: {', '.join(f'{r:.2f}' for r in ratios)}")
    figure("load_throughput_ratio", statistics.median(ratios), ">=", 0.8)
    print(f"lost {lost} duplicated {duplicated}")


if __name__ == "__main__":
    main()
