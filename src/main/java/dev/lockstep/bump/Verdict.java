package dev.lockstep.bump;

/** What became of one candidate release. */
public enum Verdict {
  /** The version proposed. */
  PICKED("picked"),
  /** Eligible, but a newer eligible one was picked. */
  OLDER("older"),
  /** Still within its minimum release age. */
  SOAKING("soaking"),
  /** Above the control plane's version. */
  ABOVE_CEILING("above-ceiling"),
  /** Above the version Teleport Cloud runs for its major ({@code follow: cloud-stable}). */
  ABOVE_CLOUD_STABLE("above-cloud-stable"),
  /** Eligible, but the cluster it is promoted from has not proven it. */
  NOT_PROMOTED("not-promoted");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The name in JSON output. */
  public String label() {
    return label;
  }
}
