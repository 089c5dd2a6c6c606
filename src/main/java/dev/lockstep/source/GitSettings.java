package dev.lockstep.source;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the GitOps repository is and how to reach it. Built by {@code server} from its
 * configuration, or directly by the CLI and tests.
 *
 * @param url {@code https://}, {@code http://}, {@code ssh://}, scp-style {@code git@host:path},
 *     {@code git://}, {@code file://} or a local path
 * @param ref a branch ({@code main} or {@code refs/heads/main}), a tag ({@code v1} or {@code
 *     refs/tags/v1}) or a full 40-hex commit id
 * @param auth credentials
 * @param timeout bound of every network operation (connect and each read); at least one second
 * @param cacheDir a private folder holding Lockstep's bare mirror of the repository
 * @param caBundle PEM certificates trusted for HTTPS in addition to nothing else (replaces the
 *     JDK's), if set
 * @param httpsProxy an {@code http://host:port} proxy for HTTP(S) transports, if set
 * @param verify which commits need a trusted signature
 * @param trustedKeys the keys trusted when {@code verify} is not {@link VerifyMode#NONE}
 * @param environment the process environment, for {@link Secret#env} (never read by core code
 *     itself)
 */
public record GitSettings(
    String url,
    String ref,
    GitAuth auth,
    Duration timeout,
    Path cacheDir,
    Optional<Path> caBundle,
    Optional<URI> httpsProxy,
    VerifyMode verify,
    TrustedKeys trustedKeys,
    Map<String, String> environment) {

  /** The default timeout of a network operation. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public GitSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(caBundle, "caBundle");
    Objects.requireNonNull(httpsProxy, "httpsProxy");
    Objects.requireNonNull(verify, "verify");
    Objects.requireNonNull(trustedKeys, "trustedKeys");
    environment = Map.copyOf(environment);
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("timeout must be at least 1s, got " + timeout);
    }
  }

  /** Settings with no credentials, no verification, the default timeout. */
  public static GitSettings of(String url, String ref, Path cacheDir) {
    return new GitSettings(
        url,
        ref,
        GitAuth.none(),
        DEFAULT_TIMEOUT,
        cacheDir,
        Optional.empty(),
        Optional.empty(),
        VerifyMode.NONE,
        TrustedKeys.NONE,
        Map.of());
  }

  /** A copy with other credentials. */
  public GitSettings withAuth(GitAuth newAuth) {
    return new GitSettings(
        url,
        ref,
        newAuth,
        timeout,
        cacheDir,
        caBundle,
        httpsProxy,
        verify,
        trustedKeys,
        environment);
  }

  /** A copy with another ref. */
  public GitSettings withRef(String newRef) {
    return withMirror(newRef, cacheDir);
  }

  /**
   * A copy following another ref in its own mirror folder (two sources never share a mirror: each
   * is used by one thread).
   */
  public GitSettings withMirror(String newRef, Path newCacheDir) {
    return new GitSettings(
        url,
        newRef,
        auth,
        timeout,
        newCacheDir,
        caBundle,
        httpsProxy,
        verify,
        trustedKeys,
        environment);
  }

  /** A copy with another timeout. */
  public GitSettings withTimeout(Duration newTimeout) {
    return new GitSettings(
        url,
        ref,
        auth,
        newTimeout,
        cacheDir,
        caBundle,
        httpsProxy,
        verify,
        trustedKeys,
        environment);
  }

  /** A copy with signature verification. */
  public GitSettings withVerify(VerifyMode mode, TrustedKeys keys) {
    return new GitSettings(
        url, ref, auth, timeout, cacheDir, caBundle, httpsProxy, mode, keys, environment);
  }

  /** A copy with an environment for {@link Secret#env}. */
  public GitSettings withEnvironment(Map<String, String> env) {
    return new GitSettings(
        url, ref, auth, timeout, cacheDir, caBundle, httpsProxy, verify, trustedKeys, env);
  }

  /** A copy with HTTPS transport options. */
  public GitSettings withHttps(Optional<Path> ca, Optional<URI> proxy) {
    return new GitSettings(
        url, ref, auth, timeout, cacheDir, ca, proxy, verify, trustedKeys, environment);
  }

  /**
   * The proxy named by {@code HTTPS_PROXY} (or {@code https_proxy}) in an environment map, the
   * convention of curl and git.
   */
  public static Optional<URI> proxyFrom(Map<String, String> environment) {
    String v = environment.getOrDefault("HTTPS_PROXY", environment.get("https_proxy"));
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(URI.create(v.contains("://") ? v : "http://" + v));
  }

  /**
   * Safe to log: the URL without user info, and the environment's variable names only (their values
   * may be secrets).
   */
  @Override
  public String toString() {
    return "GitSettings[url="
        + displayUrl()
        + ", ref="
        + ref
        + ", auth="
        + auth
        + ", timeout="
        + timeout
        + ", cacheDir="
        + cacheDir
        + ", caBundle="
        + caBundle
        + ", httpsProxy="
        + httpsProxy.map(u -> Urls.redact(u.toString()))
        + ", verify="
        + verify
        + ", trustedKeys="
        + trustedKeys
        + ", environment="
        + new java.util.TreeSet<>(environment.keySet())
        + "]";
  }

  /** The URL without user info, safe for messages and status files. */
  public String displayUrl() {
    return Urls.redact(url);
  }
}
