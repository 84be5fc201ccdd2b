package dev.vastmesh.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Redis server of a fault test's own, on a port the OS chose, without persistence, so the
 * test can do to it what it must never do to the shared one: {@link #restartEmpty()} (kill -9,
 * start again on the same port, with nothing), {@link #freeze()} (SIGSTOP: connections stay
 * open and nothing answers) and {@link #thaw()}. Needs {@code redis-server} on the PATH; without
 * it the test fails, saying so — it never passes silently.
 */
public final class OwnRedis implements AutoCloseable {

  private final int port;
  private final Path log;
  private @Nullable Process process;

  private OwnRedis(int port, Path log) {
    this.port = port;
    this.log = log;
  }

  /** Starts a server; {@code log} receives its output. */
  public static OwnRedis start(Path log) {
    OwnRedis redis = new OwnRedis(FreePort.next(), log);
    redis.launch();
    return redis;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** What a Redis restarted without persistence looks like: the same address, no data. */
  public void restartEmpty() {
    Process old = require();
    old.destroyForcibly();
    try {
      old.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    }
    launch();
  }

  /** SIGSTOP: the server holds its connections and answers nothing, as a hung host would. */
  public void freeze() {
    signal("-STOP");
  }

  /** SIGCONT: the frozen server carries on, executing what was queued meanwhile. */
  public void thaw() {
    signal("-CONT");
  }

  @Override
  public void close() {
    if (process != null) {
      signal("-CONT");
      process.destroyForcibly();
      process = null;
    }
  }

  private void launch() {
    if (!onPath("redis-server")) {
      throw new IllegalStateException("this fault test starts a Redis of its own and needs redis-server on the PATH "
          + "(Debian: apt-get install redis-server)");
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start redis-server", e);
    }
    Process started = require();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .failFast("redis-server on port " + port + " exited; see " + log, () -> !started.isAlive())
        .until(this::answersPing);
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private void signal(String signal) {
    Process running = require();
    try {
      Process kill = new ProcessBuilder("kill", signal, String.valueOf(running.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + running.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling redis-server", e);
    }
  }

  private Process require() {
    if (process == null) {
      throw new IllegalStateException("redis-server is not running");
    }
    return process;
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
