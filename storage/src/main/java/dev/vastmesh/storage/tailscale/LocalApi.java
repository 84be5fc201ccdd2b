package dev.vastmesh.storage.tailscale;

import dev.vastmesh.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One GET to tailscaled's LocalAPI over its unix socket, as HTTP/1.1 with {@code Connection:
 * close}: the answer is read to the end, then de-chunked if it came chunked. tailscaled checks the
 * {@code Host} header ({@code local-tailscaled.sock}) as a guard against DNS rebinding.
 */
final class LocalApi {

  private final Path socket;

  LocalApi(Path socket) {
    this.socket = socket;
  }

  byte[] get(String path) {
    if (!Files.exists(socket)) {
      throw new StorageException(StorageException.Kind.UNREACHABLE,
          "tailscaled is not running here: no LocalAPI socket at " + socket + " (install and start Tailscale, or set the private endpoint)");
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      String request = "GET " + path + " HTTP/1.1\r\nHost: local-tailscaled.sock\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
      ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
      while (out.hasRemaining()) {
        channel.write(out);
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer in = ByteBuffer.allocate(16 * 1024);
      while (channel.read(in) >= 0) {
        answer.write(in.array(), 0, in.position());
        in.clear();
      }
      return body(answer.toByteArray(), path);
    } catch (IOException e) {
      throw new StorageException(StorageException.Kind.UNREACHABLE, "tailscaled's LocalAPI at " + socket + " did not answer: " + e.getMessage(), e);
    }
  }

  private byte[] body(byte[] raw, String path) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0 || !text.startsWith("HTTP/1.")) {
      throw new StorageException(StorageException.Kind.FAILED, "tailscaled's LocalAPI answered something that is not HTTP on " + socket);
    }
    String[] head = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    boolean chunked = false;
    for (int i = 1; i < head.length; i++) {
      String header = head[i].toLowerCase(Locale.ROOT);
      if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
        chunked = true;
      }
    }
    String body = text.substring(end + 4);
    if (chunked) {
      body = dechunk(body);
    }
    if (status != 200) {
      throw new StorageException(StorageException.Kind.FAILED, "tailscaled's LocalAPI answered HTTP " + status + " to GET " + path
          + ": " + body.strip());
    }
    return body.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      String sizeField = body.substring(at, lineEnd);
      int semicolon = sizeField.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
