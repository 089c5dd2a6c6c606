#!/usr/bin/env bash
# `lockstep bump` deciding 10 clusters offline from a generated 300-release file, against
# `lockstep validate` of the same repository measured in the same run (the reference) and the
# floor (`lockstep --version`). Every cluster gets a proposal, so each run edits 10 files and checks
# and plans 10 edited revisions. Bounded: RUNS runs of three commands, no network.
# Usage: bench/bump.sh [RUNS]   (default 10; hyperfine reports mean and median)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-10}
work=bench/out/bump; mkdir -p "$work"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 3; }
./lockstep --version >/dev/null   # builds once if needed
bench/gen-repo.sh "$work/repo" 10 10

# 300 GA releases over two years, newest first as GitHub lists them: majors 15 to 18, every tenth a
# security patch, plus pre-releases and drafts that the filter must skip (not counted in the 300)
python3 - "$work/releases.json" <<'PY'
import datetime, json, sys
start = datetime.datetime(2024, 12, 1, tzinfo=datetime.timezone.utc)
out, i = [], 0
for major in (15, 16, 17, 18):
    for minor in range(8):
        for patch in range(10):
            if len([r for r in out if not r["prerelease"]]) >= 300:
                break
            when = start + datetime.timedelta(hours=6 * i)
            i += 1
            body = "labels: security-patch=yes" if i % 10 == 0 else "Bug fixes."
            out.append({"tag_name": f"v{major}.{minor}.{patch}", "name": f"Teleport {major}.{minor}.{patch}",
                        "draft": False, "prerelease": False, "body": body,
                        "published_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "html_url": f"https://github.com/gravitational/teleport/releases/tag/v{major}.{minor}.{patch}"})
        out.append({"tag_name": f"v{major}.{minor + 1}.0-rc.1", "draft": False, "prerelease": True, "body": "",
                    "published_at": when.strftime("%Y-%m-%dT%H:%M:%SZ")})
out.sort(key=lambda r: r["published_at"], reverse=True)
json.dump(out, open(sys.argv[1], "w"), indent=1)
print(f"{sum(1 for r in out if not r['prerelease'])} GA releases, {len(out)} in the file", file=sys.stderr)
PY

bump="./lockstep bump $work/repo --releases $work/releases.json --now 2026-12-01T00:00:00Z --auth-version 18.3.0 --format json -o $work/bump.json"
$bump || [ $? -eq 1 ]   # exit 1: proposals made
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(c['outcome']=='proposed' for c in d['clusters']), 'of', len(d['clusters']), 'clusters proposed')" "$work/bump.json"

echo "runs: $runs; $(nproc) cores; $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --warmup 1 -i --style basic --export-json "$work/hyperfine.json" \
  -n floor './lockstep --version' \
  -n validate "./lockstep validate $work/repo" \
  -n bump "$bump" >/dev/null
python3 - "$work/hyperfine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ref = r["validate"]["median"]
for name in ("floor", "validate", "bump"):
    x = r[name]
    print(f"{name:9s} mean {x['mean']:.3f} s  median {x['median']:.3f} s  ({x['median'] / ref:.2f} x validate)")
PY
