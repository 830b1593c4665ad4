#!/usr/bin/env bash
# CallBenchmark (issue 6: DCOM null call, Java RMI, gRPC-java, raw ping-pong) run twice in one
# invocation — pinned (taskset -c 1: client and server threads on one vCPU) and unpinned — then ONE
# table: per run and benchmark the median µs/op, its ratio to the raw ping-pong of its transport
# (med.ratio) and to rmiNull and grpcUnary of the same run (vs.rmiNull, vs.grpcUnary).
# Usage: dcom4j-bench/calls.sh [JMH options…]
#   default options:  -f 1 -wi 6 -i 5 -w 1 -r 1        (≈ 5–6 min for both runs on 2 vCPUs)
#   allocation:       dcom4j-bench/calls.sh -f 1 -wi 6 -i 5 -w 1 -r 1 -prof gc
#   fewer benchmarks: DCOM4J_CALLS='CallBenchmark\.(baseline|dcom)' dcom4j-bench/calls.sh
# Options given replace the defaults. Six warm-up seconds: pinned, the JIT compiler threads share the one
# vCPU with the calls, and with two the Invoke benchmarks were still being compiled while measured.
# DCOM4J_BENCH_DIR=DIR keeps JMH's JSON of both runs in DIR. DCOM4J_NICE=N runs the JMH JVMs under
# nice -n N (as root, a negative N keeps other work on a shared machine from preempting the calls).
# The load average before and after each run is printed: the machine may be shared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
java_home=$("$root/dcom4j" --print-java-home)
export JAVA_HOME="$java_home"
# as ./dcom4j does: no Unsafe warning from Maven's guava, no stray ESC[0m from its jansi
export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow -Djansi.noreset=true"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl dcom4j-bench -am package) >&2
options=("$@")
if [ ${#options[@]} -eq 0 ]; then
    options=(-f 1 -wi 6 -i 5 -w 1 -r 1)
fi
regex=${DCOM4J_CALLS:-CallBenchmark}
dir=${DCOM4J_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$dir"
jmh=("$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$here/target/benchmarks.jar" -rf json)
if [ -n "${DCOM4J_NICE:-}" ]; then
    jmh=(nice -n "$DCOM4J_NICE" "${jmh[@]}")
fi
load() {
    echo "$1: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
notes=()
notes+=("$(load 'pinned start  ')")
taskset -c 1 "${jmh[@]}" -rff "$dir/pinned.json" "${options[@]}" "$regex" >&2
notes+=("$(load 'pinned end    ')")
"${jmh[@]}" -rff "$dir/unpinned.json" "${options[@]}" "$regex" >&2
notes+=("$(load 'unpinned end  ')")
printf '%s\n' "${notes[@]}"
echo "JMH options: ${options[*]} $regex${DCOM4J_NICE:+ (nice -n $DCOM4J_NICE)}"
"$JAVA_HOME/bin/java" "$here/src/main/scripts/Ratios.java" --ref rmiNull --ref grpcUnary \
    pinned="$dir/pinned.json" unpinned="$dir/unpinned.json"
