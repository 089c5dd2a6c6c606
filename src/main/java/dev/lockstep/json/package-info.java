/**
 * The one JSON writer every machine-readable output uses (findings reports, plans, bump and rollout
 * reports), so all of them indent and end lines the same way. Depends on nothing else of Lockstep.
 */
package dev.lockstep.json;
