#!/usr/bin/env python3
"""Writes a small JSON summary of one bench/run.sh result directory: the netpool-vs-peer ratios
issue 17 sets targets on, and the run's noise, for bench/compare.py.

    bench/summary.py bench/results/<stamp> [--out FILE]     (default: <dir>/summary.json)

Rows are {id, description, value, unit, higher_is_better} (plus "peer" when the ratio is taken
against the best peer, "guard": false for informational rows compare.py never flags, and
"tolerance", an absolute change below which a row never counts as worse). Rows whose inputs are
missing are left out and listed under "skipped" with the reason.

Noise: the largest of
  - the spread of netpool's uncontended_t1 scores: the one in jmh-a.json and its repeat in
    noise-jmh.json (run.sh runs it again in a separate JMH invocation), |max - min| / mean;
  - JMH's scoreError / score of those same rows (NaN with a single iteration, then ignored);
  - MIN_NOISE.
Without noise-jmh.json (older runs) only the scoreError part remains.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from table import Jmh, load, read_env  # noqa: E402  (same reading of the JMH JSON as the tables)

NOISE_FILE = "noise-jmh.json"  # not jmh-*.json: table.py would read the repeat as jmh-a's row
MIN_NOISE = 0.05
# pools that enforce the keyed scenario's global cap themselves (docs/benchmarks.md, "global cap")
CAPPED_PEERS = ["cp2-gkop", "hc5-strict", "hc5-segmented"]
ALLOC_TOLERANCE = 1.0  # B/op: gc.alloc.rate.norm moves by fractions of a byte between runs


def finite(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


class Summary:
    def __init__(self):
        self.rows = []
        self.skipped = []

    def add(self, rid, desc, value, unit, higher, **extra):
        if not finite(value):
            self.skip(rid, f"value is not a number ({value})")
            return
        row = {"id": rid, "description": desc, "value": value, "unit": unit,
               "higher_is_better": higher}
        row.update(extra)
        self.rows.append(row)

    def skip(self, rid, reason):
        self.skipped.append({"id": rid, "reason": reason})


def one(jmh, bench, mode, **params):
    """The pool -> result map of one benchmark/mode/params, or {} when absent."""
    found = jmh.find(bench, mode, **params)
    return found[0][1] if found else {}


def score(rows, pool):
    r = rows.get(pool)
    return r["score"] if r and finite(r["score"]) else None


def ratio_row(s, rid, desc, rows, peer):
    """netpool / one named peer, higher is better."""
    mine, theirs = score(rows, "netpool"), score(rows, peer)
    if mine is None or not theirs:
        missing = "netpool" if mine is None else peer
        s.skip(rid, f"no {missing} result")
        return
    s.add(rid, desc, mine / theirs, "x", True, peer=peer)


def best_row(s, rid, desc, rows, peers, higher=True, value=score):
    """netpool / the best of the peers present (highest or lowest value)."""
    mine = value(rows, "netpool")
    have = {p: value(rows, p) for p in peers if value(rows, p)}
    if mine is None or not have:
        s.skip(rid, "no netpool result" if mine is None else "no peer result")
        return
    peer = (max if higher else min)(have, key=have.get)
    s.add(rid, f"{desc} (best: {peer})", mine / have[peer], "x", higher, peer=peer)


def rows_uncontended(jmh, s):
    t1, t2 = one(jmh, "uncontended_t1", "thrpt"), one(jmh, "uncontended_t2", "thrpt")
    for t, rows in ((1, t1), (2, t2)):
        for peer, name in (("hikari-bag", "hikari_bag"), ("stormpot", "stormpot")):
            ratio_row(s, f"a.t{t}.vs_{name}", f"(a) uncontended {t} thread(s): netpool / {peer} "
                      "throughput", rows, peer)
    n1, n2 = score(t1, "netpool"), score(t2, "netpool")
    if n1 and n2 is not None:
        s.add("a.t2_over_t1", "(a) uncontended: netpool 2 threads / 1 thread throughput", n2 / n1,
              "x", True)
    else:
        s.skip("a.t2_over_t1", "no netpool uncontended_t1 or uncontended_t2 result")
    alloc = (t1.get("netpool") or {}).get("alloc")
    if finite(alloc):
        s.add("a.alloc_bytes_per_op", "(a) uncontended 1 thread: netpool gc.alloc.rate.norm",
              alloc, "B/op", False, tolerance=ALLOC_TOLERANCE)
    else:
        s.skip("a.alloc_bytes_per_op", "no netpool gc.alloc.rate.norm at 1 thread (-prof gc)")
    for t, rows in ((1, t1), (2, t2)):
        n = score(rows, "netpool")
        if n is not None:
            s.add(f"info.a.t{t}.netpool", f"(a) uncontended {t} thread(s): netpool throughput", n,
                  rows["netpool"]["unit"], True, guard=False)


def p999(rows, pool):
    r = rows.get(pool)
    v = (r or {}).get("pct", {}).get("99.9")
    return v if finite(v) else None


def rows_exhausted(jmh, s):
    for bench in ("exhausted_t4", "exhausted_t8"):
        t = bench.rsplit("_t", 1)[-1]
        holds = jmh.params(bench, "holdTokens")
        if not holds:
            s.skip(f"b.t{t}.*", f"no {bench} results (the quick mode runs 4 threads only)")
        for h in holds:
            tp = one(jmh, bench, "thrpt", holdTokens=h)
            sm = one(jmh, bench, "sample", holdTokens=h)
            peers = sorted(p for p in set(tp) | set(sm) if p != "netpool")
            best_row(s, f"b.t{t}.h{h}.vs_best", f"(b) exhausted {t} threads, holdTokens {h}: "
                     "netpool / best peer throughput", tp, peers)
            best_row(s, f"b.t{t}.h{h}.p999_vs_best", f"(b) exhausted {t} threads, holdTokens {h}: "
                     "netpool / lowest peer p99.9 latency", sm, peers, higher=False, value=p999)
            n = score(tp, "netpool")
            if n is not None:
                s.add(f"info.b.t{t}.h{h}.netpool", f"(b) exhausted {t} threads, holdTokens {h}: "
                      "netpool throughput", n, tp["netpool"]["unit"], True, guard=False)


def rows_keyed(jmh, s):
    found = False
    per_threads = {}  # threads -> {keys: netpool score}, for the dip
    for bench in ("keyed_t1", "keyed_t2", "keyed_t4"):
        t = bench.rsplit("_t", 1)[-1]
        for k in jmh.params(bench, "keys"):
            found = True
            rows = one(jmh, bench, "thrpt", keys=k)
            best_row(s, f"c.k{k}.t{t}.vs_best_capped", f"(c) keyed {k} keys, {t} thread(s): netpool"
                     " / best pool with a global cap", rows, CAPPED_PEERS)
            n = score(rows, "netpool")
            if n is not None:
                per_threads.setdefault(t, {})[k] = n
    if not found:
        s.skip("c.*", "no keyed results")
    dips = {t: ks["10"] / ks["100"] for t, ks in per_threads.items()
            if "10" in ks and ks.get("100")}
    if dips:
        t = min(dips, key=dips.get)
        s.add("c.dip", f"(c) keyed: netpool 10 keys / 100 keys throughput, lowest over threads "
              f"(at {t} thread(s))", dips[t], "x", True)
    else:
        s.skip("c.dip", "netpool keyed results for both 10 and 100 keys at the same threads needed")


def netpool_t1(data):
    """(score, scoreError) of every netpool uncontended_t1 throughput result in one JMH JSON."""
    out = []
    for r in data or []:
        try:
            if (r["benchmark"].endswith(".uncontended_t1") and r["mode"] == "thrpt"
                    and (r.get("params") or {}).get("pool") == "netpool"):
                m = r["primaryMetric"]
                out.append((m["score"], m.get("scoreError")))
        except (KeyError, TypeError, AttributeError):
            continue
    return out


def noise(directory):
    """The run's relative noise and how it was found."""
    first = netpool_t1(load(os.path.join(directory, "jmh-a.json"))
                       if os.path.exists(os.path.join(directory, "jmh-a.json")) else None)
    path = os.path.join(directory, NOISE_FILE)
    repeat = netpool_t1(load(path)) if os.path.exists(path) else []
    parts = {"floor": MIN_NOISE}
    scores = [x for x, _ in first + repeat if finite(x) and x > 0]
    if repeat and len(scores) >= 2:
        mean = sum(scores) / len(scores)
        parts["repeat_spread"] = (max(scores) - min(scores)) / mean
    errors = [e / x for x, e in first + repeat if finite(x) and x > 0 and finite(e)]
    if errors:
        parts["score_error"] = max(errors)
    source = "repeat" if "repeat_spread" in parts else f"no {NOISE_FILE}: JMH scoreError only"
    return max(parts.values()), {"source": source, "parts": parts,
                                 "netpool_uncontended_t1": scores}


def summarize(directory):
    jmh = Jmh(directory)
    s = Summary()
    rows_uncontended(jmh, s)
    rows_exhausted(jmh, s)
    rows_keyed(jmh, s)
    env = read_env(directory)
    level, how = noise(directory)
    any_r = next((r for rows in jmh.results.values() for r in rows.values()), {})
    return {
        "stamp": env.get("started_utc") or os.path.basename(os.path.normpath(directory)),
        "mode": env.get("mode", "unknown"),
        "git": env.get("git", "unknown"),
        "jdk": env.get("java", "unknown").strip(),
        "jmh": {"forks": any_r.get("forks"), "iterations": any_r.get("iterations")},
        "noise": level,
        "noise_detail": how,
        "rows": s.rows,
        "skipped": s.skipped,
    }


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    directory, rest = argv[0], argv[1:]
    if not os.path.isdir(directory):
        print(f"error: {directory} is not a result directory (bench/results/<stamp>)", file=sys.stderr)
        return 2
    out = os.path.join(directory, "summary.json")
    if rest[:1] == ["--out"] and len(rest) == 2:
        out = rest[1]
    elif rest:
        print(f"error: unknown arguments {rest} (only --out FILE)", file=sys.stderr)
        return 2
    summary = summarize(directory)
    if not summary["rows"]:
        print(f"warning: {directory}: no JMH results to summarize", file=sys.stderr)
    with open(out, "w") as f:
        json.dump(summary, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"summary: {len(summary['rows'])} rows, {len(summary['skipped'])} skipped, "
          f"noise {summary['noise']:.1%} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
