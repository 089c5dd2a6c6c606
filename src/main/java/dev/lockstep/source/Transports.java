package dev.lockstep.source;

import dev.lockstep.source.SourceException.Reason;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.BatchingProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Opens JGit transports configured from {@link GitSettings}: credentials, SSH with strict
 * known_hosts, HTTPS CA bundle and proxy, timeouts. Also turns JGit's exceptions into {@link
 * SourceException}s whose messages carry no secret. One instance per repository URL; close it to
 * release the SSH client.
 */
final class Transports implements Closeable {
  private final GitSettings settings;
  private final String displayUrl;
  private final URIish uri;
  private SshdSessionFactory sshFactory;
  private TrustManager[] trustManagers;

  Transports(GitSettings settings) throws SourceException {
    this.settings = settings;
    this.displayUrl = settings.displayUrl();
    try {
      this.uri = new URIish(settings.url());
    } catch (URISyntaxException e) {
      throw new SourceException(Reason.CONFIGURATION, displayUrl, "not a Git URL: " + displayUrl);
    }
    if (settings.auth() instanceof GitAuth.Ssh ssh) {
      checkSshFiles(ssh);
    }
    if (settings.caBundle().isPresent()) {
      trustManagers = loadCaBundle(settings.caBundle().get());
    }
  }

  String displayUrl() {
    return displayUrl;
  }

  /** Opens a transport to the repository for {@code local}, ready to use. */
  Transport open(Repository local) throws SourceException {
    Transport t;
    try {
      t = Transport.open(local, uri);
    } catch (Exception e) {
      throw failure("open", e);
    }
    t.setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
    GitAuth auth = settings.auth();
    if (auth instanceof GitAuth.Http http) {
      String password = reveal(http.password());
      t.setCredentialsProvider(new UsernamePasswordCredentialsProvider(http.username(), password));
    }
    if (t instanceof TransportHttp th) {
      th.setHttpConnectionFactory(new ConfiguredHttp(proxy(), trustManagers));
    }
    if (t instanceof SshTransport st) {
      if (!(auth instanceof GitAuth.Ssh ssh)) {
        throw new SourceException(
            Reason.CONFIGURATION,
            displayUrl,
            "an SSH URL needs an SSH private key and known_hosts: " + displayUrl);
      }
      st.setSshSessionFactory(sshFactory(ssh));
    }
    return t;
  }

  /** A network call that reports progress to {@code monitor} (the watchdog resets on progress). */
  @FunctionalInterface
  interface NetworkCall<T> {
    T run(ProgressMonitor monitor) throws Exception;
  }

  /**
   * Runs a network call with a watchdog: it fails with {@code TIMEOUT} when the call has made no
   * progress for twice the configured timeout (plus a second). JGit's own read timeout relies on
   * interrupting the reading thread, which does not unblock a socket read on JDK 13+ (a hung {@code
   * git://} server would block forever); the watchdog abandons such a call instead. The abandoned
   * daemon thread ends when the server finally closes the connection.
   */
  <T> T bounded(String action, NetworkCall<T> call) throws SourceException {
    Activity activity = new Activity();
    FutureTask<T> task = new FutureTask<>(() -> call.run(activity));
    Thread worker = new Thread(task, "lockstep-git");
    worker.setDaemon(true);
    worker.start();
    // a backstop above JGit's per-read timeout, which covers HTTP and SSH on its own: connecting,
    // key exchange and authentication may each take up to one timeout
    long limit = settings.timeout().toNanos() * 2 + TimeUnit.SECONDS.toNanos(1);
    while (true) {
      try {
        return task.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() - activity.last > limit) {
          task.cancel(true);
          throw new SourceException(
              Reason.TIMEOUT,
              displayUrl,
              "cannot "
                  + action
                  + " "
                  + displayUrl
                  + ": no answer within "
                  + settings.timeout().toSeconds()
                  + "s");
        }
      } catch (ExecutionException e) {
        throw failure(action, e.getCause());
      } catch (InterruptedException e) {
        task.cancel(true);
        Thread.currentThread().interrupt();
        throw new SourceException(
            Reason.IO, displayUrl, "cannot " + action + " " + displayUrl + ": interrupted");
      }
    }
  }

  /** Records when the transport last made progress. */
  private static final class Activity extends BatchingProgressMonitor {
    volatile long last = System.nanoTime();

    private void touch() {
      last = System.nanoTime();
    }

    @Override
    public void beginTask(String title, int work) {
      touch();
    }

    @Override
    public void update(int completed) {
      touch();
    }

    @Override
    protected void onUpdate(String taskName, int workCurr, Duration duration) {
      touch();
    }

    @Override
    protected void onEndTask(String taskName, int workCurr, Duration duration) {
      touch();
    }

    @Override
    protected void onUpdate(
        String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {
      touch();
    }

    @Override
    protected void onEndTask(
        String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {
      touch();
    }
  }

  /** Every secret value in use, for scrubbing messages. */
  List<String> secrets() {
    List<String> out = new ArrayList<>();
    GitAuth auth = settings.auth();
    try {
      if (auth instanceof GitAuth.Http http) {
        out.add(http.password().reveal(settings.environment()));
      } else if (auth instanceof GitAuth.Ssh ssh && ssh.passphrase().isPresent()) {
        out.add(ssh.passphrase().get().reveal(settings.environment()));
      }
    } catch (IllegalStateException ignored) {
      // an unreadable secret cannot leak
    }
    if (uri.getPass() != null) {
      out.add(uri.getPass());
    }
    return out;
  }

  private String reveal(Secret secret) throws SourceException {
    try {
      return secret.reveal(settings.environment());
    } catch (IllegalStateException e) {
      throw new SourceException(
          Reason.CONFIGURATION,
          displayUrl,
          e.getMessage() + " (credentials for " + displayUrl + ")");
    }
  }

  private Proxy proxy() {
    if (settings.httpsProxy().isEmpty()) {
      return Proxy.NO_PROXY;
    }
    URI p = settings.httpsProxy().get();
    int port = p.getPort() > 0 ? p.getPort() : 3128;
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port));
  }

  private void checkSshFiles(GitAuth.Ssh ssh) throws SourceException {
    if (!Files.isRegularFile(ssh.privateKey())) {
      throw new SourceException(
          Reason.CONFIGURATION,
          displayUrl,
          "SSH private key file " + ssh.privateKey() + " does not exist");
    }
    if (!Files.isRegularFile(ssh.knownHosts())) {
      throw new SourceException(
          Reason.HOST_KEY,
          displayUrl,
          "known_hosts file "
              + ssh.knownHosts()
              + " does not exist; Lockstep needs the server's host key for "
              + displayUrl
              + " and never trusts a key on first use");
    }
    try {
      boolean any =
          Files.readAllLines(ssh.knownHosts(), StandardCharsets.UTF_8).stream()
              .map(String::strip)
              .anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
      if (!any) {
        throw new SourceException(
            Reason.HOST_KEY,
            displayUrl,
            "known_hosts file "
                + ssh.knownHosts()
                + " lists no host keys; add the key of the server of "
                + displayUrl
                + " (ssh-keyscan, then check its fingerprint): Lockstep never trusts a key on first use");
      }
    } catch (IOException e) {
      throw new SourceException(
          Reason.CONFIGURATION, displayUrl, "cannot read known_hosts file " + ssh.knownHosts());
    }
  }

  private synchronized SshdSessionFactory sshFactory(GitAuth.Ssh ssh) throws SourceException {
    if (sshFactory != null) {
      return sshFactory;
    }
    Path dir = settings.cacheDir().resolve("lockstep-ssh");
    Path config = dir.resolve("config");
    try {
      Files.createDirectories(dir);
      // Our own config: ~/.ssh of the process is never read, so no ambient key or host is trusted.
      Files.writeString(
          config,
          "Host *\n"
              + "  StrictHostKeyChecking yes\n"
              + "  IdentitiesOnly yes\n"
              + "  IdentityFile \""
              + ssh.privateKey().toAbsolutePath()
              + "\"\n"
              + "  PreferredAuthentications publickey\n"
              + "  BatchMode yes\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SourceException(
          Reason.CONFIGURATION, displayUrl, "cannot write SSH settings under " + dir);
    }
    char[] passphrase =
        ssh.passphrase().isPresent() ? reveal(ssh.passphrase().get()).toCharArray() : null;
    File home = dir.toFile();
    sshFactory =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(home)
            .setSshDirectory(home)
            .setConfigFile(f -> config.toFile())
            .setDefaultKnownHostsFiles(f -> List.of(ssh.knownHosts()))
            .setDefaultIdentities(f -> List.of(ssh.privateKey()))
            .setPreferredAuthentications("publickey")
            .setKeyPasswordProvider(cp -> new FixedPassphrase(passphrase))
            .build(null);
    return sshFactory;
  }

  private TrustManager[] loadCaBundle(Path pem) throws SourceException {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new SourceException(
            Reason.CONFIGURATION, displayUrl, "CA bundle " + pem + " holds no certificate");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new SourceException(Reason.CONFIGURATION, displayUrl, "cannot read CA bundle " + pem);
    }
  }

  /**
   * Classifies a JGit failure. The message names the action and the URL without credentials, and
   * never a secret; JGit's own text is only quoted, scrubbed, for unclassified failures.
   */
  SourceException failure(String action, Throwable e) {
    if (e instanceof SourceException se) {
      return se;
    }
    String all = withoutAddresses(chainText(e)).toLowerCase(Locale.ROOT);
    String what = "cannot " + action + " " + displayUrl + ": ";
    Reason reason;
    String why;
    if (has(e, SocketTimeoutLike.class) || all.contains("timed out") || all.contains("timeout")) {
      reason = Reason.TIMEOUT;
      why = "no answer within " + settings.timeout().toSeconds() + "s";
    } else if (all.contains("server key did not validate")
        || all.contains("host key")
        || all.contains("known_hosts")) {
      reason = Reason.HOST_KEY;
      why =
          "the server's host key is not the one listed in known_hosts"
              + (settings.auth() instanceof GitAuth.Ssh ssh ? " (" + ssh.knownHosts() + ")" : "")
              + "; Lockstep never trusts a host key on first use";
    } else if (has(e, ConnectException.class)
        || has(e, UnknownHostException.class)
        || has(e, NoRouteToHostException.class)
        || all.contains("connection refused")
        || all.contains("connection reset") && !all.contains("auth")) {
      reason = Reason.UNREACHABLE;
      why = "the server does not answer (connection refused or host unknown)";
    } else if (all.contains("not authorized")
        || all.contains("authentication")
        || all.contains("auth fail")
        || all.contains("permission denied")
        || HTTP_DENIED.matcher(all).find()
        || all.contains("no more authentication methods")
        || all.contains("credentialsprovider")) {
      reason = Reason.AUTHENTICATION;
      why = "the server refused the credentials (" + describeAuth() + ")";
    } else if (has(e, NoRemoteRepositoryException.class)
        || all.contains("repository not found")
        || all.contains("not found")
        || all.contains("does not appear to be a git repository")
        || all.contains("not exported")) {
      reason = Reason.REPOSITORY_NOT_FOUND;
      why = "no repository at this address";
    } else {
      reason = Reason.IO;
      why = Urls.scrub(rootMessage(e), secrets());
    }
    return new SourceException(reason, displayUrl, what + why);
  }

  private String describeAuth() {
    GitAuth auth = settings.auth();
    if (auth instanceof GitAuth.Http http) {
      return "user " + http.username() + ", password from " + http.password();
    }
    if (auth instanceof GitAuth.Ssh ssh) {
      return "key " + ssh.privateKey();
    }
    return "no credentials configured";
  }

  /** An HTTP 401 or 403 as a number of its own, not inside a port, a path or a longer number. */
  private static final Pattern HTTP_DENIED = Pattern.compile("(?<![\\w.:/-])40[13](?![\\w.:/-])");

  /** URLs and host:port pairs, which carry digits (a port of 40147) that are not a status. */
  private static final Pattern ADDRESS =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S*|\\S+@[\\w.-]+:\\S*|[\\w.-]+:\\d{1,5}\\b");

  static String withoutAddresses(String text) {
    return ADDRESS.matcher(text).replaceAll("<address>");
  }

  private static String chainText(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
      for (Throwable s : t.getSuppressed()) {
        sb.append(s.getClass().getName()).append(": ").append(s.getMessage()).append('\n');
      }
    }
    return sb.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Marker for {@link #has}: any {@link InterruptedIOException} (socket timeouts are one). */
  private interface SocketTimeoutLike {}

  private static boolean has(Throwable e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type == SocketTimeoutLike.class
          ? t instanceof InterruptedIOException
          : type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void close() {
    if (sshFactory != null) {
      sshFactory.close();
      sshFactory = null;
    }
  }

  /** Gives the configured passphrase once; a wrong one is not retried. */
  private static final class FixedPassphrase implements KeyPasswordProvider {
    private final char[] passphrase;
    private int attempts = 1;

    FixedPassphrase(char[] passphrase) {
      this.passphrase = passphrase;
    }

    @Override
    public char[] getPassphrase(URIish uri, int attempt) {
      return passphrase == null ? null : passphrase.clone();
    }

    @Override
    public void setAttempts(int maxNumberOfAttempts) {
      attempts = Math.max(1, maxNumberOfAttempts);
    }

    @Override
    public int getAttempts() {
      return attempts;
    }

    @Override
    public boolean keyLoaded(URIish uri, int attempt, Exception error) {
      return false;
    }
  }

  /** JDK connections with our proxy (never the JVM-wide selector) and, if set, our CA bundle. */
  private static final class ConfiguredHttp implements HttpConnectionFactory {
    private final JDKHttpConnectionFactory jdk = new JDKHttpConnectionFactory();
    private final Proxy proxy;
    private final TrustManager[] trust;

    ConfiguredHttp(Proxy proxy, TrustManager[] trust) {
      this.proxy = proxy;
      this.trust = trust;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
      return create(url, proxy);
    }

    @Override
    public HttpConnection create(URL url, Proxy ignored) throws IOException {
      HttpConnection c = jdk.create(url, proxy);
      if (trust != null && "https".equalsIgnoreCase(url.getProtocol())) {
        try {
          c.configure(null, trust, null);
        } catch (GeneralSecurityException e) {
          throw new IOException("cannot use the CA bundle", e);
        }
      }
      return c;
    }
  }
}
