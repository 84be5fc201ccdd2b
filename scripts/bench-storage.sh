#!/usr/bin/env bash
# Storage benchmark: `vastai storage sync` against `rclone sync` in the same run, to the same
# s3proxy (filesystem store) on loopback: 1 GiB in 64 files of 16 MiB, then one 1 GiB file.
# Each tool uploads into its own empty bucket; the wall time of each sync is measured and the
# ratio printed (rclone time / our time: above 1 means we are faster). Both run with their
# defaults. Needs rclone (apt-get install rclone) and ~4 GiB free in $TMPDIR.
# Usage: scripts/bench-storage.sh   (FILES, FILE_MIB, BIG_MIB change the data: 64, 16, 1024 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
command -v rclone >/dev/null || { echo "needs rclone: apt-get install rclone" >&2; exit 2; }
./mvnw -B -q -pl storage,vastai-client -am package -DskipTests -Denforcer.skip
./mvnw -B -q -pl storage dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/storage/target/bench-classpath.txt"
. scripts/bench/common.sh

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
access=bench-access-key
secret=bench-secret-key-0123456789
mkdir -p "$bench_work/store" "$bench_work/many" "$bench_work/one"
cat > "$bench_work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$bench_work/store
jclouds.identity=unused
jclouds.credential=unused
CONF
cat > "$bench_work/logback.xml" <<'XML'
<configuration><root level="WARN"/></configuration>
XML
"$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile="$bench_work/logback.xml" \
  -cp "$(cat storage/target/bench-classpath.txt)" org.gaul.s3proxy.Main --properties "$bench_work/s3proxy.conf" \
  >"$bench_work/s3proxy.log" 2>&1 &
bench_started $!
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "s3proxy did not start:" >&2; cat "$bench_work/s3proxy.log" >&2; exit 1; }

files=${FILES:-64} file_mib=${FILE_MIB:-16} big_mib=${BIG_MIB:-1024}
echo "== writing test data (random bytes): $files x $file_mib MiB, 1 x $big_mib MiB"
for i in $(seq -w 1 "$files"); do head -c $((file_mib * 1024 * 1024)) /dev/urandom > "$bench_work/many/shard-$i.bin"; done
head -c $((big_mib * 1024 * 1024)) /dev/urandom > "$bench_work/one/big.bin"

export MINIO_ACCESS_KEY=$access MINIO_SECRET_KEY=$secret STORAGE_PRIVATE_ENDPOINT="http://127.0.0.1:$port"
touch "$bench_work/rclone.conf"
export RCLONE_CONFIG="$bench_work/rclone.conf" RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="http://127.0.0.1:$port" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$access RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$secret RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true

seconds() { # command...: wall seconds of the command
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>"$bench_work/last.err" || { cat "$bench_work/last.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

row() { # label bucket-suffix source MiB
  local label=$1 bucket=$2 src=$3 mib=$4 ours theirs
  mkdir -p "$bench_work/store/vastmesh-$bucket" "$bench_work/store/rclone-$bucket"
  ours=$(seconds "$JAVA_HOME/bin/java" -jar vastai-client/target/vastai.jar storage sync "$src" "s3://vastmesh-$bucket/" --no-progress)
  # rclone's SDK fails on an AWS_CA_BUNDLE set for other tools; the endpoint is plain HTTP anyway.
  theirs=$(seconds env -u AWS_CA_BUNDLE rclone sync "$src" "bench:rclone-$bucket/")
  printf '%-22s vastai storage sync %6.2f s (%6.1f MiB/s)   rclone sync %6.2f s (%6.1f MiB/s)   ratio rclone/ours %.2f\n' \
    "$label" "$ours" "$(echo "$mib / $ours" | bc -l)" "$theirs" "$(echo "$mib / $theirs" | bc -l)" "$(echo "$theirs / $ours" | bc -l)"
  rm -rf "$bench_work/store/vastmesh-$bucket" "$bench_work/store/rclone-$bucket"
}

echo "== sync to s3proxy on 127.0.0.1:$port ($(nproc) cores; $(rclone version | head -1); java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
row "$files files x ${file_mib} MiB" many "$bench_work/many" $((files * file_mib))
row "1 file x ${big_mib} MiB" one "$bench_work/one" "$big_mib"
