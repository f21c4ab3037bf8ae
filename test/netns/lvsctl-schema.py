#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Validate lvsctl --json output against doc/lvsctl-schema.json.

usage: lvsctl-schema.py SCHEMA answer < ONE-JSON-DOCUMENT
       lvsctl-schema.py SCHEMA events < ONE-EVENT-PER-LINE
Exit 0 when valid; 1 with the first error otherwise.
"""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    if sys.argv[2] == "answer":
        docs = [json.load(sys.stdin)]
        sub = schema
    else:
        docs = [json.loads(line) for line in sys.stdin if line.strip()]
        if not docs:
            print("no event to validate", file=sys.stderr)
            return 1
        sub = dict(schema["definitions"]["event"])
        sub["definitions"] = schema["definitions"]
    for d in docs:
        try:
            jsonschema.validate(d, sub, cls=jsonschema.Draft7Validator)
        except jsonschema.ValidationError as e:
            print("schema: %s at %s" % (e.message, list(e.absolute_path)),
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
