/**
 * {@code lockstep bump}: finds Teleport releases, decides per cluster the newest version it can
 * safely run (never above the control plane, one major at a time, after a soak, optionally after
 * staging), edits the repository's YAML byte for byte, checks the edited revision, and delivers it
 * (print, working tree, branch, pull request). The decision is a pure function ({@link
 * dev.lockstep.bump.Decider}) of its inputs; the outside world (feed, Proxy, Git, platform) comes
 * in through the callers. Plain Java.
 */
package dev.lockstep.bump;
