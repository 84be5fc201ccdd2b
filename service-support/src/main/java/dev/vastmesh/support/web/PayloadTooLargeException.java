package dev.vastmesh.support.web;

import java.io.IOException;

/**
 * A request body went past the size cap while a framework reader was reading it. An
 * {@link IOException}, because that is what a reader lets through to the advice.
 */
public final class PayloadTooLargeException extends IOException {

  private final long limit;

  public PayloadTooLargeException(long limit) {
    super("request body exceeds " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
