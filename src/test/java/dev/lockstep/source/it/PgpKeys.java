package dev.lockstep.source.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/** A throw-away OpenPGP key made with BouncyCastle: armored public key and detached signatures. */
final class PgpKeys {
  private final PGPKeyPair pair;
  private final String armoredPublic;

  private PgpKeys(PGPKeyPair pair, String armoredPublic) {
    this.pair = pair;
    this.armoredPublic = armoredPublic;
  }

  static PgpKeys generate(String userId) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    PGPKeyPair pair =
        new JcaPGPKeyPair(
            PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, kpg.generateKeyPair(), new Date());
    PGPDigestCalculator sha1 =
        new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
    PGPKeyRingGenerator gen =
        new PGPKeyRingGenerator(
            PGPSignature.POSITIVE_CERTIFICATION,
            pair,
            userId,
            sha1,
            null,
            null,
            new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
            null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      gen.generatePublicKeyRing().encode(armored);
    }
    return new PgpKeys(pair, out.toString(StandardCharsets.US_ASCII));
  }

  String armoredPublicKey() {
    return armoredPublic;
  }

  /** An armored detached signature over {@code data}, as git puts in a commit's gpgsig header. */
  byte[] sign(byte[] data) throws PGPException, IOException {
    PGPSignatureGenerator g =
        new PGPSignatureGenerator(
            new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
            pair.getPublicKey());
    g.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
    g.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      g.generate().encode(armored);
    }
    return out.toByteArray();
  }
}
