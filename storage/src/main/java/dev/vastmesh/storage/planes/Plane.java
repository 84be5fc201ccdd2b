package dev.vastmesh.storage.planes;

import java.util.Locale;

/** A named way to reach the store: through the public tunnel or over the private tailnet. */
public enum Plane {
  PUBLIC, PRIVATE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
