package dev.lockstep.source;

import dev.lockstep.source.Verification.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks commit signatures against {@link TrustedKeys}: OpenPGP signatures with BouncyCastle
 * against armored public keys ({@code *.asc}), SSH signatures with JGit's verifier against an
 * OpenSSH {@code allowed_signers} file. Keys are read on every call, so rotating them needs no
 * restart. Never throws: every problem is a {@link Verification} that is not usable.
 */
public final class CommitVerifier {
  private final TrustedKeys keys;

  /**
   * BouncyCastle's provider, made on the first OpenPGP check: building it registers hundreds of
   * algorithms from a signed jar, which was a fifth of serve's start-up when made for every
   * GitSource, signed commits required or not.
   */
  private static final class Bc {
    static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
  }

  /** A verifier trusting {@code keys}. */
  public CommitVerifier(TrustedKeys keys) {
    this.keys = keys;
  }

  /** Checks the signature of {@code commit} in {@code repository}. */
  public Verification verify(Repository repository, ObjectId commit) {
    String id = commit.name();
    byte[] raw;
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit c = walk.parseCommit(commit);
      raw = c.getRawBuffer();
    } catch (IOException e) {
      return new Verification(id, Status.UNSUPPORTED, "", "", "commit " + id + " cannot be read");
    }
    SignedCommit signed = SignedCommit.split(raw);
    if (signed.signature() == null) {
      return new Verification(id, Status.UNSIGNED, "", "", "commit " + id + " is not signed");
    }
    String sig = new String(signed.signature(), StandardCharsets.US_ASCII);
    if (sig.startsWith("-----BEGIN PGP SIGNATURE-----")) {
      return verifyOpenPgp(id, signed);
    }
    if (sig.startsWith("-----BEGIN SSH SIGNATURE-----")) {
      return verifySsh(repository, id, signed);
    }
    return new Verification(
        id,
        Status.UNSUPPORTED,
        "x509",
        "",
        "commit "
            + id
            + " carries a signature format Lockstep does not check (only OpenPGP and SSH)");
  }

  private Verification verifyOpenPgp(String id, SignedCommit signed) {
    PGPSignature signature;
    try {
      signature = readPgpSignature(signed.signature());
    } catch (IOException | PGPException | RuntimeException e) {
      return new Verification(
          id,
          Status.UNSUPPORTED,
          "openpgp",
          "",
          "commit " + id + " has an unreadable OpenPGP signature");
    }
    String keyId = String.format(Locale.ROOT, "%016X", signature.getKeyID());
    if (keys.openPgpKeys().isEmpty()) {
      return new Verification(
          id,
          Status.UNKNOWN_SIGNER,
          "openpgp",
          keyId,
          "commit "
              + id
              + " is signed by OpenPGP key "
              + keyId
              + ", but no OpenPGP keys are trusted");
    }
    List<PGPPublicKeyRing> rings;
    try {
      rings = loadRings(keys.openPgpKeys().get());
    } catch (IOException | PGPException | RuntimeException e) {
      return new Verification(
          id,
          Status.UNKNOWN_SIGNER,
          "openpgp",
          keyId,
          "commit " + id + ": cannot read the trusted OpenPGP keys in " + keys.openPgpKeys().get());
    }
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey key = ring.getPublicKey(signature.getKeyID());
      if (key == null) {
        continue;
      }
      String signer =
          userId(ring)
              + " ("
              + Hex.toHexString(ring.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT)
              + ")";
      if (key.hasRevocation()) {
        return new Verification(
            id,
            Status.UNKNOWN_SIGNER,
            "openpgp",
            signer,
            "commit " + id + " is signed by revoked key " + signer);
      }
      try {
        signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(Bc.PROVIDER), key);
        signature.update(signed.payload());
        if (!signature.verify()) {
          return new Verification(
              id,
              Status.INVALID,
              "openpgp",
              signer,
              "commit "
                  + id
                  + ": the OpenPGP signature by "
                  + signer
                  + " does not match the commit");
        }
      } catch (PGPException | RuntimeException e) {
        return new Verification(
            id,
            Status.INVALID,
            "openpgp",
            signer,
            "commit " + id + ": the OpenPGP signature by " + signer + " cannot be checked");
      }
      long valid = key.getValidSeconds();
      if (valid > 0
          && signature.getCreationTime().getTime()
              > key.getCreationTime().getTime() + valid * 1000) {
        return new Verification(
            id,
            Status.UNKNOWN_SIGNER,
            "openpgp",
            signer,
            "commit " + id + " was signed by " + signer + " after the key expired");
      }
      return new Verification(
          id, Status.VERIFIED, "openpgp", signer, "commit " + id + " is signed by " + signer);
    }
    return new Verification(
        id,
        Status.UNKNOWN_SIGNER,
        "openpgp",
        keyId,
        "commit "
            + id
            + " is signed by OpenPGP key "
            + keyId
            + ", which is not among the trusted keys in "
            + keys.openPgpKeys().get());
  }

  private Verification verifySsh(Repository repository, String id, SignedCommit signed) {
    if (keys.allowedSigners().isEmpty()) {
      return new Verification(
          id,
          Status.UNKNOWN_SIGNER,
          "ssh",
          "",
          "commit " + id + " is SSH-signed, but no allowed_signers file is configured");
    }
    Path allowed = keys.allowedSigners().get();
    if (!Files.isRegularFile(allowed)) {
      return new Verification(
          id,
          Status.UNKNOWN_SIGNER,
          "ssh",
          "",
          "commit " + id + ": allowed_signers file " + allowed + " does not exist");
    }
    Config config = new Config();
    config.setString("gpg", null, "format", "ssh");
    config.setString("gpg", "ssh", "allowedSignersFile", allowed.toAbsolutePath().toString());
    SignatureVerifier ssh = SignatureVerifiers.get(GpgConfig.GpgFormat.SSH);
    if (ssh == null) {
      return new Verification(
          id,
          Status.UNSUPPORTED,
          "ssh",
          "",
          "commit " + id + ": no SSH signature verifier available");
    }
    try {
      SignatureVerifier.SignatureVerification v =
          ssh.verify(repository, new GpgConfig(config), signed.payload(), signed.signature());
      ssh.clear();
      if (v == null) {
        return new Verification(
            id, Status.UNSUPPORTED, "ssh", "", "commit " + id + " has an unreadable SSH signature");
      }
      String signer = firstNonBlank(v.signer(), v.keyUser(), v.keyFingerprint());
      boolean noPrincipal =
          v.message() != null && v.message().toLowerCase(Locale.ROOT).contains("principal");
      if (!v.verified() && (noPrincipal || v.signer() == null)) {
        return new Verification(
            id,
            Status.UNKNOWN_SIGNER,
            "ssh",
            signer,
            "commit " + id + " is signed by SSH key " + signer + ", which is not in " + allowed);
      }
      if (!v.verified()) {
        return new Verification(
            id,
            Status.INVALID,
            "ssh",
            signer,
            "commit "
                + id
                + ": the SSH signature"
                + (signer.isEmpty() ? "" : " by " + signer)
                + " does not match the commit");
      }
      if (v.trustLevel() != SignatureVerifier.TrustLevel.FULL
          && v.trustLevel() != SignatureVerifier.TrustLevel.ULTIMATE) {
        return new Verification(
            id,
            Status.UNKNOWN_SIGNER,
            "ssh",
            signer,
            "commit "
                + id
                + " is signed by SSH key "
                + signer
                + ", which is not in "
                + allowed
                + (v.message() == null ? "" : " (" + v.message() + ")"));
      }
      return new Verification(
          id, Status.VERIFIED, "ssh", signer, "commit " + id + " is signed by " + signer);
    } catch (IOException | RuntimeException e) {
      return new Verification(
          id,
          Status.INVALID,
          "ssh",
          "",
          "commit " + id + ": the SSH signature cannot be checked (" + e.getMessage() + ")");
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }

  private static PGPSignature readPgpSignature(byte[] armored) throws IOException, PGPException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
      JcaPGPObjectFactory f = new JcaPGPObjectFactory(in);
      Object o = f.nextObject();
      if (o instanceof PGPCompressedData cd) {
        o = new JcaPGPObjectFactory(cd.getDataStream()).nextObject();
      }
      if (o instanceof PGPSignatureList list && !list.isEmpty()) {
        return list.get(0);
      }
      throw new PGPException("no signature packet");
    }
  }

  private static List<PGPPublicKeyRing> loadRings(Path dir) throws IOException, PGPException {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.asc")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    for (Path file : files) {
      try (InputStream in = new ArmoredInputStream(Files.newInputStream(file))) {
        PGPPublicKeyRingCollection c =
            new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
        c.getKeyRings().forEachRemaining(rings::add);
      }
    }
    return rings;
  }

  private static String userId(PGPPublicKeyRing ring) {
    Iterator<String> ids = ring.getPublicKey().getUserIDs();
    return ids.hasNext() ? ids.next() : "unnamed key";
  }

  /**
   * A raw commit split into the signed payload (the commit without its signature header) and the
   * signature.
   */
  record SignedCommit(byte[] payload, byte[] signature) {
    static SignedCommit split(byte[] raw) {
      ByteArrayOutputStream payload = new ByteArrayOutputStream(raw.length);
      ByteArrayOutputStream sig = null;
      int i = 0;
      boolean inHeaders = true;
      boolean inSig = false;
      while (i < raw.length) {
        int end = i;
        while (end < raw.length && raw[end] != '\n') {
          end++;
        }
        int next = Math.min(end + 1, raw.length);
        if (inHeaders) {
          if (end == i) {
            inHeaders = false;
            inSig = false;
            payload.write(raw, i, next - i);
          } else if (startsWith(raw, i, "gpgsig ")) {
            sig = new ByteArrayOutputStream();
            sig.write(raw, i + 7, end - i - 7);
            sig.write('\n');
            inSig = true;
          } else if (inSig && raw[i] == ' ') {
            sig.write(raw, i + 1, end - i - 1);
            sig.write('\n');
          } else {
            inSig = false;
            payload.write(raw, i, next - i);
          }
        } else {
          payload.write(raw, i, next - i);
        }
        i = next;
      }
      return new SignedCommit(payload.toByteArray(), sig == null ? null : sig.toByteArray());
    }

    private static boolean startsWith(byte[] raw, int at, String prefix) {
      if (at + prefix.length() > raw.length) {
        return false;
      }
      for (int k = 0; k < prefix.length(); k++) {
        if (raw[at + k] != prefix.charAt(k)) {
          return false;
        }
      }
      return true;
    }
  }
}
