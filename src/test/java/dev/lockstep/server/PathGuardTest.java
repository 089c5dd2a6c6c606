package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw paths that the router would normalise into another endpoint are refused with 400 before any
 * routing, whatever the method, over a raw socket (no client-side normalisation).
 */
@QuarkusTest
class PathGuardTest {
  @TestHTTPResource("/")
  URL base;

  static Stream<Arguments> refused() {
    return Stream.of(
        row("dot-dot out of the channels", "GET", "/channels/../api/status"),
        row("encoded dot-dot to the metrics", "GET", "/channels/%2e%2e/q/metrics"),
        row("upper-case encoding", "GET", "/channels/%2E%2E/api/plan"),
        row("half-encoded dot-dot", "GET", "/channels/.%2e/api/status"),
        row("Proxy-style prefix", "GET", "/v1/webapi/automaticupgrades/channel/../../api/status"),
        row("dot segment inside a channel path", "GET", "/channels/./stable/rolling/version"),
        row("trailing dot-dot", "GET", "/api/status/.."),
        row("encoded slash", "GET", "/channels/stable%2frolling/version"),
        row("encoded upper-case slash", "GET", "/channels/..%2Fapi%2Fstatus"),
        row("encoded backslash", "GET", "/channels/..%5capi%5cstatus"),
        row("backslashes", "GET", "/channels\\..\\api\\status"),
        row("encoded NUL", "GET", "/channels/stable%00/version"),
        row("POST through the channels to the API", "POST", "/channels/../api/reconcile"),
        row("POST through the hooks", "POST", "/hooks/../api/suspend"));
  }

  private static Arguments row(String name, String method, String target) {
    return Arguments.of(Named.named(name, method), target);
  }

  @ParameterizedTest
  @MethodSource("refused")
  void isRefusedBeforeRouting(String method, String target) throws Exception {
    RawHttp.Reply reply = RawHttp.exchange(base.getPort(), method, target, "Content-Length: 0\r\n");
    assertThat(reply.status()).isEqualTo(400);
    // a raw backslash is already refused by the HTTP parser, with no body
    assertThat(reply.body()).matches("(the request path holds .*\n)?");
  }

  static Stream<Arguments> routed() {
    return Stream.of(
        Arguments.of(Named.named("a channel", "/channels/stable/rolling/version")),
        Arguments.of(Named.named("dots inside a name", "/channels/v1.2..3/version")),
        Arguments.of(Named.named("a dotted file name", "/channels/stable/.hidden")),
        Arguments.of(Named.named("an encoded letter", "/api/st%61tus")));
  }

  @ParameterizedTest
  @MethodSource("routed")
  void otherPathsAreRouted(String target) {
    assertThat(PathGuard.problem(target)).isEmpty();
  }
}
