"""Reads report.xlsx with openpyxl (not the library that wrote it) and checks
it against report.json of the same run: a "key figures" sheet with every
metric, its label, unit and mean, then one sheet per CSV table with real dates.
   read_xlsx.py REPORT.xlsx REPORT.json"""
import datetime
import json
import sys

try:
    import openpyxl
except ImportError:
    sys.exit("read_xlsx.py: openpyxl is missing: apt-get install python3-openpyxl")

book = openpyxl.load_workbook(sys.argv[1], read_only=True)
with open(sys.argv[2], encoding="utf-8") as f:
    report = json.load(f)

assert book.sheetnames == ["key figures"] + report["tables"], book.sheetnames
rows = list(book["key figures"].iter_rows(values_only=True))
header = rows.index(("metric", "label", "unit", "mean", "ci_low", "ci_high", "n"))
figures = {row[0]: row for row in rows[header + 1:]}
assert list(figures) == list(report["metrics"]), "key figures differ from report.json's metrics"
for name, summary in report["metrics"].items():
    row = figures[name]
    assert row[1] and row[2] is not None, f"{name}: no label or unit"
    if summary["mean"] is None:
        assert row[3] is None, f"{name}: {row[3]} for an undefined figure"
    else:
        assert abs(row[3] - summary["mean"]) <= 1e-9 * max(1, abs(summary["mean"])), f"{name}: {row[3]}"
assert figures["coverage.patrol_ratio"][2] == "share"

for table in report["tables"]:
    sheet = list(book[table].iter_rows(values_only=True))
    assert sheet[0][0] == "date" and len(sheet[0]) > 1, f"{table}: header {sheet[0][:3]}"
    assert len(sheet) - 1 == report["scenario"]["days"], f"{table}: {len(sheet) - 1} days"
    first = sheet[1][0]
    assert isinstance(first, datetime.datetime), f"{table}: date cell {first!r}"
    assert first.date().isoformat() == report["scenario"]["start"], f"{table}: starts {first}"
print(f"read_xlsx.py: {len(book.sheetnames)} sheets, {len(figures)} key figures: fine")
