package dev.vastmesh.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates request {@code index} of a run from the run's seed alone, so any request of a
 * failure report can be regenerated without the ones before it. The mutation classes: methods,
 * request targets (reserved and encoded characters, dot segments, path parameters, huge and
 * negative numbers, long paths, odd query strings), versions, content types, authorisation,
 * odd and oversized headers, JSON bodies (known fields with mutated values, deep nesting, huge
 * numbers, invalid JSON) and framing (declared lengths above and below what is sent, chunking
 * valid and broken, both framings at once, none).
 */
public final class Mutations {

  private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "POST", "POST", "PUT", "DELETE",
      "PATCH", "HEAD", "OPTIONS");
  private static final List<String> ODD_METHODS = List.of("FOO", "G{T", "get", "TRACE", "CONNECT", "PRI", "PROPFIND",
      "M".repeat(300), "POST\u0000", "DELETE", "PATCH");
  private static final List<String> SEGMENT_VALUES = List.of("1", "0", "-1", "42", "99999999999999999999999",
      "9223372036854775808", "abc", "%ff", "%00", "a%2Fb", "..", "%2e%2e", ".", "{", "}", "|", "^", "`", "[", "]",
      "\\", "%", "%zz", "x".repeat(3000), "\u2603", "1e9", "null", "+", "%20", "a;b=c", "*", "%C0%AE", "~", "'", "\"");
  private static final List<String> PATH_SUFFIXES = List.of("/", "//", "/..;/x", ";x=1", "/.", "/%2e%2e/x", "{", "|",
      "%", "%ff", "/\u2603", "?", "#frag", "/*", "/x".repeat(200), "%0d%0aX-Injected:%20y");
  private static final List<String> QUERY_VALUES = List.of("1", "%ff", "%zz", "", "=", "a=b=c", "%00", "true",
      "99999999999999999999999", "-5", "x".repeat(2000), "%E2%98%83", "+", "ready", "running", "a,b", "[1]");
  private static final List<String> CONTENT_TYPES = List.of("*/*", "application/*", "text/plain",
      "application/cloudevents+json", "application/cloudevents-batch+json", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "", ";;", "application/json; charset=nope", "a/b/c", "application/json;" + "p=1;".repeat(500),
      "application/problem+json", "text/html", "application/json; charset=utf-16");
  private static final List<String> AUTHORIZATIONS = List.of("Bearer x", "Bearer vmi_1_x", "Bearer vmi_99999999999999999999_x",
      "Basic Zm9vOmJhcg==", "Bearer " + "t".repeat(10_000), "Bearer", "", "bearer  ", "Bearer \u00ff\u00fe", "Token abc");
  private static final List<String> ODD_HEADERS = List.of("X-Big: " + "a".repeat(9000), "NoColon", " Leading: space",
      "X-Fold: a\r\n b", "Expect: 100-continue", "Expect: foo", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, gzip",
      "Content-Length: abc", "Content-Length: -1", "Content-Length: 1, 2", "Accept: text/html", "Accept: application/xml",
      "Accept: */*;q=x", "Accept: application/json;q=0", "Accept-Encoding: gzip", "X-Forwarded-For: ::::",
      "Origin: http://evil.example", "Range: bytes=0-", "Host: a b", "Host:", "Content-Encoding: gzip", "X-\u00e9: 1",
      ": empty-name", "Upgrade: h2c", "Connection: Upgrade, HTTP2-Settings", "X-Null: a\u0000b", "If-None-Match: *");
  private static final List<String> VERSIONS = List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "", "HTTP/9.9", "http/1.1");

  private Mutations() {
  }

  public static RawRequest generate(long seed, int index, FuzzTarget target) {
    SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L)));
    List<String> labels = new ArrayList<>();
    String method = r.nextInt(10) < 8 ? pick(r, METHODS) : pick(r, ODD_METHODS);
    String requestTarget = requestTarget(r, target, labels);
    String version = r.nextInt(40) == 0 ? pick(r, VERSIONS) : "HTTP/1.1";

    List<String> headers = new ArrayList<>();
    if (r.nextInt(30) != 0) {
      headers.add("Host: 127.0.0.1");
    }
    int auth = r.nextInt(10);
    if (auth < 4 && !target.tokens().isEmpty()) {
      headers.add("Authorization: Bearer " + pick(r, target.tokens()));
    } else if (auth < 7) {
      headers.add("Authorization: " + pick(r, AUTHORIZATIONS));
      labels.add("auth");
    }
    boolean bodied = switch (method) {
      case "POST", "PUT", "PATCH" -> r.nextInt(10) != 0;
      default -> r.nextInt(7) == 0;
    };
    if (bodied || r.nextInt(10) == 0) {
      String type = r.nextInt(10) < 6 ? "application/json" : pick(r, CONTENT_TYPES);
      headers.add("Content-Type: " + type);
      labels.add("type=" + shorten(type, 40));
    }
    int odd = r.nextInt(100);
    if (odd < 15) {
      String header = pick(r, ODD_HEADERS);
      headers.add(header);
      labels.add("header=" + shorten(header, 40));
    } else if (odd < 17) {
      for (int i = 0; i < 150; i++) {
        headers.add("X-Many-" + i + ": " + i);
      }
      labels.add("150 headers");
    }
    headers.add("Connection: close");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, method + " " + requestTarget + (version.isEmpty() ? "" : " " + version) + "\r\n");
    headers.forEach(h -> write(out, h + "\r\n"));
    boolean halfClose = false;
    if (bodied) {
      byte[] body = Bodies.json(r, target.fields(), labels);
      halfClose = Framing.write(r, out, body, labels);
    } else {
      write(out, "\r\n");
    }
    String summary = method + " " + shorten(requestTarget, 120) + (labels.isEmpty() ? "" : " " + labels);
    return new RawRequest(out.toByteArray(), printable(summary), halfClose, "HEAD".equals(method));
  }

  private static String requestTarget(SplittableRandom r, FuzzTarget target, List<String> labels) {
    int form = r.nextInt(100);
    if (form == 0) {
      labels.add("asterisk-form");
      return "*";
    }
    if (form == 1) {
      labels.add("absolute-form");
      return "http://127.0.0.1" + fill(r, pick(r, target.paths()));
    }
    StringBuilder path = new StringBuilder(fill(r, pick(r, target.paths())));
    if (r.nextInt(5) == 0) {
      path.append(pick(r, PATH_SUFFIXES));
    }
    if (r.nextInt(5) < 2) {
      path.append('?');
      int params = r.nextInt(30) == 0 ? 2000 : 1 + r.nextInt(4);
      for (int i = 0; i < params; i++) {
        String name = target.fields().isEmpty() || r.nextInt(4) == 0 ? pick(r, QUERY_VALUES) : pick(r, target.fields());
        path.append(i == 0 ? "" : "&").append(name).append('=').append(pick(r, QUERY_VALUES));
      }
    }
    return path.toString();
  }

  private static String fill(SplittableRandom r, String template) {
    StringBuilder filled = new StringBuilder();
    int at = 0;
    for (int open; (open = template.indexOf('{', at)) >= 0; ) {
      int close = template.indexOf('}', open);
      filled.append(template, at, open).append(pick(r, SEGMENT_VALUES));
      at = close + 1;
    }
    return filled.append(template.substring(at)).toString();
  }

  static <T> T pick(SplittableRandom r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + ")";
  }

  private static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        shown.append(String.format("\\x%02x", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    return shown.toString();
  }
}
