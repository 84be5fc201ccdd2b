package dev.vastmesh.gateway.mapping;

import java.text.Normalizer;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cleans the string values of a parsed payload: control characters removed (tab and newline
 * kept), Unicode normalised to NFC. It works on the parsed copy only: the bytes that were
 * signed are never touched, or their signature would no longer verify.
 */
public final class Sanitizer {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Sanitizer() {
  }

  public static JsonNode clean(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        copy.set(member.getKey(), clean(member.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode(node.size());
      for (JsonNode element : node) {
        copy.add(clean(element));
      }
      return copy;
    }
    if (node.isString()) {
      return NODES.stringNode(clean(node.stringValue()));
    }
    return node;
  }

  static String clean(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean control = Character.isISOControl(c) && c != '\t' && c != '\n';
      if (control && out == null) {
        out = new StringBuilder(value.length()).append(value, 0, i);
      } else if (!control && out != null) {
        out.append(c);
      }
    }
    String stripped = out == null ? value : out.toString();
    return Normalizer.isNormalized(stripped, Normalizer.Form.NFC) ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFC);
  }
}
