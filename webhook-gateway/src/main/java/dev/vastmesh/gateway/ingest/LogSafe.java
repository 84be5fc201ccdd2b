package dev.vastmesh.gateway.ingest;

/** Makes sender-supplied text safe to log: no CR/LF (log injection), bounded length. */
final class LogSafe {

  private LogSafe() {
  }

  static String of(String value) {
    String flat = value.replaceAll("[\\r\\n\\p{Cntrl}]", "_");
    return flat.length() <= 128 ? flat : flat.substring(0, 128) + "...";
  }
}
