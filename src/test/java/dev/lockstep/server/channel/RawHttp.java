package dev.lockstep.server.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends an exact HTTP/1.1 request line (no client-side normalisation) and returns the status code.
 */
final class RawHttp {
  private RawHttp() {}

  static int status(int port, String method, String target) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
      out.write(target.getBytes(StandardCharsets.ISO_8859_1));
      out.write(
          " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        head.write(b);
      }
      String statusLine = head.toString(StandardCharsets.ISO_8859_1);
      String[] parts = statusLine.split(" ");
      if (parts.length < 2) {
        throw new IOException("no status line: \"" + statusLine + "\"");
      }
      return Integer.parseInt(parts[1]);
    }
  }
}
