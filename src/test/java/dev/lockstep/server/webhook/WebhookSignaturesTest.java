package dev.lockstep.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
  static final byte[] SECRET = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
  static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

  @Test
  void githubsPublishedExampleVerifies() {
    // GitHub's documentation example for X-Hub-Signature-256 (secret and payload above)
    String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assertThat(WebhookSignatures.validHmac(SECRET, BODY, header)).isTrue();
    assertThat(WebhookSignatures.sign(SECRET, BODY)).isEqualTo(header);
  }

  @Test
  void badMissingOrMalformedSignaturesAreRejected() {
    String good = WebhookSignatures.sign(SECRET, BODY);
    assertThat(
            WebhookSignatures.validHmac(
                SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8), good))
        .isFalse();
    assertThat(WebhookSignatures.validHmac("other".getBytes(StandardCharsets.UTF_8), BODY, good))
        .isFalse();
    assertThat(WebhookSignatures.validHmac(SECRET, BODY, null)).isFalse();
    assertThat(WebhookSignatures.validHmac(SECRET, BODY, "sha1=abc")).isFalse();
    assertThat(WebhookSignatures.validHmac(SECRET, BODY, "sha256=zz")).isFalse();
    assertThat(WebhookSignatures.validHmac(new byte[0], BODY, good)).isFalse();
  }

  @Test
  void gitlabTokensCompareExactly() {
    byte[] token = "t0ken".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignatures.validToken(token, "t0ken")).isTrue();
    assertThat(WebhookSignatures.validToken(token, "t0ken ")).isFalse();
    assertThat(WebhookSignatures.validToken(token, null)).isFalse();
  }

  @Test
  void theRateLimiterAllowsABurstThenRefillsOverTime() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(60, now::get);
    int allowed = 0;
    for (int i = 0; i < 100; i++) {
      if (limiter.tryAcquire()) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(60);
    now.addAndGet(1_000_000_000L);
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
  }
}
