/**
 * Rollout health checks (docs/rollout-health.md): pure functions of a cluster's {@link
 * dev.lockstep.observe.SampleHistory}, its {@code spec.halt} settings and the instant, giving a
 * verdict per check and group ({@code pass}, {@code fail}, {@code inconclusive} with evidence) and
 * the decisions that follow once a check has failed for {@code failure_limit} consecutive samples.
 * Missing or expired data is inconclusive: it can ask to notify ("blind"), never to halt. Reads no
 * clock, writes nothing, acts on nothing: the caller persists and acts.
 */
package dev.lockstep.health;
