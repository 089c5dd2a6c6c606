package dev.lockstep.source;

import java.util.Objects;

/**
 * The outcome of checking one commit's signature.
 *
 * @param commit the 40-hex commit id
 * @param status what was found
 * @param format {@code openpgp}, {@code ssh}, {@code x509} or "" when unsigned or not checked
 * @param signer who signed: the key's user id or allowed_signers principal, else the key id or
 *     fingerprint; "" when unknown
 * @param message a human sentence naming the commit, the signer and why
 */
public record Verification(
    String commit, Status status, String format, String signer, String message) {

  /** What a check found. Only {@link #VERIFIED} and {@link #SKIPPED} make a revision usable. */
  public enum Status {
    /** Signed by a trusted key, and the signature is valid. */
    VERIFIED,
    /** Verification is off ({@code verify: none}). */
    SKIPPED,
    /** The commit carries no signature. */
    UNSIGNED,
    /** Validly formed, but the key is not among the trusted keys. */
    UNKNOWN_SIGNER,
    /** The signature does not match the commit (tampered, or made by another key). */
    INVALID,
    /** A signature format Lockstep does not check (X.509), or an unreadable signature. */
    UNSUPPORTED
  }

  public Verification {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(message, "message");
  }

  /** The result when verification is off. */
  public static Verification skipped(String commit) {
    return new Verification(commit, Status.SKIPPED, "", "", "signature verification is off");
  }

  /** True when the revision may be used: verified, or verification is off. */
  public boolean usable() {
    return status == Status.VERIFIED || status == Status.SKIPPED;
  }

  /** True when a trusted signature was checked. */
  public boolean verified() {
    return status == Status.VERIFIED;
  }
}
