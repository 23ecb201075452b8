# Sourced by mvnw, bin/focal and the releng scripts: make JAVA_HOME point at a JDK 21 or newer.
# Order: JAVA_HOME if it is 21+, else the newest JDK under /usr/lib/jvm that is 21+.
# Tycho 5 needs Maven on JDK 21+, and Focal's bundles target Java 21.
focal_java_major() {
  # prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing
  local release="$1/release"
  [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1
}
focal_select_jdk() {
  major="" best="" best_major=0 dir=""
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(focal_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
  fi
  for dir in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null | sort); do
    [ -x "$dir/bin/java" ] || continue
    major=$(focal_java_major "$dir")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "focal: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm); install one, e.g. Temurin 21+, and set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
