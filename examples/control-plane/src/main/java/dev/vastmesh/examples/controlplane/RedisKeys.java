package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Removes one run's keys from a shared Redis: one EVAL over the wire protocol, no client library. */
final class RedisKeys {

  private static final String SCRIPT = "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 1";

  private RedisKeys() {
  }

  static void delete(String host, int port, String prefix) {
    String[] command = {"EVAL", SCRIPT, "0", prefix + "*"};
    StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
    for (String part : command) {
      resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
    }
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.getInputStream().read();
    } catch (IOException e) {
      System.err.println("could not remove the keys " + prefix + "*: " + e);
    }
  }
}
