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
 */
public final class Sanitizer {

  private static final ObjectReader READER = EventCodec.standard().treeReader(new CleaningNodes());

  private Sanitizer() {
  }

  /** The clean tree of a JSON document, read with the event wire settings. */
  public static JsonNode parse(byte[] json) throws JacksonException {
    return READER.readTree(json);
  }

  /**
   * Whether cleaning cannot change any string of this document: every byte is printable ASCII or
   * JSON whitespace, and no escape decodes to anything else (a backslash-u escape may name any
   * character; backslash-b, -f and -r name control characters that cleaning strips). Printable
   * ASCII is already NFC. Then the parsed tree holds exactly the values the bytes spell, and the
   * bytes may stand for it: one pass over bytes already in the cache, instead of serialising again.
   */
  public static boolean leavesUnchanged(byte[] json) {
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (b == '\\') {
        if (++i == json.length) {
          return false;
        }
        byte escaped = json[i];
        if (escaped == 'u' || escaped == 'b' || escaped == 'f' || escaped == 'r') {
          return false;
        }
      } else if (b >= 0x7f || b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        // Bytes are signed: every non-ASCII byte is negative, so below 0x20.
        return false;
      }
    }
    return true;
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

  /** Makes every string node of the clean value. */
  private static final class CleaningNodes extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public StringNode stringNode(String text) {
      return super.stringNode(text == null ? null : clean(text));
    }
  }
}
