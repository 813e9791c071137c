package crisis.core.registry;

import crisis.core.common.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of normalised registration content, so that re-importing an unchanged row is recognised
 * without comparing every column.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String of(RegistrationData normalised) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] digest = md.digest(Json.MAPPER.writeValueAsBytes(normalised));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
