# Sourced by the steps of action.yml (bash): the arguments the action's lockstep calls share, made
# from its inputs (the LOCKSTEP_* variables) and from GitHub's GITHUB_BASE_REF, the target branch
# of a pull request. Arrays keep paths with spaces whole.
#   target     what validate checks: the path, or the cluster's folder when a cluster is given
#   clusters   what plan runs on: each cluster folder of the repository, or the one given
#   plan_args  --auth-version, --policies and --base as given
#   common     plan_args and --fail-on, for validate
path="${LOCKSTEP_PATH:-.}"
plan_args=()
if [ -n "${LOCKSTEP_AUTH_VERSION:-}" ]; then
  plan_args+=(--auth-version "$LOCKSTEP_AUTH_VERSION")
fi
while IFS= read -r policy_dir; do
  if [ -n "$policy_dir" ]; then
    plan_args+=(--policies "$policy_dir")
  fi
done <<< "${LOCKSTEP_POLICIES:-}"
if [ -n "${GITHUB_BASE_REF:-}" ]; then
  plan_args+=(--base "origin/$GITHUB_BASE_REF")
fi
common=(--fail-on "${LOCKSTEP_FAIL_ON:-error}" "${plan_args[@]}")
target="$path"
if [ -n "${LOCKSTEP_CLUSTER:-}" ]; then
  target="${path%/}/clusters/$LOCKSTEP_CLUSTER"
fi
clusters=("$target")
if [ -z "${LOCKSTEP_CLUSTER:-}" ] && [ -d "$path/clusters" ]; then
  clusters=("${path%/}"/clusters/*/)
fi
