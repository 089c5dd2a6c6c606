/**
 * Teleport's rollout controller as pure functions of {@code (spec, status, now, fleet)}
 * (teleport-semantics §5–§11): the rollout spec and its reset rules, mode precedence, where groups
 * come from, maintenance windows, the halt-on-error and time-based strategies, manual transitions
 * and what {@code /webapi/find} tells an agent. Nothing here reads a clock or talks to a cluster;
 * {@link dev.lockstep.rollout.RolloutSimulator} drives the same functions with synthetic instants.
 */
package dev.lockstep.rollout;
