#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Parse an lvsd /metrics page with prometheus_client's own text parser
and print one line per sample, sorted: NAME{k=v,...} VALUE.  A page the
parser rejects exits 1."""
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = sys.stdin.read()
    lines = []
    try:
        for fam in text_string_to_metric_families(text):
            for s in fam.samples:
                labels = ",".join("%s=%s" % kv for kv in sorted(s.labels.items()))
                lines.append("%s{%s} %g" % (s.name, labels, s.value))
    except ValueError as e:
        print("not a Prometheus text page: %s" % e, file=sys.stderr)
        return 1
    print("\n".join(sorted(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
