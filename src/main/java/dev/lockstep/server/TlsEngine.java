package dev.lockstep.server;

import io.netty.handler.ssl.OpenSsl;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Picks the HTTPS listener's TLS engine ({@code lockstep.channels.tls-engine}). Updaters poll the
 * channels over HTTPS (teleport-semantics §13.4), and on JDK 17 the JDK engine is the channel
 * server's bottleneck; OpenSSL through netty-tcnative is used whenever it loads. The certificate,
 * its reload and the protocols stay Quarkus's TLS registry's business: only the engine is replaced.
 */
@ApplicationScoped
public class TlsEngine implements HttpServerOptionsCustomizer {
  private static final Logger LOG = Logger.getLogger(TlsEngine.class);

  /** The engine chosen; {@link #describe} names it for logs and status. */
  public enum Kind {
    OPENSSL,
    JDK
  }

  /** {@code lockstep.channels.tls-engine}: what to choose. */
  public enum Setting {
    /** OpenSSL when its native library loads, else the JDK's engine (with a warning). */
    AUTO,
    /** OpenSSL or refuse to start. */
    OPENSSL,
    /** Always the JDK's engine. */
    JDK
  }

  private final Setting setting;
  private volatile Kind chosen;

  @Inject
  public TlsEngine(LockstepConfig config) {
    this(config.channels().tlsEngine());
  }

  TlsEngine(Setting setting) {
    this.setting = setting;
  }

  @Override
  public void customizeHttpsServer(HttpServerOptions options) {
    Kind kind = choose(setting, OpenSsl.isAvailable(), OpenSsl.unavailabilityCause());
    chosen = kind;
    options.setSslEngineOptions(
        kind == Kind.OPENSSL ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions());
    LOG.infof(
        "HTTPS listener uses the %s TLS engine (lockstep.channels.tls-engine=%s)",
        describe(kind), setting.name().toLowerCase(Locale.ROOT));
  }

  /** The engine the HTTPS listener was given; null while there is no HTTPS listener. */
  public Kind chosen() {
    return chosen;
  }

  /**
   * The engine for a setting, given whether OpenSSL loaded. Refuses {@code openssl} when it did not
   * load, naming the cause.
   */
  static Kind choose(Setting setting, boolean openSslAvailable, Throwable cause) {
    return switch (setting) {
      case AUTO -> {
        if (!openSslAvailable) {
          LOG.warnf(
              "OpenSSL is not available (%s); the HTTPS listener falls back to the JDK's TLS engine",
              reason(cause));
        }
        yield openSslAvailable ? Kind.OPENSSL : Kind.JDK;
      }
      case OPENSSL -> {
        if (!openSslAvailable) {
          throw new ConfigProblem(
              "lockstep.channels.tls-engine",
              "is openssl, but OpenSSL is not available on this platform: "
                  + reason(cause)
                  + "; use auto or jdk");
        }
        yield Kind.OPENSSL;
      }
      case JDK -> Kind.JDK;
    };
  }

  static String describe(Kind kind) {
    return kind == Kind.OPENSSL
        ? "OpenSSL (" + OpenSsl.versionString() + ")"
        : "JDK " + Runtime.version().feature();
  }

  private static String reason(Throwable cause) {
    if (cause == null) {
      return "unknown cause";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
