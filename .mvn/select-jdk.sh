# shellcheck shell=sh
# Sourced by ./mvnw and .ci/run: makes JAVA_HOME point at a JDK >= 21.
#
# Why: vastmesh targets Java 21, but many machines (this project's CI included) have an older
# default `java`. Building with it fails late and confusingly, so we look for a suitable JDK
# first and stop with a clear message when there is none. We never fall back to an older JDK.

vastmesh_min_jdk=21

vastmesh_jdk_major() {
  # Prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing when it is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9][0-9]*\).*$/\2/p' | head -n 1
}

vastmesh_select_jdk() {
  vastmesh_requested="${JAVA_HOME-}"
  if [ -n "$vastmesh_requested" ]; then
    vastmesh_major="$(vastmesh_jdk_major "$vastmesh_requested")"
    if [ -n "$vastmesh_major" ] && [ "$vastmesh_major" -ge "$vastmesh_min_jdk" ]; then
      return 0
    fi
  fi

  vastmesh_candidates=""
  vastmesh_javac="$(command -v javac 2>/dev/null || true)"
  if [ -n "$vastmesh_javac" ]; then
    vastmesh_candidates="$(dirname "$(dirname "$(readlink -f "$vastmesh_javac")")")"
  fi
  vastmesh_restore_glob=0
  case "$-" in *f*) set +f; vastmesh_restore_glob=1 ;; esac
  for vastmesh_dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$vastmesh_dir" ] && vastmesh_candidates="$vastmesh_candidates
$vastmesh_dir"
  done
  [ "$vastmesh_restore_glob" = 1 ] && set -f

  vastmesh_best=""
  vastmesh_best_major=0
  vastmesh_old_IFS="$IFS"
  IFS='
'
  for vastmesh_dir in $vastmesh_candidates; do
    vastmesh_major="$(vastmesh_jdk_major "$vastmesh_dir")"
    if [ -n "$vastmesh_major" ] && [ "$vastmesh_major" -ge "$vastmesh_min_jdk" ] \
        && [ "$vastmesh_major" -gt "$vastmesh_best_major" ]; then
      vastmesh_best="$vastmesh_dir"
      vastmesh_best_major="$vastmesh_major"
    fi
  done
  IFS="$vastmesh_old_IFS"

  if [ -z "$vastmesh_best" ]; then
    echo "vastmesh: no JDK ${vastmesh_min_jdk} or newer found (JAVA_HOME='${vastmesh_requested}', java on PATH: $(command -v java 2>/dev/null || echo none))." >&2
    echo "vastmesh: install one (e.g. 'apt-get install openjdk-21-jdk-headless', or Temurin 21 from adoptium.net) and set JAVA_HOME to it." >&2
    return 1
  fi
  if [ -n "$vastmesh_requested" ]; then
    echo "vastmesh: JAVA_HOME=$vastmesh_requested is older than ${vastmesh_min_jdk}; using $vastmesh_best (JDK $vastmesh_best_major)." >&2
  fi
  JAVA_HOME="$vastmesh_best"
  export JAVA_HOME
}
