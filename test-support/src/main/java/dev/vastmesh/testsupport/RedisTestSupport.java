package dev.vastmesh.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Where Redis-backed tests find a real Redis: the one on 127.0.0.1:6379 (CI starts it), or,
 * on a laptop without one, a Testcontainers Redis when Docker is available. Without either the
 * tests fail: they never pass silently without a real Redis.
 */
public final class RedisTestSupport {

  private static volatile @Nullable String host;
  private static volatile int port;

  private RedisTestSupport() {
  }

  public static synchronized String host() {
    locate();
    return java.util.Objects.requireNonNull(host);
  }

  public static synchronized int port() {
    locate();
    return port;
  }

  /** A key prefix no other test run uses, so tests share one Redis without seeing each other. */
  public static String uniquePrefix() {
    return "vastmesh-test:" + UUID.randomUUID() + ":";
  }

  private static void locate() {
    if (host != null) {
      return;
    }
    String envHost = System.getenv().getOrDefault("VASTMESH_TEST_REDIS_HOST", "127.0.0.1");
    int envPort = Integer.parseInt(System.getenv().getOrDefault("VASTMESH_TEST_REDIS_PORT", "6379"));
    if (answersPing(envHost, envPort)) {
      host = envHost;
      port = envPort;
      return;
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      redis.start();
      host = redis.getHost();
      port = redis.getMappedPort(6379);
      return;
    }
    throw new IllegalStateException("Redis-backed tests need a real Redis: none answers on " + envHost + ":" + envPort
        + " and Docker is not available for Testcontainers. Start one with: redis-server --daemonize yes --port 6379");
  }

  private static boolean answersPing(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}
