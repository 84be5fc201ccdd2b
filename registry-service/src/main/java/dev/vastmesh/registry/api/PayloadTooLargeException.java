package dev.vastmesh.registry.api;

import java.io.IOException;

/** A request body went past the size cap while it was being read. */
final class PayloadTooLargeException extends IOException {

  private final long limit;

  PayloadTooLargeException(long limit) {
    super("request body exceeds " + limit + " bytes");
    this.limit = limit;
  }

  long limit() {
    return limit;
  }
}
