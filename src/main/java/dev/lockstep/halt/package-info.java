/**
 * Halting a rollout through Git: the edit of a cluster's {@code autoupdate_config} (only {@code
 * spec.agents.mode} changes, to {@code suspended}), a commit whose trailers name the check, the
 * rollout, the group and the evidence, its push, and, when the branch is protected, a hold and a
 * halt pull request. {@link dev.lockstep.halt.GitHalt#halt} is the entry point the reconcile's
 * observe step calls once a health check asks to halt.
 */
package dev.lockstep.halt;
