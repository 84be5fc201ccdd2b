package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens on fixed ports for the length of a test, as a running demo or another test run would,
 * so that a suite shows it does not depend on them. A port something else holds already counts
 * as held: either way the suite cannot have it.
 */
final class HeldPorts implements AutoCloseable {

  private final List<ServerSocket> sockets = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  static HeldPorts hold(Ports... sets) {
    HeldPorts held = new HeldPorts();
    for (Ports set : sets) {
      set.all().forEach(held::hold);
    }
    return held;
  }

  private void hold(int port) {
    ports.add(port);
    try {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        sockets.add(socket);
      } catch (IOException inUse) {
        socket.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every port asked for, whoever holds it. */
  List<Integer> ports() {
    return List.copyOf(ports);
  }

  @Override
  public void close() throws IOException {
    for (ServerSocket socket : sockets) {
      socket.close();
    }
  }
}
