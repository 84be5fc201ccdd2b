#!/bin/bash
# The images' HEALTHCHECK: a 200 from an actuator probe on the loopback, with nothing but bash
# (neither curl nor wget is in every base image).   healthcheck.sh PORT [PATH]
port=${1:?port} path=${2:-/actuator/health/readiness}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ "$status" == *" 200 "* ]]
