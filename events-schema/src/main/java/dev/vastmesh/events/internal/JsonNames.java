package dev.vastmesh.events.internal;

/** The one naming rule of our JSON: record component {@code costPerHour} is {@code cost_per_hour}. */
public final class JsonNames {

  private JsonNames() {
  }

  public static String snakeCase(String camelCase) {
    StringBuilder out = new StringBuilder(camelCase.length() + 4);
    for (int i = 0; i < camelCase.length(); i++) {
      char c = camelCase.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes a member name for use in a JSON Pointer (RFC 6901). */
  public static String pointerToken(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
