package dev.lockstep.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON POST for a sink. Errors name the sink and the outcome (status, "no answer"), never the
 * address: a Slack or Teams webhook URL is itself a secret.
 */
final class HttpPost {
  private static final int MAX_ANSWER = 64 * 1024;

  /** An answer. */
  record Answer(int status, String body, Optional<String> retryAfter) {}

  private final String sink;
  private final Duration timeout;
  private final HttpClient http;

  HttpPost(String sink, Duration timeout) {
    this.sink = sink;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Posts {@code body}; returns a 2xx answer, throws for anything else (retryable: no answer, 429,
   * 5xx).
   */
  Answer post(URI uri, byte[] body, Map<String, String> headers) throws SinkException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<byte[]> raw;
    try {
      raw = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new SinkException(
          true, Optional.empty(), sink + ": no answer within " + timeout.toSeconds() + "s");
    } catch (IOException e) {
      throw new SinkException(
          true,
          Optional.empty(),
          sink + ": connection failed (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException(false, Optional.empty(), sink + ": interrupted");
    }
    byte[] bytes = raw.body() == null ? new byte[0] : raw.body();
    String text = new String(bytes, 0, Math.min(bytes.length, MAX_ANSWER), StandardCharsets.UTF_8);
    Optional<String> retryAfter = raw.headers().firstValue("retry-after");
    int status = raw.statusCode();
    if (status >= 200 && status < 300) {
      return new Answer(status, text, retryAfter);
    }
    boolean retryable = status == 429 || status >= 500;
    throw new SinkException(
        retryable,
        retryAfter.flatMap(HttpPost::seconds),
        sink
            + ": the peer answered HTTP "
            + status
            + (retryable ? "" : " (not retried: check the sink's address and credentials)"));
  }

  /** A {@code Retry-After} in seconds (the HTTP-date form is ignored: the backoff applies). */
  static Optional<Duration> seconds(String value) {
    try {
      long s = Long.parseLong(value.strip());
      return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
