package dev.lockstep.image;

import io.netty.handler.ssl.OpenSsl;

/** Run inside the image's file system by {@link ImageIT}: does the bundled OpenSSL load there? */
public final class OpenSslProbe {
  private OpenSslProbe() {}

  public static void main(String[] args) {
    System.out.println(
        "openssl="
            + OpenSsl.isAvailable()
            + " version="
            + OpenSsl.versionString()
            + " cause="
            + OpenSsl.unavailabilityCause());
  }
}
