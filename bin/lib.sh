#!/usr/bin/env bash
# Shared helpers for bin/start, bin/test and .ci/run. Source it, do not run it.
#
#   pick_java                      export JAVA_HOME (JDK >= 21) and PATH
#   pg_bindir                      print the PostgreSQL server bin directory
#   free_port                      print a free TCP port on 127.0.0.1
#   port_in_use PORT               true if something accepts connections on 127.0.0.1:PORT
#   pg_run_as CMD...               run CMD as the postgres OS user when root, else as ourselves
#   pg_init DIR [throwaway]        initdb DIR unless it already holds a cluster
#   pg_start DIR PORT LOG [throwaway]
#                                  start on 127.0.0.1:PORT, wait, create database lienthong
#   pg_running DIR                 true if the cluster in DIR is running
#   pg_port DIR                    print the port of the running cluster in DIR
#   pg_stop DIR                    stop the cluster in DIR (no-op if not running)
#   ensure_chromium                chromium + chromedriver for the browser test (installs them with apt when root)
#   ensure_node                    Node.js + npm for openapi/lint and clients/typescript (installs them with apt when root)
#   image_base_tar DIR             print the path of a small base image tarball made from $JAVA_HOME (cached in DIR)
#   image_maven_args REGISTRY BASE print the Maven arguments that build and push the hub's image to REGISTRY
#   ensure_docker_registry         the distribution registry binary (installs Debian's docker-registry with apt when root)
#   registry_start DIR PORT        a private, throwaway registry on 127.0.0.1:PORT, data and log in DIR
#   registry_stop DIR              stop the registry started in DIR (no-op if not running)
#
# Functions report problems on stderr and return non-zero; they never exit the caller.
set -euo pipefail

LIENTHONG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LIENTHONG_ROOT

LIENTHONG_JDK_MIN=21
LIENTHONG_DB=lienthong
LIENTHONG_DB_USER=lienthong

info() { printf '%s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
err() { printf 'error: %s\n' "$*" >&2; }
die() {
  err "$*"
  exit 1
}

is_root() { [[ ${EUID:-$(id -u)} -eq 0 ]]; }

# ---------------------------------------------------------------- Java

# java_major JAVA_HOME -> prints the feature version (8, 17, 21, 25 ...) or nothing
java_major() {
  local home=$1 version=""
  [[ -x $home/bin/java ]] || return 1
  if [[ -r $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  [[ -n $version ]] || return 1
  version=${version#1.} # 1.8.0 -> 8.0
  version=${version%%[.+-]*}
  [[ $version =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$version"
}

# is_jdk DIR: a full JDK (javac present), not just a runtime
is_jdk() { [[ -x $1/bin/java && -x $1/bin/javac ]]; }

pick_java() {
  local major
  if [[ -n ${JAVA_HOME:-} ]]; then
    if is_jdk "$JAVA_HOME" && major=$(java_major "$JAVA_HOME") && ((major >= LIENTHONG_JDK_MIN)); then
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    info "Ignoring JAVA_HOME=$JAVA_HOME (not a JDK $LIENTHONG_JDK_MIN or newer); looking for one."
  fi

  local candidates=() dir best="" best_major=0 best_temurin=0 temurin
  for dir in /usr/lib/jvm/*/; do
    [[ -d $dir ]] && candidates+=("$(readlink -f "$dir")")
  done
  local javac_path
  if javac_path=$(command -v javac 2>/dev/null); then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$javac_path")")")")
  fi
  for dir in "${candidates[@]}"; do
    is_jdk "$dir" || continue
    major=$(java_major "$dir") || continue
    ((major >= LIENTHONG_JDK_MIN)) || continue
    temurin=0
    [[ ${dir##*/} == temurin-* ]] && temurin=1
    if ((major > best_major || (major == best_major && temurin > best_temurin))); then
      best=$dir best_major=$major best_temurin=$temurin
    fi
  done
  if [[ -z $best ]]; then
    err "Lienthong needs a JDK $LIENTHONG_JDK_MIN or newer, and none was found (checked JAVA_HOME, /usr/lib/jvm and javac on PATH)."
    err "Install one, e.g. Eclipse Temurin 21 or 25 (https://adoptium.net/installation/linux/: apt-get install temurin-21-jdk),"
    err "or set JAVA_HOME to an existing JDK $LIENTHONG_JDK_MIN+ installation."
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}

# ---------------------------------------------------------------- ports

# port_in_use PORT: something accepts TCP connections on 127.0.0.1:PORT
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: a port nobody listens on, outside the Linux ephemeral range (32768-60999)
free_port() {
  local i port
  for ((i = 0; i < 200; i++)); do
    port=$((15000 + (RANDOM * 32768 + RANDOM) % 17000))
    if ! port_in_use "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  err "could not find a free TCP port on 127.0.0.1"
  return 1
}

# ---------------------------------------------------------------- PostgreSQL

_pg_has_server() { [[ -n $1 && -x $1/initdb && -x $1/pg_ctl && -x $1/postgres ]]; }

_pg_find_bindir() {
  local dir
  if [[ -n ${PG_BINDIR:-} ]] && _pg_has_server "$PG_BINDIR"; then
    printf '%s\n' "$PG_BINDIR"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if _pg_has_server "$dir"; then
      printf '%s\n' "$dir"
      return 0
    fi
  fi
  # newest major version first
  while IFS= read -r dir; do
    if _pg_has_server "$dir"; then
      printf '%s\n' "$dir"
      return 0
    fi
  done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -t/ -k4,4 -V -r)
  return 1
}

# pg_bindir: print the directory holding initdb/pg_ctl/postgres (installs PostgreSQL with apt when root)
pg_bindir() {
  local dir
  if dir=$(_pg_find_bindir); then
    printf '%s\n' "$dir"
    return 0
  fi
  if is_root && command -v apt-get >/dev/null 2>&1; then
    info "PostgreSQL server binaries not found; installing them with apt-get (postgresql)..."
    if { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >&2; then
      if dir=$(_pg_find_bindir); then
        printf '%s\n' "$dir"
        return 0
      fi
    fi
  fi
  err "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found."
  err "Install PostgreSQL 15 or newer (Debian/Ubuntu: sudo apt-get install postgresql), or set PG_BINDIR to its bin directory."
  return 1
}

# _pg_resolve: set _LT_PG_BIN once per shell (not in a subshell, so the result is kept)
_LT_PG_BIN=""
_pg_resolve() {
  if [[ -z $_LT_PG_BIN ]]; then
    _LT_PG_BIN=$(pg_bindir) || return 1
  fi
}

_pg_ensure_os_user() {
  is_root || return 0
  getent passwd postgres >/dev/null 2>&1 && return 0
  info "Creating system user 'postgres' to run PostgreSQL (initdb refuses to run as root)."
  useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
    --shell /usr/sbin/nologin postgres || {
    err "could not create the 'postgres' system user"
    return 1
  }
}

# pg_run_as CMD...: run CMD as postgres when root (from /, so a private cwd does not matter)
pg_run_as() {
  if is_root; then
    _pg_ensure_os_user || return 1
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

_abs_path() {
  local dir=$1
  [[ $dir == /* ]] || dir="$PWD/$dir"
  printf '%s\n' "$dir"
}

# When root: every ancestor of PATH must be traversable by postgres.
_pg_make_traversable() {
  local path=$1 dir
  is_root || return 0
  dir=$(dirname "$path")
  local chain=()
  while [[ $dir != / && -n $dir ]]; do
    chain=("$dir" "${chain[@]}")
    dir=$(dirname "$dir")
  done
  for dir in "${chain[@]}"; do
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      chmod a+x "$dir" || {
        err "cannot make $dir traversable for the postgres user"
        return 1
      }
    fi
  done
}

# pg_init DIR [throwaway]: initialise a cluster in DIR unless it holds one already
pg_init() {
  local dir bin mode=${2:-}
  dir=$(_abs_path "$1")
  _pg_resolve || return 1
  bin=$_LT_PG_BIN
  _pg_ensure_os_user || return 1
  if [[ -f $dir/PG_VERSION ]]; then
    local have want
    have=$(<"$dir/PG_VERSION")
    want=$("$bin/postgres" --version | sed -n 's/.* \([0-9][0-9]*\)[.0-9]*.*/\1/p' | head -n1)
    if [[ -n $want && $have != "$want" ]]; then
      err "$dir holds a PostgreSQL $have cluster but the binaries in $bin are PostgreSQL $want."
      err "Use PG_BINDIR=/usr/lib/postgresql/$have/bin, or move $dir away (its data would be lost)."
      return 1
    fi
    if is_root; then
      _pg_make_traversable "$dir" || return 1
      [[ $(stat -c %U "$dir") == postgres ]] || chown -R postgres:postgres "$dir" || return 1
    fi
    return 0
  fi
  mkdir -p "$dir" || return 1
  if is_root; then
    _pg_make_traversable "$dir" || return 1
    chown postgres:postgres "$dir" || return 1
  fi
  chmod 700 "$dir" || return 1
  local args=(-D "$dir" --encoding=UTF8 --locale=C --auth=trust --username="$LIENTHONG_DB_USER")
  [[ $mode == throwaway ]] && args+=(--no-sync)
  local out
  if ! out=$(pg_run_as "$bin/initdb" "${args[@]}" 2>&1); then
    printf '%s\n' "$out" >&2
    err "initdb failed for $dir"
    return 1
  fi
}

# pg_running DIR
pg_running() {
  local dir bin
  dir=$(_abs_path "$1")
  [[ -f $dir/postmaster.pid ]] || return 1
  _pg_resolve || return 1
  bin=$_LT_PG_BIN
  pg_run_as "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

# pg_port DIR: port of the running cluster (line 4 of postmaster.pid)
pg_port() {
  local dir
  dir=$(_abs_path "$1")
  sed -n 4p "$dir/postmaster.pid" 2>/dev/null
}

# pg_start DIR PORT LOGFILE [throwaway]
pg_start() {
  local dir port=$2 log bin mode=${4:-}
  dir=$(_abs_path "$1")
  log=$(_abs_path "$3")
  _pg_resolve || return 1
  bin=$_LT_PG_BIN
  # Unix socket inside the data dir unless the path gets too long for sun_path (107 bytes)
  local sockdir=$dir
  ((${#dir} + 20 > 100)) && sockdir=/tmp
  local opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$sockdir' -c max_connections=200"
  if [[ $mode == throwaway ]]; then
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  mkdir -p "$(dirname "$log")" && touch "$log" || return 1
  if is_root; then
    _pg_make_traversable "$log" || return 1
    chown postgres "$log" || return 1
  fi
  if ! pg_run_as "$bin/pg_ctl" -D "$dir" -l "$log" -o "$opts" -w -t 90 start >/dev/null 2>&1; then
    err "PostgreSQL did not start on 127.0.0.1:$port (data: $dir). Last lines of $log:"
    tail -n 20 "$log" >&2 || true
    return 1
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres && break
    sleep 0.5
  done
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; then
    err "PostgreSQL on 127.0.0.1:$port is not accepting connections. Last lines of $log:"
    tail -n 20 "$log" >&2 || true
    return 1
  fi
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$LIENTHONG_DB_USER" -d postgres)
  local exists
  exists=$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$LIENTHONG_DB'") || {
    err "cannot connect to PostgreSQL on 127.0.0.1:$port as $LIENTHONG_DB_USER"
    return 1
  }
  if [[ $exists != 1 ]]; then
    "${psql[@]}" -c "CREATE DATABASE $LIENTHONG_DB" || {
      err "could not create database $LIENTHONG_DB"
      return 1
    }
  fi
}

# pg_stop DIR: fast shutdown; silently nothing if not running
pg_stop() {
  local dir bin
  dir=$(_abs_path "$1")
  [[ -f $dir/postmaster.pid ]] || return 0
  _pg_resolve || return 0
  bin=$_LT_PG_BIN
  pg_run_as "$bin/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null 2>&1 ||
    pg_run_as "$bin/pg_ctl" -D "$dir" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------- browser

# ensure_chromium: the auditor console's browser test (hub-core AuditConsoleBrowserTest) drives Debian's
# chromium through Debian's chromedriver ($CHROMIUM_BIN and $CHROMEDRIVER_BIN when set). When root and apt-get is
# there, installs the missing packages; otherwise says how. Never fetches a browser from anywhere else.
ensure_chromium() {
  local chromium=${CHROMIUM_BIN:-/usr/bin/chromium} driver=${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}
  if [[ -x $chromium && -x $driver ]]; then
    return 0
  fi
  if is_root && command -v apt-get >/dev/null 2>&1; then
    info "chromium or chromedriver not found; installing Debian's chromium and chromium-driver with apt-get (for the browser test)..."
    if { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; } >&2 &&
      [[ -x $chromium && -x $driver ]]; then
      return 0
    fi
  fi
  err "the browser test needs chromium ($chromium) and chromedriver ($driver)."
  err "Install them (Debian/Ubuntu: sudo apt-get install chromium chromium-driver), or set CHROMIUM_BIN and CHROMEDRIVER_BIN."
  return 1
}

# ---------------------------------------------------------------- Node.js

# The oldest Node.js the build's JavaScript tools accept: Redocly CLI (openapi/lint) declares
# ">=22.12.0 || >=20.19.0 <21.0.0"; openapi-typescript and the TypeScript client's tests need 18.17+.
LIENTHONG_NODE_MIN=20.19

# _node_version_ok VERSION: VERSION (20.19.2, v22.12.0 ...) is in Redocly's range
_node_version_ok() {
  local v=${1#v} major minor
  major=${v%%.*}
  minor=${v#*.}
  minor=${minor%%.*}
  [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] || return 1
  ((major == 20 && minor >= 19)) || ((major == 22 && minor >= 12)) || ((major > 22))
}

# ensure_node: the build runs JavaScript tools: openapi/lint (Spectral, Redocly) and clients/typescript
# (openapi-typescript, tsc; sync-it's TypeScriptClientIT runs its tests with node). When node or npm is missing, root
# and apt-get is there, installs Debian's nodejs and npm; otherwise says how. A Node.js older than
# $LIENTHONG_NODE_MIN (Debian 12 has 18) is reported as a warning: openapi/lint may then fail.
ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
      info "node or npm not found; installing Debian's nodejs and npm with apt-get (for openapi/lint and the TypeScript client)..."
      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; } >&2 || true
    fi
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      err "the build needs Node.js $LIENTHONG_NODE_MIN+ and npm (openapi/lint, clients/typescript)."
      err "Install them (Debian/Ubuntu: sudo apt-get install nodejs npm; Debian 13 has a new enough one), or put node and npm on PATH."
      return 1
    fi
  fi
  local version
  version=$(node --version 2>/dev/null || true)
  if ! _node_version_ok "$version"; then
    warn "Node.js ${version:-of unknown version} ($(command -v node)) is older than $LIENTHONG_NODE_MIN, which Redocly"
    warn "(openapi/lint) requires; the build may fail there. Debian 13 has a new enough nodejs; on Debian 12 install"
    warn "Node.js 20.19+ or 22.12+ from your usual source, or put one first on PATH."
  fi
}

# ---------------------------------------------------------------- container image

# The JDK modules of the test base image: what `jdeps --list-deps` finds in the hub's jars (quarkus-app/lib, app), what
# the modular ones require (jakarta.transaction: java.rmi), and the providers a server uses without naming them (DNS
# naming, zip file system, EC crypto, extended socket options). Without one, the hub fails to start in ImageIT.
LIENTHONG_IMAGE_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming
LIENTHONG_IMAGE_MODULES+=,java.net.http,java.rmi,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml
LIENTHONG_IMAGE_MODULES+=,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
# Desktop and sound libraries: a headless server never loads them, and they would drag in X11 and ALSA.
LIENTHONG_IMAGE_EXCLUDED_LIBS='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so'

# image_base_tar DIR: the base image the tests build the hub's image on, since they cannot pull the real one
# (registry.access.redhat.com) without network: a docker-save tarball with one layer holding a jlink'd runtime of
# $JAVA_HOME in /opt/java/openjdk, the shared libraries it links (ldd), /etc/passwd and /etc/group with the
# unprivileged user 185 (jboss, home /home/jboss, as in the UBI OpenJDK images) and /tmp (1777). Built once per
# JDK and recipe into DIR (about 10 s), then reused; prints its path.
image_base_tar() {
  local dir key tar start
  dir=$(_abs_path "$1")
  key=$({
    cat "$JAVA_HOME/release"
    printf '%s\n' "$LIENTHONG_IMAGE_MODULES" "$LIENTHONG_IMAGE_EXCLUDED_LIBS"
    declare -f _image_base_build
  } | sha256sum | cut -c1-16)
  tar=$dir/base-$key.tar
  if [[ ! -s $tar ]]; then
    mkdir -p "$dir" || return 1
    start=$SECONDS
    _image_base_build "$tar" || return 1
    info "Built the test base image $tar ($(du -h "$tar" | cut -f1), $((SECONDS - start)) s)"
    # earlier bases, and the layers Jib unpacked from them, are of no further use
    find "$dir" -maxdepth 1 -name 'base-*.tar' ! -name "${tar##*/}" -delete
    rm -rf "$dir/jib-cache"
  fi
  printf '%s\n' "$tar"
}

_image_base_build() {
  local out=$1 tmp rootfs java=/opt/java/openjdk arch diff_id version lib top=()
  tmp=$(mktemp -d "${out%/*}/.base.XXXXXX") || return 1
  rootfs=$tmp/rootfs
  case $(uname -m) in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
  esac
  # dev, proc, sys: mount points for a runtime; /home/jboss: the user's home and the hub's working directory
  mkdir -p "$rootfs"/{etc,dev,proc,sys,home/jboss,opt/java} && install -d -m 1777 "$rootfs/tmp" || return 1
  if ! "$JAVA_HOME/bin/jlink" --add-modules "$LIENTHONG_IMAGE_MODULES" --exclude-files="$LIENTHONG_IMAGE_EXCLUDED_LIBS" \
    --strip-debug --no-man-pages --no-header-files --output "$rootfs$java" >&2; then
    err "jlink failed for the test base image (JDK $JAVA_HOME)"
    rm -rf "$tmp"
    return 1
  fi
  # the libraries outside the runtime that its programs and libraries link, copied to the same paths
  while IFS= read -r lib; do
    if ! { mkdir -p "$rootfs${lib%/*}" && cp -L "$lib" "$rootfs$lib"; }; then
      err "could not copy $lib into the test base image"
      rm -rf "$tmp"
      return 1
    fi
  done < <(find "$rootfs$java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' | grep -v "^$rootfs" | sort -u)
  printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'jboss:x:185:185:Lienthong hub:/home/jboss:/sbin/nologin' \
    >"$rootfs/etc/passwd"
  printf '%s\n' 'root:x:0:' 'jboss:x:185:' >"$rootfs/etc/group"
  printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$rootfs/etc/nsswitch.conf"
  printf '%s\n' '127.0.0.1 localhost' '::1 localhost' >"$rootfs/etc/hosts"
  # one layer, everything owned by root, reproducible (sorted, fixed times), no "./" prefix on the names
  mapfile -t top < <(ls -A "$rootfs")
  if ! { tar -C "$rootfs" --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -cf "$tmp/layer.tar" "${top[@]}" &&
    diff_id=$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1) && gzip -n "$tmp/layer.tar"; }; then
    err "could not write the layer of the test base image"
    rm -rf "$tmp"
    return 1
  fi
  version=$("$rootfs$java/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
  printf '%s\n' '[{"Config":"config.json","RepoTags":["lienthong/test-base:local"],"Layers":["layer.tar.gz"]}]' \
    >"$tmp/manifest.json"
  cat >"$tmp/config.json" <<EOF
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=$java/bin:/usr/bin:/bin","JAVA_HOME=$java"],"User":"185","WorkingDir":"/home/jboss"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"bin/lib.sh image_base_tar: jlink of Java $version"}]}
EOF
  if ! { tar -C "$tmp" --owner=0 --group=0 --mtime=@0 -cf "$tmp/base.tar" manifest.json config.json layer.tar.gz &&
    mv "$tmp/base.tar" "$out"; }; then
    err "could not write $out"
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$tmp"
}

# image_maven_args REGISTRY BASE_TAR: one Maven argument a line. hub-core's package phase then builds the image on
# BASE_TAR and pushes it as REGISTRY/lienthong/lienthong-hub:<version>, over plain HTTP, which is allowed here only
# because REGISTRY is the private one on 127.0.0.1. Jib keeps the base layers it unpacks beside BASE_TAR.
image_maven_args() {
  local registry=$1 base=$2
  printf '%s\n' -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
    "-Dquarkus.container-image.registry=$registry" -Dquarkus.container-image.insecure=true \
    "-Dquarkus.jib.base-jvm-image=tar://$base" "-Dquarkus.jib.base-image-layers-cache=${base%/*}/jib-cache"
}

# ensure_docker_registry: the tests push the image to a local distribution registry (Debian's docker-registry, one
# Go binary, no Docker engine). When root and apt-get is there, installs it; otherwise says how.
ensure_docker_registry() {
  command -v docker-registry >/dev/null 2>&1 && return 0
  if is_root && command -v apt-get >/dev/null 2>&1; then
    info "docker-registry not found; installing Debian's docker-registry with apt-get (for the container image test)..."
    if { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y docker-registry; } >&2 &&
      command -v docker-registry >/dev/null 2>&1; then
      return 0
    fi
  fi
  err "the container image test needs a local registry: docker-registry (Debian/Ubuntu: sudo apt-get install docker-registry)."
  return 1
}

# registry_start DIR PORT: serves a registry without authentication on 127.0.0.1:PORT, storing blobs under DIR/data
# and logging to DIR/registry.log; waits until it answers /v2/. Stop it with registry_stop DIR.
registry_start() {
  local dir=$1 port=$2 i
  mkdir -p "$dir/data" || return 1
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
http:
  addr: 127.0.0.1:$port
EOF
  docker-registry serve "$dir/config.yml" </dev/null >"$dir/registry.log" 2>&1 &
  printf '%s\n' "$!" >"$dir/pid"
  for ((i = 0; i < 100; i++)); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; then
      return 0
    fi
    kill -0 "$(<"$dir/pid")" 2>/dev/null || break
    sleep 0.1
  done
  err "the registry did not start on 127.0.0.1:$port. Last lines of $dir/registry.log:"
  tail -n 20 "$dir/registry.log" >&2 || true
  registry_stop "$dir"
  return 1
}

# registry_stop DIR: SIGTERM to the registry started in DIR, SIGKILL after 5 s; nothing if none runs
registry_stop() {
  local dir=$1 pid i
  [[ -f $dir/pid ]] || return 0
  pid=$(<"$dir/pid")
  rm -f "$dir/pid"
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
