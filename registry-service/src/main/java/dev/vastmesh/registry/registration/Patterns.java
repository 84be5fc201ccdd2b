package dev.vastmesh.registry.registration;

/** The value rules of the registry API, in one place (the OpenAPI contract states the same). */
public final class Patterns {

  public static final String IP = "^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
      + "|[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7})$";
  public static final String HOSTNAME = "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
  public static final String CAPABILITY = "^[a-z0-9][a-z0-9_.-]{0,63}$";
  public static final String CAPABILITY_MESSAGE = "must be 1-64 characters of a-z, 0-9, '_', '.', '-'";
  public static final String STATUS = "^(starting|ready|busy|degraded|unhealthy|draining)$";
  public static final String STATUS_MESSAGE = "must be one of starting, ready, busy, degraded, unhealthy, draining";
  public static final String ENVIRONMENT = "^[a-z0-9][a-z0-9_-]{0,63}$";
  public static final String ENVIRONMENT_MESSAGE = "must be 1-64 characters of a-z, 0-9, '_', '-'";
  public static final String GPU_TYPE = "^[A-Za-z0-9][A-Za-z0-9_ .-]{0,63}$";
  public static final String GPU_TYPE_MESSAGE = "must be 1-64 characters of letters, digits, '_', ' ', '.', '-'";
  public static final String PRINTABLE = "^[^\\p{Cntrl}]+$";
  public static final String PRINTABLE_MESSAGE = "must be non-empty and contain no control characters";
  public static final String HTTP_URL = "^https?://[^\\s/?#]+(/[^\\s]*)?$";
  public static final String OFFER_TYPE = "^(on-demand|interruptible|reserved)$";
  public static final String OFFER_TYPE_MESSAGE = "must be one of on-demand, interruptible, reserved";
  public static final String LABEL_KEY = "^[a-zA-Z0-9_-]{1,128}$";
  public static final String LABEL_KEY_MESSAGE = "label keys must match ^[a-zA-Z0-9_-]{1,128}$";

  private Patterns() {
  }
}
