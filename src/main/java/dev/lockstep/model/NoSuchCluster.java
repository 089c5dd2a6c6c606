package dev.lockstep.model;

/**
 * No cluster can be chosen in a revision ({@link DesiredState#select}): the one named is not there,
 * there is none, or there are several and none was named. The message is the one wording every
 * command and {@code serve} use, with what was read and how the user names a cluster.
 */
public final class NoSuchCluster extends Exception {
  private static final long serialVersionUID = 1L;

  NoSuchCluster(String message) {
    super(message);
  }
}
