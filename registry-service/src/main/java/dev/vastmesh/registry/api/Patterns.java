package dev.vastmesh.registry.api;

/** The value rules of the registry API, in one place (the OpenAPI contract states the same). */
final class Patterns {

  static final String IP = "^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
      + "|[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7})$";
  static final String HOSTNAME = "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
  static final String CAPABILITY = "^[a-z0-9][a-z0-9_.-]{0,63}$";
  static final String CAPABILITY_MESSAGE = "must be 1-64 characters of a-z, 0-9, '_', '.', '-'";
  static final String STATUS = "^(starting|ready|busy|degraded|unhealthy|draining)$";
  static final String STATUS_MESSAGE = "must be one of starting, ready, busy, degraded, unhealthy, draining";
  static final String ENVIRONMENT = "^[a-z0-9][a-z0-9_-]{0,63}$";
  static final String ENVIRONMENT_MESSAGE = "must be 1-64 characters of a-z, 0-9, '_', '-'";
  static final String GPU_TYPE = "^[A-Za-z0-9][A-Za-z0-9_ .-]{0,63}$";
  static final String GPU_TYPE_MESSAGE = "must be 1-64 characters of letters, digits, '_', ' ', '.', '-'";
  static final String PRINTABLE = "^[^\\p{Cntrl}]+$";
  static final String PRINTABLE_MESSAGE = "must be non-empty and contain no control characters";
  static final String HTTP_URL = "^https?://[^\\s/?#]+(/[^\\s]*)?$";
  static final String OFFER_TYPE = "^(on-demand|interruptible|reserved)$";
  static final String OFFER_TYPE_MESSAGE = "must be one of on-demand, interruptible, reserved";
  static final String LABEL_KEY = "^[a-zA-Z0-9_-]{1,128}$";
  static final String LABEL_KEY_MESSAGE = "label keys must match ^[a-zA-Z0-9_-]{1,128}$";

  private Patterns() {
  }
}
