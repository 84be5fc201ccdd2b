# What the deploy tests share; sourced with TEST set to the test's name (the prefix of every line).
log() { echo "$TEST: $*"; }
die() { echo "$TEST: FAILED: $*" >&2; exit 1; }

# until_ok DESCRIPTION SECONDS COMMAND...: runs COMMAND once a second until it succeeds; fails the
# test after SECONDS, and logs how long it took.
until_ok() {
  local what=$1 limit=$2 t0
  shift 2
  t0=$(date +%s)
  until "$@" >/dev/null 2>&1; do
    [ $(( $(date +%s) - t0 )) -lt "$limit" ] || die "$what: not within ${limit}s"
    sleep 1
  done
  log "$what ($(( $(date +%s) - t0 ))s)"
}
