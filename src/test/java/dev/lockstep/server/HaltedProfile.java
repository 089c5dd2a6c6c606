package dev.lockstep.server;

import dev.lockstep.cluster.tctl.FakeTctlInstall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link DashboardProfile} with the tctl target on the fake {@code tctl}, whose state holds a live
 * rollout halted the way an operator leaves it: the first group done, the second rolled back by
 * hand.
 */
public class HaltedProfile extends DashboardProfile {
  static final String ROLLOUT =
      """
      {"kind":"autoupdate_agent_rollout","version":"v1","metadata":{"name":"autoupdate-agent-rollout"},
       "spec":{"start_version":"17.4.8","target_version":"17.5.2","schedule":"regular","autoupdate_mode":"enabled","strategy":"halt-on-error"},
       "status":{"state":"AUTO_UPDATE_AGENT_ROLLOUT_STATE_ACTIVE","groups":[
         {"name":"dev","state":"AUTO_UPDATE_AGENT_GROUP_STATE_DONE","start_time":"2026-11-20T04:00:00Z","last_update_reason":"update_complete"},
         {"name":"staging","state":"AUTO_UPDATE_AGENT_GROUP_STATE_ROLLEDBACK","start_time":"2026-11-21T10:00:00Z","last_update_reason":"manual_rollback"},
         {"name":"prod","state":"AUTO_UPDATE_AGENT_GROUP_STATE_UNSTARTED","last_update_reason":"previous_groups_not_done"}]}}
      """;

  @Override
  Map<String, String> extra(Path dir) throws IOException {
    Path state = dir.resolve("tctl-state");
    Path tctl = FakeTctlInstall.install(dir, state);
    Files.writeString(state.resolve("autoupdate_agent_rollout.json"), ROLLOUT);
    Path identity = Files.writeString(dir.resolve("identity"), "fake bot identity\n");
    return Map.of(
        "lockstep.target.kind",
        "tctl",
        "lockstep.target.tctl-path",
        tctl.toString(),
        "lockstep.target.auth-server",
        "127.0.0.1:3025",
        "lockstep.target.identity-file",
        identity.toString());
  }
}
