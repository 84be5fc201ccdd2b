package dev.vastmesh.storage.planes;

import dev.vastmesh.storage.StorageException;
import java.util.Locale;

/** What a caller asks for: one plane, or {@code auto} (the placement's preferred one). */
public enum PlaneChoice {
  PUBLIC, PRIVATE, AUTO;

  public static PlaneChoice parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "public" -> PUBLIC;
      case "private" -> PRIVATE;
      case "auto", "" -> AUTO;
      default -> throw new StorageException(StorageException.Kind.MISCONFIGURED,
          "plane must be public, private or auto, not " + text);
    };
  }
}
