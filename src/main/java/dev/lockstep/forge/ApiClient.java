package dev.lockstep.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.forge.ForgeException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One platform's JSON API over java.net.http: the token header of the platform, JSON bodies,
 * retries of reads, rate limits, {@code Link} paging, and errors that say what to do. Messages
 * never contain the token (every message is scrubbed of its value) nor any request header.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16 * 1024 * 1024;
  private static final int MAX_PAGES = 20;
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** Waits between attempts and for rate limits; tests record instead of sleeping. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** An answer: status, headers and the body's bytes. */
  record Response(int status, HttpHeaders headers, byte[] body) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    JsonNode json() throws ForgeException {
      try {
        JsonNode node = JSON.readTree(body);
        if (node == null) {
          throw new IOException("empty body");
        }
        return node;
      } catch (IOException e) {
        throw new ForgeException(
            Reason.INVALID_ANSWER, status, Optional.empty(), "the answer is not JSON");
      }
    }

    /** The {@code rel="next"} link of a paged answer. */
    Optional<URI> next() {
      return header("link").flatMap(ApiClient::nextLink);
    }
  }

  private final ForgeSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final HttpClient http;
  private Instant blockedUntil = Instant.MIN;

  ApiClient(ForgeSettings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  ForgeSettings settings() {
    return settings;
  }

  /** {@code api} + path; the path is already encoded. */
  URI uri(String path) {
    return URI.create(settings.api() + path);
  }

  /**
   * Sends one request; a read is retried on connection failures, timeouts and 5xx. Answers 2xx and
   * 304 are returned, and so are the statuses in {@code accepted}; others throw.
   */
  Response send(String method, URI uri, JsonNode body, Map<String, String> headers, int... accepted)
      throws ForgeException {
    checkSameApi(uri);
    String what = method + " " + uri.getRawPath();
    boolean read = method.equals("GET");
    int attempts = read ? settings.attempts() : 1;
    Duration wait = settings.backoff();
    String last = "";
    for (int attempt = 1; ; attempt++) {
      waitForRateLimit(what);
      HttpRequest request = build(method, uri, body, headers);
      HttpResponse<byte[]> raw;
      try {
        raw = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        last = "no answer within " + settings.timeout().toSeconds() + "s";
        if (attempt >= attempts) {
          throw error(Reason.TIMEOUT, 0, what, last);
        }
        sleep(wait, what);
        wait = wait.multipliedBy(2);
        continue;
      } catch (IOException e) {
        last = "connection failed (" + e.getClass().getSimpleName() + ")";
        if (attempt >= attempts) {
          throw error(Reason.UNREACHABLE, 0, what, last);
        }
        sleep(wait, what);
        wait = wait.multipliedBy(2);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw error(Reason.UNREACHABLE, 0, what, "interrupted");
      }
      byte[] bytes = raw.body() == null ? new byte[0] : raw.body();
      if (bytes.length > MAX_BODY) {
        throw error(Reason.INVALID_ANSWER, raw.statusCode(), what, "the answer is too large");
      }
      Response response = new Response(raw.statusCode(), raw.headers(), bytes);
      rememberRateLimit(response);
      int status = response.status();
      if ((status >= 200 && status < 300) || status == 304) {
        return response;
      }
      for (int a : accepted) {
        if (a == status) {
          return response;
        }
      }
      Optional<Instant> reset = rateLimitReset(response);
      if ((status == 429 || status == 403) && reset.isPresent()) {
        Duration until = Duration.between(clock.instant(), reset.get());
        if (!until.isNegative()
            && until.compareTo(settings.maxRateLimitWait()) <= 0
            && attempt < 2) {
          sleep(until, what);
          continue;
        }
        throw new ForgeException(
            Reason.RATE_LIMITED,
            status,
            reset,
            scrub(
                settings.platform().display()
                    + " API: "
                    + what
                    + ": the rate limit is exhausted until "
                    + TIME.format(reset.get())
                    + "; run again after that"
                    + (settings.token().isEmpty() ? ", or give a token (higher limits)" : "")));
      }
      if (status >= 500 && read && attempt < attempts) {
        last = "HTTP " + status;
        sleep(wait, what);
        wait = wait.multipliedBy(2);
        continue;
      }
      throw failure(response, what);
    }
  }

  /** GETs every page of a JSON array, following {@code Link: rel="next"} (at most 20 pages). */
  List<JsonNode> getAll(URI first) throws ForgeException {
    List<JsonNode> out = new ArrayList<>();
    Optional<URI> next = Optional.of(first);
    for (int page = 0; next.isPresent() && page < MAX_PAGES; page++) {
      Response r = send("GET", next.get(), null, Map.of());
      JsonNode array = r.json();
      if (!array.isArray()) {
        throw error(
            Reason.INVALID_ANSWER, r.status(), "GET " + next.get().getRawPath(), "not a list");
      }
      array.forEach(out::add);
      next = r.next();
    }
    return out;
  }

  /** A JSON object with the fields in the given order (name, value, name, value, ...). */
  static JsonNode object(Object... nameValuePairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      m.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return JSON.valueToTree(m);
  }

  private HttpRequest build(String method, URI uri, JsonNode body, Map<String, String> headers)
      throws ForgeException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("User-Agent", "lockstep")
            .header(
                "Accept",
                settings.platform() == Platform.GITHUB
                    ? "application/vnd.github+json"
                    : "application/json");
    if (settings.platform() == Platform.GITHUB) {
      b.header("X-GitHub-Api-Version", "2022-11-28");
    }
    Optional<String> token = token();
    token.ifPresent(
        t -> {
          switch (settings.platform()) {
            case GITHUB -> b.header("Authorization", "Bearer " + t);
            case GITLAB -> b.header("PRIVATE-TOKEN", t);
            case GITEA -> b.header("Authorization", "token " + t);
          }
        });
    headers.forEach(b::header);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(
          method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    return b.build();
  }

  private Optional<String> token() throws ForgeException {
    if (settings.token().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(settings.token().get().reveal(settings.environment()));
    } catch (IllegalStateException e) {
      // the message names the file or variable, never the value
      throw new ForgeException(
          Reason.CONFIGURATION,
          0,
          Optional.empty(),
          settings.platform().display() + " token: " + e.getMessage());
    }
  }

  /** The token is sent only to the configured API: a next link elsewhere is refused. */
  private void checkSameApi(URI uri) throws ForgeException {
    URI api = settings.api();
    if (!uri.getScheme().equals(api.getScheme())
        || !uri.getHost().equalsIgnoreCase(api.getHost())
        || port(uri) != port(api)) {
      throw new ForgeException(
          Reason.INVALID_ANSWER,
          0,
          Optional.empty(),
          settings.platform().display()
              + " API: a link points to "
              + uri.getScheme()
              + "://"
              + uri.getHost()
              + ", outside "
              + api
              + "; not followed");
    }
  }

  private static int port(URI u) {
    return u.getPort() > 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
  }

  private void waitForRateLimit(String what) throws ForgeException {
    Instant now = clock.instant();
    if (!now.isBefore(blockedUntil)) {
      return;
    }
    Duration until = Duration.between(now, blockedUntil);
    if (until.compareTo(settings.maxRateLimitWait()) > 0) {
      throw new ForgeException(
          Reason.RATE_LIMITED,
          0,
          Optional.of(blockedUntil),
          settings.platform().display()
              + " API: "
              + what
              + ": not sent, the rate limit is exhausted until "
              + TIME.format(blockedUntil)
              + "; run again after that");
    }
    sleep(until, what);
  }

  /** Remembers a reset announced with no requests left, so the next request waits or stops. */
  private void rememberRateLimit(Response r) {
    Optional<String> remaining =
        r.header("x-ratelimit-remaining").or(() -> r.header("ratelimit-remaining"));
    if (remaining.isPresent() && remaining.get().strip().equals("0")) {
      rateLimitReset(r).ifPresent(reset -> blockedUntil = reset);
    }
  }

  /**
   * When the limit resets: {@code Retry-After} (seconds), else {@code x-ratelimit-reset} (GitHub)
   * or {@code RateLimit-Reset} (GitLab), epoch seconds.
   */
  private Optional<Instant> rateLimitReset(Response r) {
    Optional<String> retryAfter = r.header("retry-after");
    if (retryAfter.isPresent()) {
      try {
        return Optional.of(clock.instant().plusSeconds(Long.parseLong(retryAfter.get().strip())));
      } catch (NumberFormatException e) {
        // an HTTP date: fall through to the reset headers
      }
    }
    Optional<String> reset = r.header("x-ratelimit-reset").or(() -> r.header("ratelimit-reset"));
    if (reset.isPresent()) {
      boolean exhausted =
          r.header("x-ratelimit-remaining")
              .or(() -> r.header("ratelimit-remaining"))
              .map(v -> v.strip().equals("0"))
              .orElse(r.status() == 429);
      try {
        if (exhausted || r.status() == 429) {
          return Optional.of(Instant.ofEpochSecond(Long.parseLong(reset.get().strip())));
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return r.status() == 429 ? Optional.of(clock.instant().plusSeconds(60)) : Optional.empty();
  }

  private void sleep(Duration d, String what) throws ForgeException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw error(Reason.UNREACHABLE, 0, what, "interrupted");
    }
  }

  /** An error answer as an exception whose message says what to do. */
  ForgeException failure(Response r, String what) {
    int status = r.status();
    String said = platformMessage(r);
    String noun = settings.platform().pullRequestNoun();
    return switch (status) {
      case 401 ->
          error(
              Reason.AUTHENTICATION,
              status,
              what,
              "the token was refused (HTTP 401)"
                  + (settings.token().isEmpty()
                      ? "; this request needs a token"
                      : "; check " + settings.token().get()));
      case 403 ->
          error(
              Reason.FORBIDDEN,
              status,
              what,
              "the token may not do this (HTTP 403"
                  + said
                  + "); it needs write access to the repository's contents and "
                  + noun
                  + "s");
      case 404 ->
          error(
              Reason.NOT_FOUND,
              status,
              what,
              "not found (HTTP 404"
                  + said
                  + "); check the repository \""
                  + settings.repository()
                  + "\" and that the token can see it");
      case 409, 422 -> error(Reason.CONFLICT, status, what, "refused (HTTP " + status + said + ")");
      default ->
          error(
              status >= 500 ? Reason.SERVER_ERROR : Reason.INVALID_ANSWER,
              status,
              what,
              "HTTP " + status + said);
    };
  }

  /** The platform's own explanation (GitHub/Gitea {@code message}, GitLab {@code message}). */
  static String platformMessage(Response r) {
    try {
      JsonNode node = JSON.readTree(r.body());
      if (node == null) {
        return "";
      }
      StringBuilder b = new StringBuilder();
      JsonNode message = node.get("message");
      if (message != null) {
        b.append(message.isTextual() ? message.asText() : message.toString());
      }
      JsonNode errors = node.get("errors");
      if (errors != null && errors.isArray()) {
        for (JsonNode e : errors) {
          String m = e.path("message").asText("");
          if (!m.isEmpty()) {
            b.append(b.length() > 0 ? "; " : "").append(m);
          }
        }
      }
      String text = b.toString().replaceAll("\\s+", " ").strip();
      if (text.length() > 300) {
        text = text.substring(0, 300) + "...";
      }
      return text.isEmpty() ? "" : ": " + text;
    } catch (IOException e) {
      return "";
    }
  }

  private ForgeException error(Reason reason, int status, String what, String detail) {
    return new ForgeException(
        reason,
        status,
        Optional.empty(),
        scrub(settings.platform().display() + " API: " + what + ": " + detail));
  }

  /** Removes the token's value from a message, whatever put it there (an echoing server). */
  String scrub(String message) {
    try {
      Optional<String> token = token();
      if (token.isPresent() && token.get().length() >= 4) {
        return message.replace(token.get(), "***");
      }
    } catch (ForgeException e) {
      // an unreadable token cannot be in the message
    }
    return message;
  }

  static Optional<URI> nextLink(String header) {
    Matcher m = NEXT.matcher(header);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create(m.group(1).strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
