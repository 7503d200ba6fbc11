#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""validate_json_schema.py SCHEMA DOCUMENT - check DOCUMENT against the JSON
Schema (draft 2020-12) in SCHEMA with the jsonschema package; print up to ten
errors with their paths. Exit 0 valid, 1 invalid, 2 unusable input."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate: the python3 jsonschema package is missing", file=sys.stderr)
    sys.exit(2)


def version():
    try:
        from importlib.metadata import version as v
        return v("jsonschema")
    except Exception:  # an old Python or a copy without metadata
        return "?"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:10]:
        where = "/".join(str(p) for p in e.absolute_path) or "(top)"
        print("validate: %s: %s" % (where, e.message[:300]))
    print("validate: %s against %s: %s (%s, jsonschema %s)" % (
        sys.argv[2], sys.argv[1], "invalid, %d errors" % len(errors) if errors else "valid",
        cls.__name__, version()))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
