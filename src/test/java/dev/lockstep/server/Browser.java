package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian {@code chromium} through {@code /usr/bin/chromedriver} (never a downloaded
 * driver), with the console and network logs on, for the dashboard's browser tests. Pages are
 * opened on {@code 127.0.0.1}; screenshots go to {@code target/dashboard-screenshots/}.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  /** The two viewports every page is checked at: a laptop and a phone. */
  enum Viewport {
    DESKTOP(1280, 800, false),
    PHONE(390, 844, true);

    final int width;
    final int height;
    final boolean mobile;

    Viewport(int width, int height, boolean mobile) {
      this.width = width;
      this.height = height;
      this.mobile = mobile;
    }
  }

  /**
   * Skips the calling test when chromium or chromedriver is missing and CI is not set; fails it
   * under {@code CI=true}, where {@code .ci/run} installs both.
   */
  static void assumeAvailable() {
    for (Path p : List.of(CHROMIUM, DRIVER)) {
      if (!Files.isExecutable(p)) {
        String why =
            p
                + " is missing: install Debian's chromium and chromium-driver to run the dashboard's"
                + " browser test";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(why + " (CI=true, where .ci/run installs them)");
        }
        assumeTrue(false, why);
      }
    }
  }

  private final ChromeDriver driver;
  private final String origin;
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> requested = new ArrayList<>();
  private final List<String> consoleErrors = new ArrayList<>();

  /** Starts the browser for the server listening on {@code 127.0.0.1:port}. */
  Browser(int port) {
    this.origin = "http://127.0.0.1:" + port;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--window-size=1280,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogOutput(java.io.OutputStream.nullOutputStream())
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  ChromeDriver driver() {
    return driver;
  }

  String origin() {
    return origin;
  }

  /** Sets the viewport (device metrics, so the phone width holds in headless mode). */
  void viewport(Viewport v) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", v.width, "height", v.height, "deviceScaleFactor", 1, "mobile", v.mobile));
  }

  /** Opens a path of the server. */
  void open(String path) {
    driver.get(origin + path);
  }

  /** Evaluates a script expression in the page. */
  Object eval(String expression) {
    return driver.executeScript("return " + expression + ";");
  }

  /**
   * Writes a screenshot of the viewport to {@code target/dashboard-screenshots/<name>.png} and
   * asserts it has the viewport's size and is not blank (dark pixels on at least 1% of it, more
   * than a few colours).
   */
  Path screenshot(String name, Viewport v) throws IOException {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(SHOTS);
    Path file = SHOTS.resolve(name + "-" + v.width + "x" + v.height + ".png");
    Files.write(file, png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).as("width of %s", file).isEqualTo(v.width);
    assertThat(image.getHeight()).as("height of %s", file).isEqualTo(v.height);
    long inked = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r + g + b < 3 * 200) {
          inked++;
        }
      }
    }
    long sampled = (long) ((image.getWidth() + 1) / 2) * ((image.getHeight() + 1) / 2);
    assertThat(inked * 100 / sampled).as("inked share of %s (percent)", file).isGreaterThan(0);
    assertThat(colours.size()).as("colours in %s", file).isGreaterThan(8);
    return file;
  }

  /** Reads the console and network logs gathered since the last call into this browser's lists. */
  void drainLogs() throws IOException {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        consoleErrors.add(e.getMessage());
      }
    }
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
      JsonNode message = json.readTree(e.getMessage()).path("message");
      if (message.path("method").asText().equals("Network.requestWillBeSent")) {
        requested.add(message.path("params").path("request").path("url").asText());
      }
    }
  }

  /** Console errors seen so far. */
  List<String> consoleErrors() throws IOException {
    drainLogs();
    return List.copyOf(consoleErrors);
  }

  /** Every URL the pages requested so far (network log). */
  List<String> requested() throws IOException {
    drainLogs();
    return List.copyOf(requested);
  }

  /** The requested URLs whose host is not 127.0.0.1 (data: and about: URLs stay in the page). */
  List<String> requestsLeavingLoopback() throws IOException {
    List<String> out = new ArrayList<>();
    for (String url : requested()) {
      URI u = URI.create(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme();
      if ((scheme.startsWith("http") || scheme.startsWith("ws"))
          && !"127.0.0.1".equals(u.getHost())) {
        out.add(url);
      }
    }
    return out;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
