package dev.vastmesh.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.gateway.support.Signed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A declared body over the cap is answered at once — 413 with a Content-Length — and the
 * connection closed, while the client has sent only the first kilobyte of the 100 MB it
 * announced: the gateway neither reads the rest nor waits for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.gateway.sources.ci.scheme=standard_webhooks",
    "vastmesh.gateway.sources.ci.secrets[0]=" + Signed.SECRET,
    "vastmesh.gateway.sources.ci.max-body-bytes=4096"})
class OversizedBodyTests {

  @LocalServerPort
  int port;

  @Test
  void aDeclaredOversizedBodyIsAnswered413AtOnceWithALengthAndTheConnectionClosed() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/webhooks/ci HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]);
      out.flush();
      long started = System.nanoTime();

      String response = readUntilClosed(socket.getInputStream());

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(response).startsWith("HTTP/1.1 413");
      String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
      assertThat(head).contains("content-length:").contains("connection: close").doesNotContain("transfer-encoding");
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      assertThat(head).contains("content-length: " + body.getBytes(StandardCharsets.UTF_8).length);
      assertThat(body).contains("https://vastmesh.dev/problems/payload-too-large");
    }
  }

  /** Everything the server sends until it closes; a read timeout means it kept the connection open. */
  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection was still open after 5 s; received: " + received.toString(StandardCharsets.UTF_8), e);
    } catch (java.net.SocketException reset) {
      // A reset after the answer is a close too (the unread body made the kernel reset it).
    }
    return received.toString(StandardCharsets.UTF_8);
  }
}
