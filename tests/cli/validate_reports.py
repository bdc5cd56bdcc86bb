#!/usr/bin/env python3
"""Validates every JSON report among the golden outputs (tests/cli/*/expected.out) against
data/report.schema.json (data/diagnose.schema.json for the diagnose-* cases). Exit 77 (skipped) where python3-jsonschema is not installed."""
import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("skipped: python3-jsonschema is not installed")
    sys.exit(77)

here = os.path.dirname(os.path.abspath(__file__))
def validator_for(name):
    schema = json.load(open(os.path.join(here, "..", "..", "data", name)))
    return jsonschema.Draft202012Validator(schema)


report_validator = validator_for("report.schema.json")
diagnose_validator = validator_for("diagnose.schema.json")
checked = failed = 0
for path in sorted(glob.glob(os.path.join(here, "*", "expected.out"))):
    text = open(path, encoding="utf-8").read()
    if not text.lstrip().startswith("{"):
        continue
    checked += 1
    case = os.path.basename(os.path.dirname(path))
    validator = diagnose_validator if case.startswith("diagnose-") else report_validator
    errors = sorted(validator.iter_errors(json.loads(text)), key=str)
    for error in errors:
        print(f"{os.path.relpath(path, here)}: {error.message} at {list(error.path)}")
    failed += bool(errors)
print(f"{checked - failed} passed, {failed} failed")
sys.exit(1 if failed or not checked else 0)
