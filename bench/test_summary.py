"""Tests of bench/summary.py and bench/compare.py on synthetic JMH JSON (not part of the Maven
test command):  python3 -m unittest bench/test_summary.py
"""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import summary  # noqa: E402


def result(bench, pool, score, mode="thrpt", error=0.0, alloc=None, pct=None, **params):
    """One JMH JSON result, the fields table.Jmh reads."""
    p = {k: str(v) for k, v in params.items()}
    if pool:
        p["pool"] = pool
    metric = {"score": score, "scoreError": error, "scoreUnit": "ops/us" if mode == "thrpt" else "us/op"}
    if pct:
        metric["scorePercentiles"] = pct
    r = {"benchmark": "io.netpool.bench.PoolBench." + bench, "mode": mode, "threads": 1, "forks": 1,
         "measurementIterations": 1, "params": p, "primaryMetric": metric, "secondaryMetrics": {}}
    if alloc is not None:
        r["secondaryMetrics"]["gc.alloc.rate.norm"] = {"score": alloc}
    return r


def write(directory, name, data):
    with open(os.path.join(directory, name), "w") as f:
        json.dump(data, f)


def full_dir(directory):
    """A result directory with (a), (b) at 4 threads and (c) at 2 threads over 10 and 100 keys."""
    write(directory, "jmh-a.json", [
        result("uncontended_t1", "netpool", 10.0, error=0.5, alloc=24.0),
        result("uncontended_t1", "hikari-bag", 20.0),
        result("uncontended_t1", "stormpot", 40.0),
        result("uncontended_t2", "netpool", 15.0),
        result("uncontended_t2", "hikari-bag", 30.0),
        result("uncontended_t2", "stormpot", 60.0),
    ])
    write(directory, "jmh-b4.json", [
        result("exhausted_t4", "netpool", 0.1, holdTokens=1000),
        result("exhausted_t4", "hikari-bag", 0.4, holdTokens=1000),
        result("exhausted_t4", "cp2-gkop", 0.2, holdTokens=1000),
        result("exhausted_t4", "netpool", 30.0, "sample", pct={"99.9": 300.0}, holdTokens=1000),
        result("exhausted_t4", "hikari-bag", 20.0, "sample", pct={"99.9": 100.0}, holdTokens=1000),
        result("exhausted_t4", "cp2-gkop", 25.0, "sample", pct={"99.9": 150.0}, holdTokens=1000),
    ])
    c = []
    for keys, mine in ((10, 5.0), (100, 20.0)):
        c += [result("keyed_t2", "netpool", mine, keys=keys),
              result("keyed_t2", "hc5-strict", 1.0, keys=keys),
              result("keyed_t2", "hc5-segmented", 2.0, keys=keys),
              result("keyed_t2", "hc5-lax", 50.0, keys=keys),  # no global cap: not a peer here
              result("keyed_t2", "stormpot", 90.0, keys=keys)]
    write(directory, "jmh-c.json", c)
    with open(os.path.join(directory, "env.txt"), "w") as f:
        f.write("mode=quick\nstarted_utc=20260101T000000Z\ngit=abc1234\njava=fake 25\n")


def quiet(fn, *args):
    """Runs fn(*args) with stdout and stderr captured: (return value, stdout)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = fn(*args)
    return rc, out.getvalue()


def doc(rows, noise=0.05, mode="full"):
    return {"stamp": "x", "mode": mode, "git": "g", "noise": noise, "rows": rows, "skipped": []}


def row(rid, value, higher=True, **extra):
    r = {"id": rid, "description": rid, "value": value, "unit": "x", "higher_is_better": higher}
    r.update(extra)
    return r


class SummaryTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def rows(self, s):
        return {r["id"]: r for r in s["rows"]}

    def test_ratios_of_a_full_directory(self):
        full_dir(self.dir)
        rc, _ = quiet(summary.main, [self.dir])
        self.assertEqual(rc, 0)
        with open(os.path.join(self.dir, "summary.json")) as f:
            s = json.load(f)
        rows = self.rows(s)
        self.assertEqual((s["stamp"], s["mode"], s["git"]), ("20260101T000000Z", "quick", "abc1234"))
        self.assertAlmostEqual(rows["a.t1.vs_hikari_bag"]["value"], 0.5)
        self.assertAlmostEqual(rows["a.t2.vs_stormpot"]["value"], 0.25)
        self.assertAlmostEqual(rows["a.t2_over_t1"]["value"], 1.5)
        self.assertEqual(rows["a.alloc_bytes_per_op"]["higher_is_better"], False)
        # best peer throughput is hikari-bag (0.4); lowest peer p99.9 is hikari-bag (100)
        self.assertAlmostEqual(rows["b.t4.h1000.vs_best"]["value"], 0.25)
        self.assertAlmostEqual(rows["b.t4.h1000.p999_vs_best"]["value"], 3.0)
        self.assertFalse(rows["b.t4.h1000.p999_vs_best"]["higher_is_better"])
        # only pools with a global cap count: hc5-segmented (2.0), not hc5-lax or stormpot
        self.assertAlmostEqual(rows["c.k10.t2.vs_best_capped"]["value"], 2.5)
        self.assertEqual(rows["c.k10.t2.vs_best_capped"]["peer"], "hc5-segmented")
        self.assertAlmostEqual(rows["c.dip"]["value"], 0.25)
        self.assertIn("b.t8.*", [x["id"] for x in s["skipped"]])

    def test_missing_inputs_are_skipped_with_a_reason(self):
        write(self.dir, "jmh-a.json", [result("uncontended_t1", "netpool", 10.0)])
        s = summary.summarize(self.dir)
        skipped = {x["id"]: x["reason"] for x in s["skipped"]}
        self.assertIn("no hikari-bag result", skipped["a.t1.vs_hikari_bag"])
        self.assertIn("a.t2_over_t1", skipped)
        self.assertIn("a.alloc_bytes_per_op", skipped)
        self.assertIn("c.*", skipped)
        self.assertIn("c.dip", skipped)
        self.assertEqual(s["mode"], "unknown")  # no env.txt

    def test_empty_or_broken_directory_still_writes_a_summary(self):
        with open(os.path.join(self.dir, "jmh-a.json"), "w") as f:
            f.write("{not json")
        out = os.path.join(self.dir, "s.json")
        rc, _ = quiet(summary.main, [self.dir, "--out", out])
        self.assertEqual(rc, 0)
        with open(out) as f:
            s = json.load(f)
        self.assertEqual(s["rows"], [])
        self.assertEqual(s["noise"], summary.MIN_NOISE)

    def test_not_a_directory(self):
        rc, _ = quiet(summary.main, [os.path.join(self.dir, "nope")])
        self.assertEqual(rc, 2)

    def test_noise_from_the_repeat(self):
        write(self.dir, "jmh-a.json", [result("uncontended_t1", "netpool", 10.0, error=0.1)])
        write(self.dir, summary.NOISE_FILE, [result("uncontended_t1", "netpool", 12.0, error=0.1)])
        level, how = summary.noise(self.dir)
        self.assertAlmostEqual(level, 2.0 / 11.0)
        self.assertEqual(how["source"], "repeat")

    def test_noise_without_repeat_uses_score_error_and_ignores_nan(self):
        write(self.dir, "jmh-a.json", [result("uncontended_t1", "netpool", 10.0, error=1.5)])
        self.assertAlmostEqual(summary.noise(self.dir)[0], 0.15)
        write(self.dir, "jmh-a.json", [result("uncontended_t1", "netpool", 10.0, error=float("nan"))])
        self.assertEqual(summary.noise(self.dir)[0], summary.MIN_NOISE)


class CompareTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def run_compare(self, new, base):
        np, bp = os.path.join(self.dir, "new.json"), os.path.join(self.dir, "base.json")
        with open(np, "w") as f:
            json.dump(new, f)
        with open(bp, "w") as f:
            json.dump(base, f)
        return quiet(compare.main, [np, "--baseline", bp])

    def test_direction_of_worse(self):
        base = doc([row("up", 1.0), row("down", 1.0, higher=False), row("down_better", 1.0, higher=False),
                    row("small", 1.0), row("info", 1.0, guard=False)])
        new = doc([row("up", 0.8), row("down", 1.2, higher=False), row("down_better", 0.5, higher=False),
                   row("small", 0.97), row("info", 0.1, guard=False)])
        rc, out = self.run_compare(new, base)
        self.assertEqual(rc, 1)
        worse = out.split("worse than the baseline")[1]
        self.assertIn("up:", worse)
        self.assertIn("down:", worse)
        for rid in ("down_better", "small", "info"):
            self.assertNotIn(f"  {rid}:", worse)

    def test_noise_is_the_larger_of_the_two(self):
        rc, out = self.run_compare(doc([row("up", 0.8)], noise=0.05), doc([row("up", 1.0)], noise=0.3))
        self.assertEqual(rc, 0)
        self.assertIn("noise used: 30.0%", out)

    def test_better_rows_pass(self):
        rc, _ = self.run_compare(doc([row("up", 2.0)]), doc([row("up", 1.0)]))
        self.assertEqual(rc, 0)

    def test_tolerance_is_absolute(self):
        base = doc([row("alloc", 0.001, higher=False, tolerance=1.0)])
        rc, _ = self.run_compare(doc([row("alloc", 0.5, higher=False, tolerance=1.0)]), base)
        self.assertEqual(rc, 0)
        rc, _ = self.run_compare(doc([row("alloc", 24.0, higher=False, tolerance=1.0)]), base)
        self.assertEqual(rc, 1)

    def test_unusable_input(self):
        good = os.path.join(self.dir, "good.json")
        with open(good, "w") as f:
            json.dump(doc([row("up", 1.0)]), f)
        self.assertEqual(quiet(compare.main, [os.path.join(self.dir, "missing.json"),
                                              "--baseline", good])[0], 2)
        self.assertEqual(quiet(compare.main, [good, "--baseline",
                                              os.path.join(self.dir, "missing.json")])[0], 2)
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            f.write("[1, 2")
        self.assertEqual(quiet(compare.main, [bad, "--baseline", good])[0], 2)
        rc, _ = self.run_compare(doc([row("other", 1.0)]), doc([row("up", 1.0)]))
        self.assertEqual(rc, 2)  # nothing in common

    def test_missing_rows_are_listed_not_failed(self):
        rc, out = self.run_compare(doc([row("a", 1.0)]), doc([row("a", 1.0), row("b", 1.0)]))
        self.assertEqual(rc, 0)
        self.assertIn("not in the new run", out)

    def test_summary_then_compare_on_a_directory(self):
        full_dir(self.dir)
        quiet(summary.main, [self.dir])
        rc, _ = quiet(compare.main, [self.dir, "--baseline", os.path.join(self.dir, "summary.json")])
        self.assertEqual(rc, 0)


if __name__ == "__main__":
    unittest.main()
