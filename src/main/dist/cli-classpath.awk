# The CLI's class path, derived from Maven's dependency tree: every direct dependency of the project
# except the Quarkus extensions (io.quarkus*) and the service's OpenSSL (io.netty), with everything
# each of them needs. Quarkus, Vert.x's HTTP server stack, RESTEasy, SmallRye and Micrometer come in
# only through the extensions, so the CLI cannot load them; a new core dependency joins by itself.
#
# Input: `mvn dependency:tree -Dverbose -Dscope=runtime` as text (every edge is listed, duplicates
# as "(g:a:... - omitted for duplicate)"). Output: one groupId:artifactId:classifier per line, in
# the tree's order of first appearance.
function key(s,   a, n) {
  sub(/^\(/, "", s)
  sub(/ .*/, "", s)
  n = split(s, a, ":")
  # g:a:type:version:scope, or g:a:type:classifier:version:scope
  return n == 6 ? a[1] ":" a[2] ":" a[4] : a[1] ":" a[2] ":"
}
NR == 1 { next }
match($0, /[+\\]- /) {
  depth = (RSTART - 1) / 3
  node = substr($0, RSTART + 3)
  k = key(node)
  parent[depth] = k
  if (depth == 0) roots[++nroots] = k
  else children[parent[depth - 1]] = children[parent[depth - 1]] " " k
  if (!(k in listed)) { listed[k] = 1; order[++n] = k }
}
END {
  for (i = 1; i <= nroots; i++) {
    split(roots[i], g, ":")
    if (g[1] ~ /^io\.quarkus/ || g[1] == "io.netty") continue
    queue[++q] = roots[i]
  }
  for (h = 1; h <= q; h++) {
    if (queue[h] in wanted) continue
    wanted[queue[h]] = 1
    c = split(children[queue[h]], kids, " ")
    for (j = 1; j <= c; j++) if (!(kids[j] in wanted)) queue[++q] = kids[j]
  }
  for (i = 1; i <= n; i++) if (order[i] in wanted) print order[i]
}
