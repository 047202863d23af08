#!/usr/bin/env python3
"""A what-if end to end from Python, notebook style (each "# %%" is a cell):
how much patrol coverage does the tiny town lose if the Bravoland contingent
sends a quarter of its officers (6 instead of 24)?

    PYTHONPATH=build/release/python /usr/bin/python3 scripts/what_if.py [--out what_if.png]

Loads the scenario twice (as planned, and with one --set), compares them with
common random numbers (a paired 95% interval on each difference), and draws
both runs' daily patrol ratio with their 95% bands. Prints the answer and the
PNG's path. Needs the mmsim module (built by scripts/setup.sh) and Debian's
python3-pandas and python3-matplotlib.
"""

import argparse
from pathlib import Path
import sys

try:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas  # noqa: F401 (mmsim's tables)
except ImportError as missing:  # say what to install rather than a traceback
    sys.exit(f"{Path(__file__).name}: this Python lacks {missing.name}; install Debian's python3-pandas and "
             "python3-matplotlib (apt-get install python3-pandas python3-matplotlib) and run it with /usr/bin/python3")
try:
    import mmsim
except ImportError:
    sys.exit(f"{Path(__file__).name}: no mmsim module here; build it (scripts/setup.sh) and run with "
             "PYTHONPATH=build/release/python")

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--out", default="what_if.png", help="PNG to write (default what_if.png)")
parser.add_argument("--replications", type=int, default=10)
args = parser.parse_args()

# %% The base and the alternative: one --set, checked like the file.
base = mmsim.load("scenarios/tiny.yaml")
quarter = mmsim.load("scenarios/tiny.yaml", set={"contingents.bravo.waves[0].officers": 6})

# %% Paired comparison: replication r of each run draws the same incidents.
comparison = mmsim.compare(base, {"quarter": quarter}, replications=args.replications,
                           metrics=["coverage.*", "response.mean_min"])
table = comparison.table
change = table[table.run == "quarter"].set_index("metric")
ratio = change.loc["coverage.patrol_ratio"]
print(f"Patrol ratio: {ratio['mean']:.1%} with a quarter of Bravoland's officers, "
      f"{100 * ratio['diff']:+.1f} points from the plan (paired 95% interval {100 * ratio['diff_ci_low']:+.1f} "
      f"to {100 * ratio['diff_ci_high']:+.1f}{', significant' if ratio['significant'] else ''}).")
response = change.loc["response.mean_min"]
print(f"Mean response: {response['mean']:.1f} min ({response['diff']:+.1f} min).")

# %% The two runs day by day, for the chart (same seed and replications).
runs = {"as planned (24 officers)": mmsim.run(base, replications=args.replications),
        "quarter (6 officers)": mmsim.run(quarter, replications=args.replications)}

# %% Chart: daily patrol ratio, means with 95% bands (Okabe-Ito colours).
figure, axis = plt.subplots(figsize=(9, 5.5))
for (label, result), colour in zip(runs.items(), ["#0072B2", "#D55E00"]):
    daily = result.daily("coverage")
    series = daily[(daily.entity == "all") & (daily.metric == "patrol_ratio")]
    axis.fill_between(series.date, 100 * series.ci_low, 100 * series.ci_high, color=colour, alpha=0.2,
                      linewidth=0)
    axis.plot(series.date, 100 * series["mean"], color=colour, linewidth=1.6, label=label)
axis.set_ylabel("patrol ratio (share of demand, %)")
axis.set_ylim(0, 100)
axis.grid(True, color="#dddddd")
axis.legend(loc="best", frameon=False)
axis.set_title("Tiny town: Bravoland at full and at quarter strength (95% bands)")
locator = mdates.AutoDateLocator()
axis.xaxis.set_major_locator(locator)
axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
figure.tight_layout()
figure.savefig(args.out, dpi=120)
print(args.out)
