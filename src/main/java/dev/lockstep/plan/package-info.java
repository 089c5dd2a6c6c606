/**
 * {@code lockstep plan}: what a revision does to the rollout (a new rollout or the same one), when
 * each update group moves (simulated with {@link dev.lockstep.rollout.RolloutSimulator}), what
 * agents are told, and the traps worth a warning; rendered as text, Markdown (a pull-request
 * comment with a Mermaid gantt chart), JSON, an SVG timeline picture (optionally with the observed
 * rollout drawn over it) or a self-contained HTML page. Pure: reads no clock, no files, no cluster.
 */
package dev.lockstep.plan;
