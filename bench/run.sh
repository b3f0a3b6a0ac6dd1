#!/usr/bin/env bash
# Pool benchmarks (netpool-bench, JMH): netpool side by side with HikariCP's ConcurrentBag,
# Commons Pool 2, HttpCore 5 (Strict, Lax) and Stormpot. See docs/benchmarks.md.
#
#   bench/run.sh --quick   smoke run, 1 fork, short iterations (under 5 minutes on 2 cores)
#   bench/run.sh           full run: 3 forks, 5x1s warmup, 10x1s measurement, -prof gc,
#                          plus scenario (b) at 8 threads / 2 objects
#   extra arguments after the mode go to JMH (for example: bench/run.sh --quick -p pool=netpool)
#
# Writes bench/results/<timestamp>.json (JMH JSON; full mode also <timestamp>-t8.json) and prints
# the tables (bench/table.py).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
if [[ "${1:-}" == "--quick" ]]; then
  mode=quick
  shift
fi

if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(bin/find-jdk 2>/dev/null || true)"
fi
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"

echo "== building netpool-bench/target/benchmarks.jar (JAVA_HOME=$JAVA_HOME)"
./mvnw -B -ntp -q package -pl netpool-bench -am -DskipTests
jar=netpool-bench/target/benchmarks.jar

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/results
out="bench/results/$stamp.json"

heap=(-jvmArgsAppend -Xms1g -jvmArgsAppend -Xmx1g)
if [[ "$mode" == quick ]]; then
  # a stalled pool fails its benchmark after 2 s instead of 30 s
  jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s -jvmArgsAppend -Dbench.timeoutMs=2000)
else
  jmh=(-f 3 -wi 5 -w 1s -i 10 -r 1s -prof gc -jvmArgsAppend -Dbench.timeoutMs=10000)
fi

cmd=("$java" -jar "$jar" 'io.netpool.bench.PoolBench' "${jmh[@]}" "${heap[@]}" -rf json -rff "$out" "$@")
echo "== ${cmd[*]}"
"${cmd[@]}"
files=("$out")

if [[ "$mode" == full ]]; then
  out8="bench/results/$stamp-t8.json"
  cmd8=("$java" -jar "$jar" 'io.netpool.bench.PoolBench.exhausted_t4' -t 8 "${jmh[@]}" "${heap[@]}" -rf json -rff "$out8" "$@")
  echo "== ${cmd8[*]}"
  "${cmd8[@]}"
  files+=("$out8")
fi

echo
echo "== results: ${files[*]}"
python3 bench/table.py "${files[@]}"
