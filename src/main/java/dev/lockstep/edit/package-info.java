/**
 * Byte-preserving edits of YAML files: set scalars at field paths and change nothing else
 * (comments, key order, quoting, flow style, anchors, line endings, byte-order mark, document
 * separators). Positions come from SnakeYAML Engine's node marks; nothing is re-serialised. Used by
 * {@code lockstep bump} to move versions and by the halt commit to suspend a rollout. Plain Java.
 */
package dev.lockstep.edit;
