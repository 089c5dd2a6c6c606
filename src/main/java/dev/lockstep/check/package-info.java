/**
 * The one revision pipeline: parse, the built-in rules (Teleport, compatibility, channels), the
 * base-revision rules, the repository's and extra CEL policies and the target's own checks, with a
 * verdict per cluster and per channel ({@link dev.lockstep.check.RevisionCheck}). Every command
 * that reads a revision ({@code validate}, {@code plan}, {@code diff}, {@code apply}, {@code
 * export-channels}) and {@code serve}'s reconciler call it; none assembles its own chain. Pure:
 * reads no clock and writes nothing; the only outside read is the live-version callback.
 */
package dev.lockstep.check;
