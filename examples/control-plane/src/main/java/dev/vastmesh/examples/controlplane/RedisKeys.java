package dev.vastmesh.examples.controlplane;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One run's keys in a shared Redis: counted or removed by one EVAL over the wire protocol, no client library. */
final class RedisKeys {

  private static final String DELETE = "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) n = n + 1 end return n";
  private static final String COUNT = "return #redis.call('KEYS', ARGV[1])";

  private RedisKeys() {
  }

  /** Removes every key under {@code prefix}; a Redis that cannot be reached is reported, not fatal. */
  static void delete(String host, int port, String prefix) {
    try {
      eval(host, port, DELETE, prefix + "*");
    } catch (IOException e) {
      System.err.println("could not remove the keys " + prefix + "*: " + e);
    }
  }

  /** How many keys there are under {@code prefix}. */
  static long count(String host, int port, String prefix) throws IOException {
    return eval(host, port, COUNT, prefix + "*");
  }

  private static long eval(String host, int port, String script, String pattern) throws IOException {
    String[] command = {"EVAL", script, "0", pattern};
    StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
    for (String part : command) {
      resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
    }
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
      if (reply == null || !reply.startsWith(":")) {
        throw new IOException("unexpected answer from Redis: " + reply);
      }
      return Long.parseLong(reply.substring(1));
    }
  }
}
