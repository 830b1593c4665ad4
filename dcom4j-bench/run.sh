#!/usr/bin/env bash
# Runs the JMH benchmarks and prints each result with its ratio to the baseline of the same run.
# Usage: dcom4j-bench/run.sh [JMH args…]   (e.g. -f 1 -wi 2 -i 3 for a quick run)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
java_home=$("$root/dcom4j" --print-java-home)
export JAVA_HOME="$java_home"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl dcom4j-bench -am package) >&2
out=$(mktemp)
"$JAVA_HOME/bin/java" -jar "$here/target/benchmarks.jar" -rf json -rff "$out" "$@" >&2
"$JAVA_HOME/bin/java" "$here/src/main/scripts/Ratios.java" "$out"
