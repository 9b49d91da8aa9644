# shellcheck shell=sh
# Finds a JDK 25 for the build (mvnw) and the launcher (./factory), so that no one has to export
# JAVA_HOME by hand. Sourced, not run: on success JAVA_HOME names a JDK 25; otherwise it prints
# one line saying what to do and exits 1.
#
# Looked at, in order: $JAVA_HOME, the `java` on PATH, then the usual install places
# (/usr/lib/jvm, /usr/java, /opt, SDKMAN, asdf, macOS). The first JDK whose `release` file says
# JAVA_VERSION="25..." and that has bin/javac wins.

loom_jdk_version() {
  # prints the feature version of the JDK at $1 (e.g. 25), or nothing
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release" | head -n 1
}

loom_is_jdk25() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(loom_jdk_version "$1")" = 25 ]
}

loom_find_jdk25() {
  if loom_is_jdk25 "${JAVA_HOME-}"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')
    if loom_is_jdk25 "$candidate"; then
      printf '%s\n' "$candidate"
      return 0
    fi
  fi
  case $- in *f*) set +f; loom_noglob=1 ;; *) loom_noglob= ;; esac
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/* \
      "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.asdf/installs/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if loom_is_jdk25 "$candidate"; then
      [ -z "$loom_noglob" ] || set -f
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  [ -z "$loom_noglob" ] || set -f
  return 1
}

if LOOM_JDK=$(loom_find_jdk25); then
  JAVA_HOME=$LOOM_JDK
  export JAVA_HOME
else
  echo "Loom Factory needs JDK 25 and found none (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt, SDKMAN): install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
  exit 1
fi
