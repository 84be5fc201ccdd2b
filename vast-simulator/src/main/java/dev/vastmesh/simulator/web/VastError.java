package dev.vastmesh.simulator.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error answered in Vast's own shape ({@code {"success":false,"error":..,"msg":..}}), not as a
 * problem: the Vast-compatible surface must look like Vast to the clients that parse it.
 */
public final class VastError extends RuntimeException {

  private final int status;
  private final Map<String, @Nullable Object> body;

  private VastError(int status, Map<String, @Nullable Object> body) {
    super(status + " " + body.get("error"), null, false, false);
    this.status = status;
    this.body = body;
  }

  public static VastError of(int status, String error, String msg) {
    Map<String, @Nullable Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", error);
    body.put("msg", msg);
    return new VastError(status, body);
  }

  /** 400 {@code invalid_args}: Vast's code for a body or query it cannot use. */
  public static VastError invalidArgs(String msg) {
    return of(400, "invalid_args", msg);
  }

  /** The same error with one more field (e.g. {@code ask_id}). */
  public VastError with(String field, @Nullable Object value) {
    Map<String, @Nullable Object> more = new LinkedHashMap<>(body);
    more.put(field, value);
    return new VastError(status, more);
  }

  public int status() {
    return status;
  }

  public Map<String, @Nullable Object> body() {
    return body;
  }

  private static final long serialVersionUID = 1L;
}
