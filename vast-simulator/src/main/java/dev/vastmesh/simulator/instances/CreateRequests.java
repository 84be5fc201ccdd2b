package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.web.VastError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a create body as Vast checks it: an image, {@code disk} of at least 8 GB, {@code env}
 * an object of strings of at most 256 characters, a label of at most 1024, a positive
 * {@code price} or null. Vast's exact wording for each refusal is not documented; the shape is
 * its usual {@code {"success": false, "error", "msg"}} with 400.
 */
final class CreateRequests {

  private CreateRequests() {
  }

  static CreateRequest parse(JsonNode body) {
    if (!body.isObject()) {
      throw VastError.invalidArgs("The request body must be a JSON object.");
    }
    JsonNode image = body.get("image");
    if (image == null || !image.isString() || image.asString().isBlank()) {
      throw VastError.invalidArgs("image is required.");
    }
    double disk = number(body.get("disk"), 10.0, "disk");
    if (disk < 8) {
      throw VastError.invalidArgs("disk must be at least 8 GB.");
    }
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode envNode = body.get("env");
    if (envNode != null && !envNode.isNull()) {
      if (!envNode.isObject()) {
        throw VastError.invalidArgs("env must be an object of strings.");
      }
      for (Map.Entry<String, JsonNode> entry : envNode.properties()) {
        if (!entry.getValue().isString() && !entry.getValue().isNumber() && !entry.getValue().isBoolean()) {
          throw VastError.invalidArgs("env value of " + entry.getKey() + " must be a string.");
        }
        String value = entry.getValue().asString();
        if (entry.getKey().length() + value.length() > 256) {
          throw VastError.invalidArgs("env entry " + entry.getKey() + " is longer than 256 characters.");
        }
        env.put(entry.getKey(), value);
      }
    }
    String label = text(body.get("label"), "label");
    if (label != null && label.length() > 1024) {
      throw VastError.invalidArgs("label must be at most 1024 characters.");
    }
    JsonNode priceNode = body.get("price");
    Double price = priceNode == null || priceNode.isNull() ? null : number(priceNode, 0, "price");
    if (price != null && price <= 0) {
      throw VastError.invalidArgs("price must be a positive $/hour bid.");
    }
    return new CreateRequest(image.asString().strip(), disk, label, env, text(body.get("onstart"), "onstart"), price);
  }

  private static double number(@Nullable JsonNode node, double fallback, String name) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isString()) {
      try {
        return Double.parseDouble(node.asString());
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw VastError.invalidArgs(name + " must be a number.");
  }

  private static @Nullable String text(@Nullable JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw VastError.invalidArgs(name + " must be a string.");
    }
    return node.asString();
  }
}
