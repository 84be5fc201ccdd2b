package dev.vastmesh.vastai.search;

/** The query or order text cannot be parsed; the message points at where, and at what is left. */
public final class QuerySyntaxException extends IllegalArgumentException {

  private final int position;

  QuerySyntaxException(String message, String text, int position) {
    super(message + " at position " + position + ": '" + text.substring(Math.min(position, text.length())).strip() + "'");
    this.position = position;
  }

  /** Where in the text the problem starts (0-based). */
  public int position() {
    return position;
  }
}
