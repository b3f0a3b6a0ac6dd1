#!/usr/bin/env python3
"""Compares a bench/summary.py summary with a baseline and lists the rows that got worse by more
than the noise.

    bench/compare.py NEW_SUMMARY [--baseline FILE]
        NEW_SUMMARY: a summary.json, or a result directory holding one
        FILE: default bench/summary-baseline.json (the committed summary of a full run)

Noise = the larger of the two summaries' "noise" (a relative change). A row got worse when it moved
the wrong way (down for higher_is_better, up otherwise) by more than the noise and by more than
its "tolerance" (absolute, if any). Rows with "guard": false are shown, never flagged.

Exit code: 0 nothing got worse, 1 some rows got worse, 2 unusable input (missing or unreadable
file, no rows in common).
"""
import json
import os
import sys

DEFAULT_BASELINE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "summary-baseline.json")


class Unusable(Exception):
    pass


def read_summary(path, what):
    if os.path.isdir(path):
        path = os.path.join(path, "summary.json")
    if not os.path.exists(path):
        hint = " (bench/summary.py <results dir> writes one)" if what == "new" else \
            " (make one: bench/summary.py <full-run dir> --out bench/summary-baseline.json)"
        raise Unusable(f"{what} summary {path} does not exist{hint}")
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise Unusable(f"{what} summary {path} is unreadable: {e}")
    if not isinstance(doc, dict) or not isinstance(doc.get("rows"), list):
        raise Unusable(f"{what} summary {path} has no list of rows")
    rows = {}
    for r in doc["rows"]:
        if isinstance(r, dict) and "id" in r and isinstance(r.get("value"), (int, float)):
            rows[r["id"]] = r
    doc["by_id"] = rows
    doc["path"] = path
    return doc


def noise_of(doc):
    n = doc.get("noise")
    return n if isinstance(n, (int, float)) and n >= 0 else 0.0


def change(base, new):
    """Relative change from base to new, None when base is 0."""
    return (new - base) / abs(base) if base else None


def worse(row, base, new, noise):
    """True when the row moved the wrong way by more than the noise (and its tolerance)."""
    if row.get("guard") is False:
        return False
    delta = new - base if row.get("higher_is_better", True) is False else base - new
    if delta <= row.get("tolerance", 0):
        return False
    rel = change(base, new)
    return rel is None or abs(rel) > noise


def fmt(x):
    return "-" if x is None else f"{x:.4g}"


def compare(new, base):
    """(lines to print, ids of rows that got worse)."""
    noise = max(noise_of(new), noise_of(base))
    lines = [f"baseline: {base['path']} ({base.get('stamp')}, {base.get('mode')} mode, git "
             f"{base.get('git')}, noise {noise_of(base):.1%})",
             f"new:      {new['path']} ({new.get('stamp')}, {new.get('mode')} mode, git "
             f"{new.get('git')}, noise {noise_of(new):.1%})",
             f"noise used: {noise:.1%}"]
    if base.get("mode") != new.get("mode"):
        lines.append(f"note: {new.get('mode')} mode against a {base.get('mode')} baseline: "
                     "only the rows both runs have are compared")
    common = [i for i in base["by_id"] if i in new["by_id"]]
    if not common:
        raise Unusable("the two summaries have no row in common")
    lines += ["", f"{'row':<28} {'baseline':>10} {'new':>10} {'change':>9}  better", "-" * 68]
    bad = []
    for i in common:
        b, n = base["by_id"][i], new["by_id"][i]
        rel = change(b["value"], n["value"])
        flag = worse(n, b["value"], n["value"], noise)
        if flag:
            bad.append(i)
        better = "info" if n.get("guard") is False else (
            "higher" if n.get("higher_is_better", True) else "lower")
        pct = "-" if rel is None else f"{rel:+.1%}"
        lines.append(f"{i:<28} {fmt(b['value']):>10} {fmt(n['value']):>10} {pct:>9}  {better}"
                     + ("  WORSE" if flag else ""))
        if b.get("peer") != n.get("peer"):
            lines.append(f"{'':<28} (best peer was {b.get('peer')}, now {n.get('peer')})")
    only_base = [i for i in base["by_id"] if i not in new["by_id"]]
    only_new = [i for i in new["by_id"] if i not in base["by_id"]]
    if only_base:
        reasons = {s.get("id"): s.get("reason") for s in new.get("skipped", []) if isinstance(s, dict)}
        lines += ["", "not in the new run (not compared):"]
        lines += [f"  {i}" + (f": {reasons[i]}" if i in reasons else "") for i in only_base]
    if only_new:
        lines += ["", "not in the baseline (not compared): " + ", ".join(only_new)]
    lines.append("")
    if bad:
        lines.append(f"{len(bad)} row(s) worse than the baseline by more than {noise:.1%}:")
        for i in bad:
            r = new["by_id"][i]
            lines.append(f"  {i}: {fmt(base['by_id'][i]['value'])} -> {fmt(r['value'])} "
                         f"{r.get('unit', '')}  {r.get('description', '')}")
    else:
        lines.append(f"no row worse than the baseline by more than {noise:.1%}")
    return lines, bad


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    new_path, rest, baseline = argv[0], argv[1:], DEFAULT_BASELINE
    if rest[:1] == ["--baseline"] and len(rest) == 2:
        baseline = rest[1]
    elif rest:
        print(f"error: unknown arguments {rest} (only --baseline FILE)", file=sys.stderr)
        return 2
    try:
        new = read_summary(new_path, "new")
        base = read_summary(baseline, "baseline")
        lines, bad = compare(new, base)
    except Unusable as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
