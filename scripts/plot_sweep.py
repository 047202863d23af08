#!/usr/bin/env python3
"""Heat map of one metric over two swept parameters, from an mmsim summary.csv.

    python3 scripts/plot_sweep.py sweeps/tiny-sweep/summary.csv coverage.patrol_ratio
    python3 scripts/plot_sweep.py SUMMARY.csv METRIC --x PARAM --y PARAM --out map.png

summary.csv has one row per point: `point`, the swept parameters, `replications`,
then `<metric>.mean`, `<metric>.ci_low`, `<metric>.ci_high` for every metric.
The x and y parameters default to the first two swept parameters; when a sweep
has more, the cells average the points that share an (x, y) pair, and the
title says so. Each cell shows the mean and its 95% interval half-width.
Needs Debian's python3-pandas and python3-matplotlib.
"""

import argparse
import re
from pathlib import Path
import sys

try:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt
    import pandas as pd
except ImportError as missing:  # say what to install rather than a traceback
    sys.exit(f"{Path(__file__).name}: this Python lacks {missing.name}; install Debian's python3-pandas and "
             "python3-matplotlib (apt-get install python3-pandas python3-matplotlib) and run it with /usr/bin/python3")


def numeric_key(value):
    """Sorts '20', '3d', '0.5' by their number; other text after numbers, alphabetically."""
    match = re.fullmatch(r"([-+]?[0-9.]+(?:e[-+]?[0-9]+)?)([a-z]*)", str(value))
    return (0, float(match.group(1)), "") if match else (1, 0.0, str(value))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary", help="summary.csv written by mmsim sweep or mmsim merge")
    parser.add_argument("metric", help="metric name, e.g. coverage.patrol_ratio")
    parser.add_argument("--x", help="parameter on the x axis (default: the first swept parameter)")
    parser.add_argument("--y", help="parameter on the y axis (default: the second)")
    parser.add_argument("--out", help="image file (default: <metric>.png beside summary.csv)")
    args = parser.parse_args()

    table = pd.read_csv(args.summary, dtype=str, keep_default_na=False)
    columns = list(table.columns)
    if not columns or columns[0] != "point" or "replications" not in columns:
        sys.exit(f"{args.summary}: not an mmsim summary.csv")
    parameters = columns[1 : columns.index("replications")]
    mean, low, high = (f"{args.metric}.{part}" for part in ("mean", "ci_low", "ci_high"))
    if mean not in columns:
        metrics = sorted({c.rsplit(".", 1)[0] for c in columns if c.endswith(".mean")})
        sys.exit(f"no metric '{args.metric}' in {args.summary}; it has: {', '.join(metrics)}")
    x = args.x or (parameters[0] if parameters else None)
    y = args.y or (parameters[1] if len(parameters) > 1 else None)
    for name in (x, y):
        if name not in parameters:
            sys.exit(f"'{name}' is not a swept parameter; the sweep has: {', '.join(parameters)}")

    for column in (mean, low, high):
        table[column] = pd.to_numeric(table[column].replace("", float("nan")))
    table["half_width"] = (table[high] - table[low]) / 2
    cells = table.groupby([y, x], sort=False)[[mean, "half_width"]].mean()
    x_values = sorted(table[x].unique(), key=numeric_key)
    y_values = sorted(table[y].unique(), key=numeric_key)
    means = cells[mean].unstack(x).reindex(index=y_values, columns=x_values)
    widths = cells["half_width"].unstack(x).reindex(index=y_values, columns=x_values)

    figure, axes = plt.subplots(figsize=(1.2 * len(x_values) + 3, 0.8 * len(y_values) + 2))
    image = axes.imshow(means.to_numpy(dtype=float), origin="lower", aspect="auto", cmap="viridis")
    axes.set_xticks(range(len(x_values)), x_values)
    axes.set_yticks(range(len(y_values)), y_values)
    axes.set_xlabel(x)
    axes.set_ylabel(y)
    others = [p for p in parameters if p not in (x, y)]
    axes.set_title(args.metric + (f"\n(mean over {', '.join(others)})" if others else ""))
    figure.colorbar(image, ax=axes, label=f"{args.metric} (mean)")
    middle = (image.norm.vmin + image.norm.vmax) / 2
    for row, y_value in enumerate(y_values):
        for col, x_value in enumerate(x_values):
            value, width = means.loc[y_value, x_value], widths.loc[y_value, x_value]
            if pd.notna(value):
                text = f"{value:.3g}" + (f"\n±{width:.2g}" if pd.notna(width) else "")
                colour = "white" if value < middle else "black"  # readable on dark and light cells
                axes.text(col, row, text, ha="center", va="center", color=colour, fontsize=8)
    figure.tight_layout()
    out = args.out or str(Path(args.summary).with_name(args.metric + ".png"))
    figure.savefig(out, dpi=120)
    print(out)


if __name__ == "__main__":
    main()
