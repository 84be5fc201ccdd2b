package dev.vastmesh.gateway.mapping;

import dev.vastmesh.events.EventCodec;
import java.text.Normalizer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * Parses a verified body into a tree whose string values are clean: control characters removed
 * (tab and newline kept), Unicode normalised to NFC. Strings are cleaned as the parser makes
 * their nodes, so the tree is built once rather than parsed and then copied. Only the parsed
 * tree is cleaned: the bytes that were signed are never touched, or their signature would no
 * longer verify. Member names are left as they are: they are matched against the schema, which
 * rejects anything unexpected.
 *
 * <p>A parse also says whether cleaning changed any value: when it changed none, the tree holds
 * exactly what the bytes spell, and the bytes may stand for it.
 */
public final class Sanitizer {

  private static final ObjectReader READER = EventCodec.standard().treeReader(JsonNodeFactory.instance);

  private Sanitizer() {
  }

  /**
   * A parsed document.
   *
   * @param tree its clean tree
   * @param cleanedNothing no string value needed cleaning: the tree is the one the bytes spell
   */
  public record Parsed(JsonNode tree, boolean cleanedNothing) {
  }

  /** The clean tree of a JSON document, read with the event wire settings. */
  public static Parsed parse(byte[] json) throws JacksonException {
    // A factory per parse: it records what this parse cleaned (one document, one thread).
    CleaningNodes nodes = new CleaningNodes();
    JsonNode tree = READER.with(nodes).readTree(json);
    return new Parsed(tree, !nodes.cleanedAny);
  }

  static String clean(String value) {
    if (isPlainAscii(value)) {
      return value;
    }
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

  /**
   * Printable ASCII, tab and newline: nothing to strip, and already NFC (no character below
   * U+0300 composes or reorders). Most values are, and checking NFC allocates.
   */
  private static boolean isPlainAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x7f || c < 0x20 && c != '\t' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  /** Makes every string node of the clean value, and notes whether any was cleaned. */
  private static final class CleaningNodes extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    boolean cleanedAny;

    @Override
    public StringNode stringNode(String text) {
      String clean = text == null ? null : clean(text);
      // clean returns the very string it was given when there is nothing to change.
      cleanedAny |= clean != text;
      return super.stringNode(clean);
    }
  }
}
