#!/usr/bin/python3
"""Validates YAML scenarios against the JSON Schema that `mmsim schema`
prints, with an independent validator (Debian's python3-jsonschema).

usage: check_schema.py MMSIM SOURCE_DIR
Every shipped scenario must pass; each bad scenario listed below must fail.
"""
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:
    sys.exit(f"check_schema.py: {missing.name} is missing: apt-get install python3-jsonschema python3-yaml")

# Scenarios of the bad-input corpus whose fault is one the schema can see
# (a type, a key, a choice or a pattern); the loader finds the rest.
SCHEMA_CATCHES = [
    "bases_as_scalar", "contingents_as_list", "currency_lower_case", "date_as_number",
    "duration_bare_number", "duration_unit_first", "misspelled_top_level_key", "misspelled_zone_key",
    "missing_contingents", "missing_name", "missing_population", "missing_start", "roads_as_map",
    "theatre_as_scalar", "unknown_distribution", "unknown_policy", "unknown_top_level_key",
    "wave_as_scalar", "zones_as_list", "funding_key_typo",
]


class DatesAsText(yaml.SafeLoader):
    """Reads dates as the text they are, as mmsim does (not as datetime)."""


DatesAsText.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def errors(validator, path):
    with open(path, encoding="utf-8") as f:
        document = yaml.load(f, Loader=DatesAsText)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def main():
    mmsim, source = sys.argv[1], sys.argv[2]
    schema = json.loads(subprocess.run([mmsim, "schema"], check=True, capture_output=True, text=True).stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures = 0
    shipped = sorted(glob.glob(os.path.join(source, "scenarios", "*.yaml")))
    for path in shipped:
        found = errors(validator, path)
        if found:
            failures += 1
            print(f"FAIL {path}: a shipped scenario does not validate: {found[:3]}")
    for name in SCHEMA_CATCHES:
        path = os.path.join(source, "tests", "bad", name + ".yaml")
        if not errors(validator, path):
            failures += 1
            print(f"FAIL {path}: a bad scenario passes the schema")
    checked = len(shipped) + len(SCHEMA_CATCHES)
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures or len(shipped) < 7 else 0


if __name__ == "__main__":
    sys.exit(main())
