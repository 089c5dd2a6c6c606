/**
 * What a target saw of a live rollout: the {@code autoupdate_agent_rollout} and the {@code
 * autoupdate_agent_report}s parsed exactly as {@code tctl get --format=json} prints them
 * (teleport-semantics §5.1, §9), or, without credentials, what the Proxy's {@code /webapi/find}
 * tells each group (§11). A {@link dev.lockstep.observe.Sample} is the compact form kept in a
 * bounded {@link dev.lockstep.observe.SampleHistory} that health checks judge and the status file
 * keeps. Pure: reads no clock, no files, no cluster.
 */
package dev.lockstep.observe;
