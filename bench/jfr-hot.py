#!/usr/bin/env python3
"""Hottest stacks of a JFR recording: the share of execution samples per top-3-frame stack.

    jfr print --events jdk.ExecutionSample --stack-depth 8 rec.jfr > rec.txt
    bench/jfr-hot.py rec.txt [thread-name-part] [how-many]

Record with -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints, or samples land on the wrong
line of inlined code. Text that is not a `jfr print` sample is skipped.
"""
import collections
import re
import sys


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    try:
        with open(argv[0]) as f:
            text = f.read()
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    thread_part = argv[1] if len(argv) > 1 else ""
    limit = int(argv[2]) if len(argv) > 2 and argv[2].isdigit() else 15
    counts = collections.Counter()
    total = 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if thread_part and (not thread or thread_part not in thread.group(1)):
            continue
        frames = re.findall(r"^\s+(\S+?)\(.*?\)\s+line: (\d+)", event, re.M)
        if not frames:
            continue
        total += 1
        counts[" <- ".join(f"{'.'.join(m.split('.')[-2:])}:{line}" for m, line in frames[:3])] += 1
    print(f"samples: {total}")
    for stack, n in counts.most_common(limit):
        print(f"{100.0 * n / total:5.1f}%  {stack}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
