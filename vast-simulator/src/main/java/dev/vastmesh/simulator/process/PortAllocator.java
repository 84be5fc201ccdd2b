package dev.vastmesh.simulator.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Host ports for containers' mapped ports: free when handed out (the OS picks them), and never
 * handed to two live instances.
 */
@Component
public class PortAllocator {

  private final Set<Integer> taken = ConcurrentHashMap.newKeySet();

  public int allocate() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free port", e);
      }
      if (taken.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port after 50 attempts");
  }

  public void release(int port) {
    taken.remove(port);
  }
}
