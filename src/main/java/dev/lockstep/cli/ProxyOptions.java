package dev.lockstep.cli;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.ProxyClient;
import dev.lockstep.cluster.ProxyException;
import dev.lockstep.model.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --proxy}, {@code --proxy-ca} and {@code --proxy-timeout}: how to read a Teleport Proxy's
 * {@code /webapi/find}. Added to a command's model by {@link LiveOptions} ({@code validate}, {@code
 * diff}, {@code apply}) and by {@code import}.
 */
final class ProxyOptions {

  String proxy;
  Path proxyCa;
  String proxyTimeout;

  /** Adds {@code --proxy}, {@code --proxy-ca} and {@code --proxy-timeout} to {@code spec}. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        CommandModel.option("--proxy", v -> proxy = v)
            .paramLabel("HOST:PORT")
            .description(
                "Proxy address whose /webapi/find gives the control-plane version; with --live it overrides spec.proxy of cluster.yaml.")
            .build());
    spec.addOption(
        CommandModel.option("--proxy-ca", Path.class, v -> proxyCa = v)
            .paramLabel("PEM")
            .description("Trust only these CA certificates (PEM) for the Proxy, e.g. a private CA.")
            .build());
    spec.addOption(
        CommandModel.option("--proxy-timeout", v -> proxyTimeout = v)
            .paramLabel("DURATION")
            .defaultValue("10s")
            .description(
                "Timeout of one /webapi/find request (default: ${DEFAULT-VALUE}); 3 attempts with backoff.")
            .build());
  }

  /**
   * How to reach the Proxy at {@code address} with these options.
   *
   * @param option the option the address came from, for messages
   * @throws ParameterException (exit 2) for a bad address or timeout
   */
  ProxyClient.Settings settings(CommandSpec spec, String option, String address) {
    Duration timeout =
        GoDuration.parse(proxyTimeout)
            .filter(d -> !d.isNegative() && !d.isZero())
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--proxy-timeout: \"" + proxyTimeout + "\" is not a duration such as 10s"));
    try {
      return new ProxyClient.Settings(
          ProxyClient.baseUri(address),
          Duration.ofSeconds(5),
          timeout,
          3,
          Duration.ofMillis(500),
          Optional.ofNullable(proxyCa));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /**
   * What the Proxy at {@code address} answers on {@code /webapi/find}.
   *
   * @param option the option the address came from, for messages
   * @throws ParameterException (exit 2) for a bad address or timeout
   * @throws LiveVersions.Unreachable (exit 3) when the Proxy cannot be read
   */
  ProxyClient.Find find(CommandSpec spec, String option, String address)
      throws LiveVersions.Unreachable {
    ProxyClient.Settings settings = settings(spec, option, address);
    try {
      return ProxyClient.of(settings).find(Optional.empty());
    } catch (ProxyException e) {
      throw new LiveVersions.Unreachable(e.getMessage());
    }
  }
}
