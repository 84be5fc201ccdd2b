#!/usr/bin/env bash
# JMH: parse + validate of a ~1 KB canonical event vs. Jackson reading the same bytes.
# Usage: scripts/bench-events.sh [extra JMH args, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
./mvnw -B -q -pl events-schema -am test-compile -Denforcer.skip
cp_file=$(mktemp)
./mvnw -B -q -pl events-schema dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec "$JAVA_HOME/bin/java" -cp "events-schema/target/test-classes:events-schema/target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main 'dev.vastmesh.events.bench.*' "$@"
