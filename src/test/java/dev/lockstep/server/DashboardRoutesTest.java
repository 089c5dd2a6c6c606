package dev.lockstep.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.lockstep.dashboard.Pages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's routes over HTTP on the embedded default with a read token set: the token guards
 * every page and asset (the write token works too), the pages forbid loading from other origins, an
 * unknown cluster is a 404, a write method a 405, and the raw-path guard runs first.
 */
@QuarkusTest
@TestProfile(ServeProfile.class)
class DashboardRoutesTest {
  static final List<String> PATHS =
      List.of(
          "/",
          "/clusters/prod",
          "/clusters/staging",
          Pages.STYLE_PATH,
          Pages.SCRIPT_PATH,
          Pages.ICON_PATH,
          Pages.GENERATION_PATH);

  @Inject LockstepService service;

  @BeforeEach
  void firstRunDone() throws InterruptedException {
    BrowserTestBase.awaitRuns(service, 1);
  }

  static RequestSpecification reader() {
    return given().header("Authorization", "Bearer " + ServeProfile.READ_TOKEN);
  }

  @Test
  void theReadTokenGuardsEveryPageAndAsset() {
    for (String path : PATHS) {
      given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer");
      given()
          .header("Authorization", "Bearer wrong")
          .get(path)
          .then()
          .statusCode(401)
          .body(not(containsString(ServeProfile.READ_TOKEN)));
      reader().get(path).then().statusCode(200);
      given()
          .header("Authorization", "Bearer " + ServeProfile.API_TOKEN)
          .get(path)
          .then()
          .statusCode(200);
    }
  }

  @Test
  void pagesAreHtmlThatLoadsNothingFromElsewhere() {
    reader()
        .get("/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", equalTo(DashboardRoutes.CSP))
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .body(containsString("id=\"fleet\""))
        .body(containsString("/clusters/staging"));
    reader()
        .get("/clusters/prod")
        .then()
        .statusCode(200)
        .body(containsString("<svg"))
        .body(containsString("Reconcile history"));
    reader().get(Pages.STYLE_PATH).then().contentType(containsString("text/css"));
    reader().get(Pages.SCRIPT_PATH).then().contentType(containsString("text/javascript"));
    reader().get(Pages.ICON_PATH).then().contentType(containsString("image/svg+xml"));
    reader()
        .get(Pages.GENERATION_PATH)
        .then()
        .contentType(containsString("text/plain"))
        .header("Cache-Control", "no-store");
  }

  @Test
  void unknownClustersWritesAndCraftedPathsAreRefused() {
    reader().get("/clusters/nope").then().statusCode(404);
    reader()
        .get("/clusters/%3Cscript%3E")
        .then()
        .statusCode(404)
        .body(not(containsString("<script>")));
    for (String path : List.of("/", "/clusters/prod", Pages.STYLE_PATH)) {
      reader().post(path).then().statusCode(405).header("Allow", "GET, HEAD");
    }
    reader().urlEncodingEnabled(false).get("/clusters/%2e%2e/api/status").then().statusCode(400);
    reader().urlEncodingEnabled(false).get("/clusters/a%2Fb").then().statusCode(400);
  }
}
