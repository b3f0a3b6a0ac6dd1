#!/usr/bin/env bash
# Pool benchmarks (netpool-bench): netpool side by side with HikariCP (bag alone and full
# DataSource), Commons Pool 2, HttpCore 5 (Strict, Lax, RouteSegmented) and Stormpot.
# See docs/benchmarks.md for what each scenario measures.
#
#   bench/run.sh --quick   smoke run, under 5 minutes on 2 cores with the build (1 fork, 1 x 0.5 s
#                          warmup, 1 x 1 s measurement, fewer parameters)
#   bench/run.sh           full run, about 53 minutes on 2 cores (2 forks, 3 x 1 s warmup,
#                          4 x 1 s measurement, every parameter)
#   extra arguments after the mode go to every JMH run (for example: -p pool=netpool,stormpot);
#   options the mode already sets (-f, -wi, -i, ...) are changed with BENCH_JMH_OPTS instead
#
# Environment:
#   BENCH_JAR=path              use this benchmarks jar instead of building one
#   BENCH_IGNORE_JMH_LOCK=1     run even if another JMH run holds /tmp/jmh.lock (numbers suffer)
#   BENCH_NO_DOC=1              do not rewrite the generated part of docs/benchmarks.md and its plots
#   BENCH_NO_E2E=1              do not call the end-to-end hook (bench/e2e.sh) at the end
#   BENCH_JMH_OPTS="..."        JMH run options instead of the mode's (forks, iterations, -prof gc,
#                               -jvmArgsAppend -Dbench.timeoutMs=...); JMH rejects repeated options
#
# Writes bench/results/<UTC timestamp>/: JMH JSON per scenario (jmh-*.json), the plain harnesses'
# JSON (slow-*.json, vthreads-*.json, stormpot-probe.json), env.json (machine, JDK, load, commands,
# phase times). Then bench/table.py prints the tables, writes them into docs/benchmarks.md between
# its markers and draws docs/bench/*.png.
#
# Regression guard (docs/benchmarks.md, "Regression guard"): after (c) netpool's uncontended_t1 runs
# once more in its own JMH invocation (noise-jmh.json; the spread of the two scores is the run's
# noise), then bench/summary.py writes summary.json (netpool-vs-peer ratios and that noise) and
# bench/compare.py prints the rows worse than the committed bench/summary-baseline.json by more
# than the noise. Its verdict is printed only: it never fails the run. By hand:
#   python3 bench/compare.py bench/results/<stamp>/summary.json   (exit 0 ok, 1 worse, 2 unusable)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
if [[ "${1:-}" == "--quick" ]]; then
  mode=quick
  shift
fi
extra=("$@")

if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(bin/find-jdk 2>/dev/null || true)"
fi
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="bench/results/$stamp"
mkdir -p "$out"
commands="$out/commands.txt"
phases="$out/phases.tsv"
: >"$commands"
: >"$phases"
run_started=$SECONDS

# Runs a command, logs it to commands.txt and its duration to phases.tsv under the given name.
phase() {
  local name="$1"
  shift
  echo "== [$name] $*"
  printf '%s\t%s\n' "$name" "$*" >>"$commands"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  printf '%s\t%d\t%d\n' "$name" $((SECONDS - t0)) "$rc" >>"$phases"
  if [[ $rc -ne 0 ]]; then
    echo "== [$name] exited with $rc (continuing; the tables show what is missing)"
  fi
}

if [[ -n "${BENCH_JAR:-}" ]]; then
  built="$BENCH_JAR"
  echo "== using prebuilt $built"
else
  phase build ./mvnw -B -ntp -q package -pl netpool-bench -am -DskipTests
  built=netpool-bench/target/benchmarks.jar
fi
# Every run uses a private copy: a rebuild of netpool-bench during the run (another build on the
# same work tree) would otherwise swap the jar under the forked JVMs.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
jar="$tmp/benchmarks.jar"
cp "$built" "$jar"

lock=()
if [[ "${BENCH_IGNORE_JMH_LOCK:-}" == 1 ]]; then
  lock=(-Djmh.ignoreLock=true)
fi
# netpool logs every session it opens at INFO; WARN keeps the output readable
heap=(-jvmArgsAppend -Xms1g -jvmArgsAppend -Xmx1g -jvmArgsAppend -DNETPOOL_LOG_LEVEL=WARN)
plain_jvm=(-Xms1g -Xmx1g -DNETPOOL_LOG_LEVEL=WARN)

if [[ "$mode" == quick ]]; then
  # a stalled pool fails its benchmark after 2 s instead of 30 s
  jmh=(-f 1 -wi 1 -w 500ms -i 1 -r 1s -prof gc -jvmArgsAppend -Dbench.timeoutMs=2000)
  exhausted_t4_params=(-p holdTokens=1000)
  keyed_bench='PoolBench.keyed_t2$'
  keyed_params=(-p keys=1000)
  slow_args=(--delaysMs 50 --seconds 2)
  vthreads_args=(--threads 1000,10000 --ops 5 --objects 16 --holdMicros 50 --deadlineSec 5)
  plain_timeout=-Dbench.timeoutMs=2000
  probe_args=(--seconds 1)
else
  jmh=(-f 2 -wi 3 -w 1s -i 4 -r 1s -prof gc -jvmArgsAppend -Dbench.timeoutMs=10000)
  exhausted_t4_params=(-p holdTokens=1000,4000)
  keyed_bench='PoolBench.keyed_t[124]$'
  keyed_params=(-p keys=1,10,100,1000)
  slow_args=(--delaysMs 50,500 --seconds 8)
  vthreads_args=(--threads 1000,10000 --ops 20 --objects 16 --holdMicros 50 --deadlineSec 60)
  plain_timeout=-Dbench.timeoutMs=10000
  probe_args=(--seconds 5)
fi

# JMH refuses an option given twice, so run-control options are replaced, not appended
if [[ -n "${BENCH_JMH_OPTS:-}" ]]; then
  read -r -a jmh <<<"$BENCH_JMH_OPTS"
fi

jmh_run() {
  local name="$1" regex="$2"
  shift 2
  phase "jmh-$name" "$java" "${lock[@]}" -jar "$jar" "$regex" "${jmh[@]}" "${heap[@]}" "$@" \
    -rf json -rff "$out/jmh-$name.json" "${extra[@]}"
}

# (a) uncontended at 1 and 2 threads, and the cost of the hold used in (b)
jmh_run a 'PoolBench.(uncontended_t1|uncontended_t2|uncontended_kept_t1|holdOnly)$'
# (b) exhausted: 1 object, 4 threads (and 8 in full mode), throughput and sampled latency
jmh_run b4 'PoolBench.exhausted_t4$' "${exhausted_t4_params[@]}"
if [[ "$mode" == full ]]; then
  jmh_run b8 'PoolBench.exhausted_t8$' -p holdTokens=1000
fi
# (c) keyed: random key per op, per-key cap 2, global cap keys*2 - keys/2
jmh_run c "$keyed_bench" "${keyed_params[@]}"
# noise: netpool's uncontended_t1 again, in a separate JMH invocation with the same options, for
# bench/summary.py. Not named jmh-*.json: table.py reads those and would take it for (a)'s row.
phase jmh-noise "$java" "${lock[@]}" -jar "$jar" 'PoolBench.uncontended_t1$' "${jmh[@]}" "${heap[@]}" \
  -p pool=netpool -rf json -rff "$out/noise-jmh.json" "${extra[@]}"

# (d) slow create / close and (e) virtual threads: plain harnesses, one JVM per pool
pools=(netpool hikari-bag hikari-ds cp2-gkop hc5-strict hc5-lax hc5-segmented stormpot)
for p in "${pools[@]}"; do
  phase "slow-$p" "$java" "${plain_jvm[@]}" "$plain_timeout" -cp "$jar" \
    io.netpool.bench.lifecycle.SlowLifecycleBench --pools "$p" "${slow_args[@]}" \
    --out "$out/slow-$p.json"
done
for p in "${pools[@]}"; do
  phase "vthreads-$p" "$java" "${plain_jvm[@]}" "$plain_timeout" -cp "$jar" \
    io.netpool.bench.vthreads.VirtualThreadBench --pools "$p" "${vthreads_args[@]}" \
    --out "$out/vthreads-$p.json"
done
# why Stormpot fails (b): claims per thread with and without think time
phase stormpot-probe "$java" "${plain_jvm[@]}" -Dbench.timeoutMs=1000 -cp "$jar" \
  io.netpool.bench.probe.StormpotStarvationProbe --pools stormpot,netpool "${probe_args[@]}" \
  --out "$out/stormpot-probe.json"

# Machine, JDK and load, for the doc
{
  echo "mode=$mode"
  echo "started_utc=$stamp"
  echo "finished_utc=$(date -u +%Y%m%dT%H%M%SZ)"
  echo "total_seconds=$((SECONDS - run_started))"
  echo "nproc=$(nproc)"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "mem=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel=$(uname -sr)"
  echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java=$("$java" -version 2>&1 | tr '\n' ' ')"
  echo "jar=$built (run from a private copy)"
  echo "git=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "git_dirty_files=$(git status --porcelain 2>/dev/null | wc -l)"
} >"$out/env.txt"

# Tables (stdout and docs/benchmarks.md) and plots (docs/bench/*.png). Plots need matplotlib:
# Debian's python3-matplotlib, installed here if missing.
py=python3
if ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing python3-matplotlib for the plots"
    (apt-get install -y -q python3-matplotlib >/dev/null 2>&1 ||
      (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q python3-matplotlib >/dev/null 2>&1)) ||
      echo "== python3-matplotlib could not be installed: tables only"
  fi
fi
if /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  py=/usr/bin/python3
fi
doc=(--doc docs/benchmarks.md --plots docs/bench)
failed_phases="$(awk -F'\t' '$3 != 0 {print $1}' "$phases" | tr '\n' ' ')"
if [[ "${BENCH_NO_DOC:-}" == 1 ]]; then
  doc=()
elif [[ -n "$failed_phases" ]]; then
  # JMH exits 0 when single benchmarks fail (their rows are missing from the tables); a phase that
  # exited non-zero means the run itself broke, and must not replace the published numbers
  echo "== phases that exited non-zero: $failed_phases; docs/benchmarks.md is left as it was"
  doc=()
fi
"$py" bench/table.py "$out" "${doc[@]}"

# Regression guard: summary.json of this run, compared with the committed baseline; informational
# (compare.py exits 1 when rows got worse, 2 on unusable input), so its exit code never stops the run
baseline=bench/summary-baseline.json
if python3 bench/summary.py "$out"; then
  if [[ -f "$baseline" ]]; then
    guard_rc=0
    python3 bench/compare.py "$out/summary.json" --baseline "$baseline" || guard_rc=$?
    case $guard_rc in
      0) echo "== regression guard: no row worse than $baseline beyond the noise" ;;
      1) echo "== regression guard: rows worse than $baseline beyond the noise (listed above)" ;;
      *) echo "== regression guard: compare.py could not compare (exit $guard_rc)" ;;
    esac
  else
    echo "== regression guard: no $baseline to compare with"
  fi
else
  echo "== regression guard: bench/summary.py failed, no summary"
fi
echo "== results in $out ($(((SECONDS - run_started) / 60)) min $(((SECONDS - run_started) % 60)) s)"

# ---- hook: end-to-end benchmarks (bench/e2e.sh and docs/benchmarks-e2e.md belong to their own
# ---- helper; this script only calls it when it exists)
if [[ -f bench/e2e.sh && "${BENCH_NO_E2E:-}" != 1 ]]; then
  e2e=(bash bench/e2e.sh)
  if [[ "$mode" == quick ]]; then
    e2e+=(--quick)
  fi
  echo "== end-to-end: ${e2e[*]}"
  "${e2e[@]}"
fi
