#!/usr/bin/env python3
"""Plot two (or more) runs' coverage over time from their coverage.csv files.

    python3 scripts/plot_coverage.py runs/mss-2024 runs/mss-without-latam
    python3 scripts/plot_coverage.py RUN_A RUN_B --entity delmas --out delmas.png

Each RUN is a report folder written by `mmsim run` (holding coverage.csv and,
for the label, report.json) or a coverage.csv itself. Two panels: the patrol
ratio and the share of the population within the response target, each run a
line (mean across replications) with its 95% band. Every mmsim CSV is tidy
(date, entity, metric, mean, ci_low, ci_high), so reading one is one line of
pandas. Prints the PNG's path. Needs Debian's python3-pandas and
python3-matplotlib.
"""

import argparse
import json
from pathlib import Path
import sys

try:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd
except ImportError as missing:  # say what to install rather than a traceback
    sys.exit(f"{Path(__file__).name}: this Python lacks {missing.name}; install Debian's python3-pandas and "
             "python3-matplotlib (apt-get install python3-pandas python3-matplotlib) and run it with /usr/bin/python3")

# Okabe-Ito, as in mmsim's HTML report: distinguishable with any common
# colour-vision deficiency.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
PANELS = [
    ("patrol_ratio", "patrol ratio (share of demand, %)"),
    ("population_within_target", "population within target (%)"),
]


def load(run):
    """The coverage table and a label for one run folder or CSV file."""
    path = Path(run)
    csv = path / "coverage.csv" if path.is_dir() else path
    if not csv.is_file():
        sys.exit(f"plot_coverage: {csv}: no such file (run mmsim with --format csv)")
    table = pd.read_csv(csv, parse_dates=["date"])  # the one line a tidy CSV needs
    label = csv.parent.name or str(csv)
    report = csv.parent / "report.json"
    if report.is_file():
        scenario = json.loads(report.read_text())["scenario"]["name"]
        label = scenario if scenario == label else f"{label} ({scenario})"
    return table, label


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", metavar="RUN", help="report folder or coverage.csv (two or more)")
    parser.add_argument("--entity", default="all", help="zone id, or 'all' for the whole theatre (default)")
    parser.add_argument("--labels", help="comma-separated labels, one per run (default: folder and scenario)")
    parser.add_argument("--out", default="coverage.png", help="PNG to write (default coverage.png)")
    args = parser.parse_args()
    if len(args.runs) < 2:
        parser.error("give at least two runs to compare")
    labels = args.labels.split(",") if args.labels else None
    if labels and len(labels) != len(args.runs):
        parser.error("--labels needs one label per run")

    figure, axes = plt.subplots(len(PANELS), 1, figsize=(9, 6.5), sharex=True)
    for i, run in enumerate(args.runs):
        table, label = load(run)
        label = labels[i] if labels else label
        colour = COLOURS[i % len(COLOURS)]
        rows = table[table.entity == args.entity]
        if rows.empty:
            sys.exit(f"plot_coverage: {run}: no entity '{args.entity}' in coverage.csv")
        for axis, (metric, title) in zip(axes, PANELS):
            series = rows[rows.metric == metric]
            axis.fill_between(series.date, 100 * series.ci_low, 100 * series.ci_high, color=colour, alpha=0.2,
                              linewidth=0)
            axis.plot(series.date, 100 * series["mean"], color=colour, linewidth=1.6, label=label)
            axis.set_ylabel(title)
            axis.set_ylim(0, 100)
            axis.grid(True, color="#dddddd")
    axes[0].legend(loc="best", frameon=False)
    axes[0].set_title(f"Coverage, {args.entity}: means with 95% bands across replications")
    axes[-1].set_xlabel("date")
    locator = mdates.AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    figure.tight_layout()
    figure.savefig(args.out, dpi=120)
    print(args.out)


if __name__ == "__main__":
    main()
