package dev.vastmesh.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one raw request on a connection of its own and reads the first final answer, framed by
 * its Content-Length or chunks (or the close), so that a server keeping the connection open does
 * not cost a timeout. Interim 1xx answers are skipped.
 */
public final class RawHttp {

  private static final int MAX_BODY = 1 << 20;

  private final String host;
  private final int port;
  private final Duration timeout;

  public RawHttp(String host, int port, Duration timeout) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  /** The answer; {@link SocketTimeoutException} when none came in time (a server left waiting). */
  public RawResponse exchange(RawRequest request) throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setSoLinger(true, 0);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.bytes());
        out.flush();
        if (request.halfClose()) {
          socket.shutdownOutput();
        }
      } catch (SocketException refusedMidway) {
        // The server answered and closed before taking everything: its answer may be waiting.
      }
      return read(socket.getInputStream(), request.head());
    }
  }

  static RawResponse read(InputStream raw, boolean head) throws IOException {
    Input in = new Input(raw);
    try {
      while (true) {
        String statusLine = in.line();
        if (statusLine == null) {
          return RawResponse.NONE;
        }
        String[] parts = statusLine.split(" ", 3);
        if (!parts[0].startsWith("HTTP/")) {
          // An HTTP/0.9 answer (to a request without a version, or one Tomcat could not read past
          // the target of): the body alone.
          byte[] rest = in.rest();
          byte[] body = new byte[statusLine.length() + rest.length];
          System.arraycopy(statusLine.getBytes(StandardCharsets.ISO_8859_1), 0, body, 0, statusLine.length());
          System.arraycopy(rest, 0, body, statusLine.length(), rest.length);
          return new RawResponse(RawResponse.HTTP_09, Map.of(), body);
        }
        if (parts.length < 2) {
          throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1].strip());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; (line = in.line()) != null && !line.isEmpty(); ) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
          }
        }
        if (status < 200) {
          continue;
        }
        byte[] body = head || status == 204 || status == 304 ? new byte[0] : in.body(headers);
        return new RawResponse(status, headers, body);
      }
    } catch (SocketException reset) {
      // A reset before any answer: the server dropped the connection.
      return RawResponse.NONE;
    }
  }

  /** Buffered reading of lines and bodies from the socket. */
  private static final class Input {
    private final InputStream in;

    Input(InputStream in) {
      this.in = in;
    }

    String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          line.write(b);
        }
        if (line.size() > 64 * 1024) {
          throw new IOException("answer line over 64 KB");
        }
      }
      return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    byte[] body(Map<String, String> headers) throws IOException {
      String length = headers.get("content-length");
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size; (size = line()) != null; ) {
          int semicolon = size.indexOf(';');
          int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
          if (n == 0) {
            while ((size = line()) != null && !size.isEmpty()) {
              // trailers
            }
            break;
          }
          body.write(exactly(n));
          line();
        }
        return body.toByteArray();
      }
      if (length != null) {
        return exactly(Integer.parseInt(length));
      }
      return in.readNBytes(MAX_BODY);
    }

    byte[] rest() throws IOException {
      return in.readNBytes(MAX_BODY);
    }

    private byte[] exactly(int n) throws IOException {
      if (n > MAX_BODY) {
        throw new IOException("answer body over 1 MB");
      }
      return in.readNBytes(n);
    }
  }
}
