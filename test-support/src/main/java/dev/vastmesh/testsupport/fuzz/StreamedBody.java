package dev.vastmesh.testsupport.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Streams a large body after a request head, as fast as the server takes it, until the server
 * answers and closes, or the whole body is sent. How much it took before it answered is the
 * measure of what it read (at most that plus the sockets' buffers): a server that refuses
 * cheaply answers after a few buffers' worth, one that buffers the body takes all of it.
 *
 * @param sent the body bytes the server's socket accepted
 * @param answer what the server sent back (its head and body), as text
 * @param closed whether the server closed (or reset) the connection
 */
public record StreamedBody(long sent, String answer, boolean closed) {

  public static StreamedBody send(int port, String head, long bodyLength) throws IOException {
    try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        Selector selector = Selector.open()) {
      channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
      ByteBuffer in = ByteBuffer.allocate(64 * 1024);
      StringBuilder answer = new StringBuilder();
      long sent = 0;
      boolean writeClosed = false;
      // Each round moves bytes or waits for the socket; a stalled server ends it after 60 idle rounds.
      for (int idle = 0; idle < 60; ) {
        if (selector.select(500) == 0) {
          idle++;
          continue;
        }
        selector.selectedKeys().clear();
        try {
          int read = channel.read(in);
          if (read < 0) {
            return new StreamedBody(sent, answer.toString(), true);
          }
          if (read > 0) {
            answer.append(new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1));
            in.clear();
          }
          if (sent < bodyLength && !writeClosed) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), bodyLength - sent));
            sent += channel.write(chunk);
          } else {
            channel.register(selector, SelectionKey.OP_READ);
          }
        } catch (IOException reset) {
          if (writeClosed || answer.length() > 0) {
            return new StreamedBody(sent, answer.toString(), true);
          }
          // The server closed while bytes were still on their way: its answer may be waiting to be read.
          writeClosed = true;
          channel.register(selector, SelectionKey.OP_READ);
        }
      }
      return new StreamedBody(sent, answer.toString(), false);
    }
  }
}
