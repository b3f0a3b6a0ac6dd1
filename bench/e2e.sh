#!/usr/bin/env bash
# End-to-end benchmark against the simulator (netpool-bench, io.netpool.bench.e2e): a ping sweep
# compared three ways (netpool's monitor, the same SSH drivers behind Commons Pool 2, no pool),
# the capacity scenario (the highest probe rate netpool and the Commons Pool 2 loop each sustain
# with every probe delivered and due-to-done p99 under 1 s), then thousands of devices with one
# pooled session each. See docs/benchmarks-e2e.md.
#
#   bench/e2e.sh --quick   about 6 minutes: 20 routers x 5 lines, capacity 100-600 probes/s,
#                          scale with 1,000 devices
#   bench/e2e.sh           full: 200 routers x 10 lines, capacity 200-1,600 probes/s, scale with
#                          10,000 devices (two simulator processes; about 27 min)
#   --no-capacity / --no-sweep / --no-scale skip a scenario
#   BENCH_JAR=path bench/e2e.sh ...   use that benchmarks jar, build nothing
#   further arguments go to E2eRunner, for example:
#     bench/e2e.sh --quick --variants netpool,cp2 --command-latency-ms 20 --jfr-dir /tmp/jfr
#
# Every variant gets its own simulator JVM and client JVM, so CPU and heap are the client's.
# Writes bench/results/e2e-<timestamp>.json and .md (the tables, also printed), and replaces the
# generated part of docs/benchmarks-e2e.md with them (BENCH_NO_DOC=1: leave the page alone).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=()
if [[ "${1:-}" == "--quick" ]]; then
  mode=(--quick)
  shift
fi

# bin/find-jdk keeps $JAVA_HOME when it is a JDK 21+, else finds one.
JAVA_HOME="$(bin/find-jdk)"
export JAVA_HOME
java="$JAVA_HOME/bin/java"

# BENCH_JAR=path: use that jar, build nothing (as bench/run.sh).
jar="${BENCH_JAR:-netpool-bench/target/benchmarks.jar}"
# Otherwise rebuild when the jar is missing or older than the benchmark's or the simulator's sources.
if [[ -z "${BENCH_JAR:-}" ]] && [[ ! -f "$jar" || -n "$(find netpool-bench/src/main netpool-sim/src/main -newer "$jar" -print -quit)" ]]; then
  echo "== building $jar (JAVA_HOME=$JAVA_HOME)" >&2
  ./mvnw -B -ntp -q package -pl netpool-bench -am -DskipTests
fi

# The simulator holds a listening and an accepted socket per device, the client one per session.
want=65536
hard="$(ulimit -Hn)"
if [[ "$hard" != unlimited && "$hard" -lt "$want" ]]; then
  want="$hard"
fi
if [[ "$(ulimit -n)" != unlimited && "$(ulimit -n)" -lt "$want" ]]; then
  ulimit -n "$want"
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/results
out="bench/results/e2e-$stamp.json"
rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD 2>/dev/null; then
  rev="$rev+uncommitted"
fi

# Ctrl-C reaches the runner and its JVMs (one foreground process group); a simulator whose
# runner is gone also stops by itself when its stdin closes.
cmd=("$java" -cp "$jar" io.netpool.bench.e2e.E2eRunner "${mode[@]}" --out "$out" --git-rev "$rev" "$@")
echo "== ulimit -n $(ulimit -n); ${cmd[*]}" >&2
set +e
"${cmd[@]}" | tee "${out%.json}.md"
status="${PIPESTATUS[0]}"
set -e
# The tables also replace the generated part of docs/benchmarks-e2e.md (BENCH_NO_DOC=1: do not).
if [[ -f "$out" && "${BENCH_NO_DOC:-}" != 1 ]]; then
  "$java" -cp "$jar" io.netpool.bench.e2e.E2eReport "$out" --doc docs/benchmarks-e2e.md
fi
echo "== tables again: $java -cp $jar io.netpool.bench.e2e.E2eReport $out [--doc docs/benchmarks-e2e.md]" >&2
exit "$status"
