# Finds a JDK >= 21: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm. Prints its home.
# Sourced by bin/agentplane and bin/test.

jdk_major() {
  local home=$1 version
  [ -x "$home/bin/java" ] || return 1
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${version:-}" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  [ -n "$version" ] && echo "$version"
}

find_jdk() {
  local home major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && major=$(jdk_major "$JAVA_HOME") && [ "$major" -ge 21 ]; then
    echo "$JAVA_HOME"
    return 0
  fi
  for home in /usr/lib/jvm/*; do
    [ -d "$home" ] || continue
    if major=$(jdk_major "$home") && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$home
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "AgentPlane needs a JDK 21 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm" \
         "(e.g. apt-get install openjdk-21-jdk)." >&2
    [ -n "${JAVA_HOME:-}" ] && echo "JAVA_HOME=$JAVA_HOME is older than 21 or not a JDK." >&2
    return 1
  fi
  echo "$best"
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "AgentPlane builds with Apache Maven 3.8+: install it (e.g. apt-get install maven) and retry." >&2
    return 1
  fi
}
