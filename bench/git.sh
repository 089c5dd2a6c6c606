#!/usr/bin/env bash
# Git source benchmark: first fetch and no-change poll of a 1,000-cluster repository over
# git daemon and smart HTTP (git-http-backend behind lighttpd, basic auth), both on 127.0.0.1.
# Bounded: one repository, POLLS polls per server (default 50), every server stopped on exit.
# Needs: git, lighttpd (apt-get install lighttpd), a JDK; run from the repository root.
set -euo pipefail
POLLS="${POLLS:-50}"
CLUSTERS="${CLUSTERS:-1000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/lockstep-bench-git.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1"; exec 3>&-) 2>/dev/null && return 0; sleep 0.05; done; echo "port $1 not ready" >&2; exit 3; }

echo "== building the ${CLUSTERS}-cluster repository"
export GIT_CONFIG_NOSYSTEM=1 HOME="$WORK/home" GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
mkdir -p "$HOME" "$WORK/repos" "$WORK/src"
git init -q -b main "$WORK/src"
for i in $(seq -w 1 "$CLUSTERS"); do
  d="$WORK/src/clusters/c$i"; mkdir -p "$d"
  printf 'kind: lockstep_cluster\nmetadata:\n  name: c%s\nspec:\n  proxy: c%s.example.com:443\n  auth_version: 17.2.1\n' "$i" "$i" > "$d/cluster.yaml"
  printf 'kind: autoupdate_version\nversion: v1\nmetadata:\n  name: autoupdate-version\nspec:\n  agents:\n    start_version: 17.2.0\n    target_version: 17.2.1\n    schedule: regular\n    mode: enabled\n' > "$d/autoupdate_version.yaml"
done
git -C "$WORK/src" add -A && git -C "$WORK/src" commit -qm "1000 clusters"
git clone -q --bare "$WORK/src" "$WORK/repos/fleet.git"
du -sh "$WORK/repos/fleet.git" | sed 's/^/  bare repository: /'

echo "== classpath"
cd "$ROOT"
./mvnw -o -q test-compile
./mvnw -o -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"

DPORT=$(free_port)
git daemon --reuseaddr --listen=127.0.0.1 --port="$DPORT" --base-path="$WORK/repos" --export-all "$WORK/repos" &
PIDS+=($!)
wait_port "$DPORT"

HPORT=$(free_port)
mkdir -p "$WORK/http"
echo "bench:bench-token" > "$WORK/http/users"
cat > "$WORK/http/lighttpd.conf" <<CONF
server.modules = ("mod_alias", "mod_auth", "mod_authn_file", "mod_cgi", "mod_setenv")
server.bind = "127.0.0.1"
server.port = $HPORT
server.document-root = "$WORK/http"
server.errorlog = "$WORK/http/error.log"
alias.url = ( "/git/" => "/usr/lib/git-core/git-http-backend/" )
\$HTTP["url"] =~ "^/git/" {
  cgi.assign = ( "" => "" )
  setenv.add-environment = ( "GIT_PROJECT_ROOT" => "$WORK/repos", "GIT_HTTP_EXPORT_ALL" => "1" )
  auth.backend = "plain"
  auth.backend.plain.userfile = "$WORK/http/users"
  auth.require = ( "" => ( "method" => "basic", "realm" => "git", "require" => "valid-user" ) )
}
CONF
/usr/sbin/lighttpd -D -f "$WORK/http/lighttpd.conf" &
PIDS+=($!)
wait_port "$HPORT"

echo "== git daemon"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" dev.lockstep.source.it.GitBench "git://127.0.0.1:$DPORT/fleet.git" "$POLLS"
echo "== smart HTTP (lighttpd + git-http-backend, basic auth)"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" dev.lockstep.source.it.GitBench "http://127.0.0.1:$HPORT/git/fleet.git" "$POLLS" bench bench-token
echo "== file:// (no server, for reference)"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" dev.lockstep.source.it.GitBench "file://$WORK/repos/fleet.git" "$POLLS"
