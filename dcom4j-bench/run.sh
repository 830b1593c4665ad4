#!/usr/bin/env bash
# Runs the JMH benchmarks and prints each result with its ratio to the baseline of the same run.
# Usage: dcom4j-bench/run.sh [JMH args…] [benchmark regex]
#   quick run:       dcom4j-bench/run.sh -f 1 -wi 2 -i 3 -w 1 -r 1
#   one class:       dcom4j-bench/run.sh -f 1 -wi 2 -i 3 -w 1 -r 1 EchoBenchmark
#   one thread model dcom4j-bench/run.sh EchoBenchmark.rpcTcp -p threadModel=PLATFORM
#   allocation:      dcom4j-bench/run.sh -prof gc 'EchoBenchmark\.(rpc|baseline)(Tcp|Unix)(PingPong)?$'
#   pinned to 1 CPU: taskset -c 1 dcom4j-bench/run.sh …
# DCOM4J_BENCH_JSON=FILE keeps JMH's JSON result in FILE (otherwise a temporary file).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
java_home=$("$root/dcom4j" --print-java-home)
export JAVA_HOME="$java_home"
# as ./dcom4j does: no Unsafe warning from Maven's guava, no stray ESC[0m from its jansi
export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow -Djansi.noreset=true"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl dcom4j-bench -am package) >&2
out=${DCOM4J_BENCH_JSON:-$(mktemp)}
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$here/target/benchmarks.jar" -rf json -rff "$out" "$@" >&2
"$JAVA_HOME/bin/java" "$here/src/main/scripts/Ratios.java" "$out"
