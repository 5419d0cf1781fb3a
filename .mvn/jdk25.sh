# Sourced by ./mvnw (POSIX sh) and ./procward: finds a JDK 25 or newer and prints its home.
# Looks at JAVA_HOME, java on PATH, then the usual install locations.

procward_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}

procward_is_jdk25() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _pw_v=$(procward_java_major "$1/bin/java")
  [ -n "$_pw_v" ] && [ "$_pw_v" -ge 25 ] 2>/dev/null
}

procward_find_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && procward_is_jdk25 "$JAVA_HOME"; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    _pw_d=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if procward_is_jdk25 "$_pw_d"; then printf '%s\n' "$_pw_d"; return 0; fi
  fi
  for _pw_d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
               "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    if [ -d "$_pw_d" ] && procward_is_jdk25 "$_pw_d"; then printf '%s\n' "$_pw_d"; return 0; fi
  done
  return 1
}

procward_require_jdk25() {
  procward_find_jdk25 && return 0
  echo "procward: no JDK 25 found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman, ~/.jdks). Install a JDK 25 or set JAVA_HOME to one." >&2
  return 1
}
