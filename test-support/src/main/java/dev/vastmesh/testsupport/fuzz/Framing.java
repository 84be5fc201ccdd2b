package dev.vastmesh.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;

/** How a body goes on the wire: its length declared truly or not, chunked well or badly, or both. */
final class Framing {

  private Framing() {
  }

  /** Writes the end of the head and the body; whether the write side must then be shut. */
  static boolean write(SplittableRandom r, ByteArrayOutputStream out, byte[] body, List<String> labels) {
    int kind = r.nextInt(100);
    if (kind < 60) {
      head(out, "Content-Length: " + body.length);
      out.writeBytes(body);
      return false;
    }
    if (kind < 72) {
      head(out, "Transfer-Encoding: chunked");
      chunks(r, out, body);
      out.writeBytes("0\r\n\r\n".getBytes());
      labels.add("chunked");
      return false;
    }
    if (kind < 78) {
      head(out, "Transfer-Encoding: chunked");
      String broken = Mutations.pick(r, List.of("ZZ\r\nabc\r\n0\r\n\r\n", "-1\r\nx\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFF\r\nx",
          "3\r\nabcdef\r\n0\r\n\r\n", "3;" + "e".repeat(9000) + "\r\nabc\r\n0\r\n\r\n", "3\nabc\n0\n\n", "5\r\nab",
          "0\r\nX-Trailer: " + "t".repeat(9000) + "\r\n\r\n", "\r\n\r\n"));
      out.writeBytes(broken.getBytes());
      labels.add("bad-chunk");
      return true;
    }
    if (kind < 84) {
      head(out, "Content-Length: " + (body.length + 1 + r.nextInt(100_000)));
      out.writeBytes(body);
      labels.add("length>sent");
      return true;
    }
    if (kind < 88) {
      int declared = body.length == 0 ? 0 : r.nextInt(body.length);
      head(out, "Content-Length: " + declared);
      out.writeBytes(body);
      labels.add("length<sent");
      return true;
    }
    if (kind < 92) {
      head(out, null);
      out.writeBytes(body);
      labels.add("no-length");
      return true;
    }
    if (kind < 96) {
      head(out, "Content-Length: " + body.length + "\r\nTransfer-Encoding: chunked");
      chunks(r, out, body);
      out.writeBytes("0\r\n\r\n".getBytes());
      labels.add("length+chunked");
      return true;
    }
    head(out, "Content-Length: " + (50L << 20));
    out.writeBytes(body);
    labels.add("declared-50MB");
    return true;
  }

  private static void head(ByteArrayOutputStream out, @org.jspecify.annotations.Nullable String framing) {
    if (framing != null) {
      Mutations.write(out, framing + "\r\n");
    }
    Mutations.write(out, "\r\n");
  }

  private static void chunks(SplittableRandom r, ByteArrayOutputStream out, byte[] body) {
    for (int at = 0; at < body.length; ) {
      int n = Math.min(body.length - at, 1 + r.nextInt(4096));
      Mutations.write(out, Integer.toHexString(n) + (r.nextInt(20) == 0 ? ";ext=1" : "") + "\r\n");
      out.write(body, at, n);
      Mutations.write(out, "\r\n");
      at += n;
    }
  }
}
