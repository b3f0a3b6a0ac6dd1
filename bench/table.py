#!/usr/bin/env python3
"""Prints JMH JSON results of io.netpool.bench.PoolBench as Markdown tables, one per scenario and
mode, every pool side by side with its ratio to netpool.

Throughput: ratio = pool / netpool (above 1 = faster than netpool).
Sample time: ratio = pool p99 / netpool p99 (above 1 = slower tail than netpool).
"""
import json
import sys

ORDER = ["netpool", "hikari-bag", "cp2-gkop", "hc5-strict", "hc5-lax", "stormpot"]


def fmt(x):
    if x is None:
        return "-"
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "-"


def main(paths):
    runs = []
    for p in paths:
        with open(p) as f:
            runs.extend(json.load(f))
    groups = {}
    for r in runs:
        name = r["benchmark"].rsplit(".", 1)[-1]
        key = (name, r["threads"], r["mode"], r["params"].get("holdTokens") if r.get("params") else None)
        groups.setdefault(key, []).append(r)
    for (name, threads, mode, hold), rs in sorted(groups.items()):
        by_pool = {(r.get("params") or {}).get("pool", "-"): r for r in rs}
        title = f"### {name}, {threads} thread(s), mode {mode}"
        if hold:
            title += f", holdTokens {hold}"
        print(title)
        print()
        gc = any("·gc.alloc.rate.norm" in r.get("secondaryMetrics", {}) for r in rs)
        pools = [p for p in ORDER if p in by_pool] + [p for p in by_pool if p not in ORDER]
        if mode == "sample":
            unit = rs[0]["primaryMetric"]["scoreUnit"]
            print(f"| pool | ops sampled | mean {unit} | p50 | p99 | p99.9 | max | p99 vs netpool |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|")
            base = by_pool.get("netpool", {}).get("primaryMetric", {}).get("scorePercentiles", {}).get("99.0")
            for p in pools:
                m = by_pool[p]["primaryMetric"]
                pc = m.get("scorePercentiles", {})
                cnt = sum(c for fork in m.get("rawDataHistogram", []) for it in fork for _, c in it)
                print(f"| {p} | {fmt(cnt) if cnt else '-'} | {fmt(m['score'])} | {fmt(pc.get('50.0'))} | {fmt(pc.get('99.0'))} "
                      f"| {fmt(pc.get('99.9'))} | {fmt(pc.get('100.0'))} | {ratio(pc.get('99.0'), base)} |")
        else:
            unit = rs[0]["primaryMetric"]["scoreUnit"]
            extra = " | B/op" if gc else ""
            print(f"| pool | score {unit} | error (99.9%) | ns/op per thread | vs netpool{extra} |")
            print("|---|---:|---:|---:|---:" + ("|---:" if gc else "") + "|")
            base = by_pool.get("netpool", {}).get("primaryMetric", {}).get("score")
            for p in pools:
                m = by_pool[p]["primaryMetric"]
                s = m["score"]
                err = m.get("scoreError")
                err = None if err != err else err  # NaN with one fork/iteration
                nsop = (1000.0 * threads / s) if unit == "ops/us" and s else None
                row = f"| {p} | {fmt(s)} | {fmt(err) if err is not None else '-'} | {fmt(nsop)} | {ratio(s, base)}"
                if gc:
                    a = by_pool[p].get("secondaryMetrics", {}).get("·gc.alloc.rate.norm", {}).get("score")
                    row += f" | {fmt(a)}"
                print(row + " |")
        missing = [p for p in ORDER if p not in by_pool]
        if missing and "-" not in by_pool:
            print()
            print(f"No result (failed or not run): {', '.join(missing)}")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
