#!/bin/bash
# The container's health check: is this node ready (joined the cluster, its database answering)?
# Asks the node's management port over bash's /dev/tcp, so that the image needs no HTTP client.
#   ling-health.sh [ready|live]
port=${LING_MANAGEMENT_PORT:-8081}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health/%s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${1:-ready}" >&3
IFS= read -r -t 5 status <&3 || exit 1
case $status in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
