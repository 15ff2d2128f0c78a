#!/bin/sh
# Starts the service. `server` runs with a class-data archive (AppCDS): the first start that ends
# cleanly writes it, and every later start, after a crash too, loads its classes from it, which
# cuts the start-up that dominates a restart. VERIDICT_CLASS_ARCHIVE names the file ("off": none).
set -eu
jar=/opt/veridict/veridict-api.jar
archive="${VERIDICT_CLASS_ARCHIVE:-/var/lib/veridict/veridict-classes.jsa}"
cds=""
if [ "${1:-}" = server ] && [ "$archive" != off ]; then
  if [ -s "$archive" ] && [ "$archive" -nt "$jar" ]; then
    cds="-XX:SharedArchiveFile=$archive -Xshare:auto"
  else
    rm -f "$archive"
    cds="-XX:ArchiveClassesAtExit=$archive"
  fi
  cds="$cds -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
# shellcheck disable=SC2086
exec java $cds ${VERIDICT_JAVA_OPTS:-} -jar "$jar" "$@"
