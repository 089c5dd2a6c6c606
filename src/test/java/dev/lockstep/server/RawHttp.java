package dev.lockstep.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends an exact HTTP/1.1 request line (no client-side normalisation of the path) and reads the
 * answer.
 */
public final class RawHttp {
  private RawHttp() {}

  /** An answer: status, headers (names in lower case) and body. */
  public record Reply(int status, Map<String, String> headers, String body) {}

  /** The status code of {@code method target} with no body. */
  public static int status(int port, String method, String target) throws IOException {
    return exchange(port, method, target, "").status();
  }

  /**
   * Sends {@code method target} with the extra header lines (each ending in CRLF) and reads the
   * answer until the server closes the connection.
   */
  public static Reply exchange(int port, String method, String target, String headers)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
      out.write(target.getBytes(StandardCharsets.ISO_8859_1));
      out.write(
          (" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(s.getInputStream());
    }
  }

  /** Reads one answer: the status line, the headers, then the body up to Content-Length or EOF. */
  public static Reply read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ");
    if (parts.length < 2) {
      throw new IOException("no status line: \"" + statusLine + "\"");
    }
    Map<String, String> headers = new TreeMap<>();
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).strip());
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Reply(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
