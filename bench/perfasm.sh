#!/usr/bin/env bash
# JMH with -prof perfasm: where the compiled code of a benchmark spends its cycles, instruction by
# instruction (docs/benchmarks.md, "Where the cycles go"). Needs Linux perf and a HotSpot
# disassembler (hsdis); both come from Debian (linux-perf, libhsdis0-fcml) and are installed here
# when missing and we are root.
#
#   bench/perfasm.sh 'PoolBench.uncontended_t1$' -p pool=netpool
#   bench/perfasm.sh 'PoolBench.keyed_t1$' -p pool=netpool -p keys=1000
#
# Arguments go to JMH after the defaults below (1 fork, 3 x 1 s warm-up, 3 x 2 s measurement;
# JMH rejects a repeated option, so change those here, not on the command line).
# The event is cpu-clock (a software timer): virtual machines often have no hardware counters.
# Prints JMH's output; the annotated hottest region is best read in full (pipe to a file).
#
# Debian's libhsdis0-fcml exports only the old entry point (decode_instructions); JDK 9 and later
# call decode_instructions_virtual. A ten-line shim, compiled into a temporary directory, forwards
# the one to the other: the JVM passes the live code's address as both buffer and address.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME="$(bin/find-jdk)"
jar="${BENCH_JAR:-netpool-bench/target/benchmarks.jar}"
if [[ ! -f "$jar" ]]; then
  echo "== building $jar" >&2
  ./mvnw -B -ntp -q package -pl netpool-bench -am -DskipTests
fi

need=()
command -v perf >/dev/null || need+=(linux-perf)
lib=/usr/lib/x86_64-linux-gnu/libhsdis.so.0
[[ -f "$lib" ]] || need+=(libhsdis0-fcml)
command -v gcc >/dev/null || need+=(gcc)
if ((${#need[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "perfasm needs: ${need[*]} (apt-get install as root)" >&2
    exit 2
  fi
  apt-get install -y -qq "${need[@]}" >&2
fi

shim="$(mktemp -d)"
trap 'rm -rf "$shim"' EXIT
cat >"$shim/shim.c" <<EOF
#include <dlfcn.h>
#include <stdint.h>
typedef void *(*event_cb)(void *, const char *, void *);
typedef int (*printf_cb)(void *, const char *, ...);
typedef void *(*decode_fn)(void *, void *, event_cb, void *, printf_cb, void *, const char *);
void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer,
    uintptr_t length, event_cb ev, void *evs, printf_cb pr, void *prs, const char *options,
    int newline) {
  static decode_fn decode;
  if (!decode) {
    void *h = dlopen("$lib", RTLD_NOW);
    if (!h || !(decode = (decode_fn) dlsym(h, "decode_instructions"))) return 0;
  }
  return decode(buffer, buffer + length, ev, evs, pr, prs, options);
}
EOF
gcc -shared -fPIC -O2 -o "$shim/hsdis-amd64.so" "$shim/shim.c" -ldl

LD_LIBRARY_PATH="$shim${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$JAVA_HOME/bin/java" -jar "$jar" \
  -f 1 -wi 3 -w 1 -i 3 -r 2 \
  -prof "perfasm:events=cpu-clock;top=3;mergeMargin=1000;tooBigThreshold=4000;frequency=4000" \
  "$@"
