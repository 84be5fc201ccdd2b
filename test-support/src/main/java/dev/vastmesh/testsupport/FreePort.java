package dev.vastmesh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A port the OS just handed out and released, for a process a test starts with {@code --server.port}
 * (a child JVM cannot report back the port it bound to 0).
 */
public final class FreePort {

  private FreePort() {
  }

  public static int next() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
