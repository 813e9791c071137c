package crisis.core.registry.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import crisis.core.common.Json;
import crisis.core.privacy.FieldCipher;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The previous values a change row keeps ({@code registration_change.previous}), with the sealed fields sealed there
 * too: a history must not keep in clear what the registration itself seals.
 */
public final class SealedPrevious {
  private static final String PREFIX = "sealed:";
  private static final Map<String, FieldCipher.Field> SEALED = Map.of(
      "nationalId", FieldCipher.Field.NATIONAL_ID, "passportNumber", FieldCipher.Field.PASSPORT_NUMBER);

  private SealedPrevious() {}

  /** {@code previous} with each sealed field's text replaced by {@code sealed:<base64>}. */
  public static Map<String, JsonNode> seal(FieldCipher cipher, UUID registration, Map<String, JsonNode> previous) {
    Map<String, JsonNode> out = new LinkedHashMap<>(previous);
    SEALED.forEach((name, field) -> {
      JsonNode v = out.get(name);
      if (v != null && v.isTextual() && !v.asText().startsWith(PREFIX)) {
        out.put(name, TextNode.valueOf(PREFIX + Base64.getEncoder().encodeToString(
            cipher.seal(field, registration, v.asText()))));
      }
    });
    return out;
  }

  /** The JSON as stored, each sealed field opened again; null stays null. */
  static String open(FieldCipher cipher, UUID registration, String json) {
    if (json == null || !json.contains(PREFIX)) {
      return json;
    }
    ObjectNode node = (ObjectNode) Json.read(json, JsonNode.class);
    SEALED.forEach((name, field) -> {
      JsonNode v = node.get(name);
      if (v != null && v.isTextual() && v.asText().startsWith(PREFIX)) {
        node.put(name, cipher.open(field, registration,
            Base64.getDecoder().decode(v.asText().substring(PREFIX.length()))));
      }
    });
    return Json.write(node);
  }
  /**
   * The JSON with every sealed field not sealed with the cipher's current key sealed again with it; null when none
   * needed it.
   */
  public static String reseal(FieldCipher cipher, UUID registration, String json) {
    ObjectNode node = (ObjectNode) Json.read(json, JsonNode.class);
    boolean changed = false;
    for (Map.Entry<String, FieldCipher.Field> e : SEALED.entrySet()) {
      JsonNode v = node.get(e.getKey());
      if (v != null && v.isTextual() && v.asText().startsWith(PREFIX)) {
        byte[] sealed = Base64.getDecoder().decode(v.asText().substring(PREFIX.length()));
        if (FieldCipher.version(sealed) != cipher.currentVersion()) {
          byte[] again = cipher.seal(e.getValue(), registration, cipher.open(e.getValue(), registration, sealed));
          node.put(e.getKey(), PREFIX + Base64.getEncoder().encodeToString(again));
          changed = true;
        }
      }
    }
    return changed ? Json.write(node) : null;
  }

  /** The key versions of the sealed fields in {@code json}. */
  public static java.util.Set<Integer> versions(String json) {
    java.util.Set<Integer> versions = new java.util.TreeSet<>();
    ObjectNode node = (ObjectNode) Json.read(json, JsonNode.class);
    for (String name : SEALED.keySet()) {
      JsonNode v = node.get(name);
      if (v != null && v.isTextual() && v.asText().startsWith(PREFIX)) {
        versions.add(FieldCipher.version(Base64.getDecoder().decode(v.asText().substring(PREFIX.length()))));
      }
    }
    return versions;
  }
}
