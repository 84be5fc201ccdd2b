package dev.vastmesh.storage.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * tailscaled's LocalAPI on a unix socket, answering {@code GET /localapi/v0/status} with a
 * captured status JSON from the classpath — chunked, as Go's server sends an answer of unknown
 * length — and recording each request's head.
 */
public final class LocalApiDouble implements AutoCloseable {

  private final Path socket;
  private final ServerSocketChannel server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile byte[] status;

  public LocalApiDouble(Path socket, String statusResource) throws IOException {
    this.socket = socket;
    this.status = resource(statusResource);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread.ofVirtual().name("localapi-double").start(this::serve);
  }

  public Path socket() {
    return socket;
  }

  public List<String> requests() {
    return requests;
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        String head = readHead(client);
        requests.add(head);
        String answer;
        if (head.startsWith("GET /localapi/v0/status ") && head.contains("\r\nHost: local-tailscaled.sock\r\n")) {
          String hex = Integer.toHexString(status.length);
          answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
              + hex + "\r\n" + new String(status, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
        } else {
          answer = "HTTP/1.1 403 Forbidden\r\nContent-Length: 22\r\nConnection: close\r\n\r\ninvalid localapi host\n";
        }
        ByteBuffer out = ByteBuffer.wrap(answer.getBytes(StandardCharsets.ISO_8859_1));
        while (out.hasRemaining()) {
          client.write(out);
        }
      } catch (IOException e) {
        if (server.isOpen()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static String readHead(SocketChannel client) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && client.read(one) > 0) {
      head.write(one.array()[0]);
      one.clear();
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = LocalApiDouble.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
