package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.privacy.PersonalDataKeys;
import io.dropwizard.validation.ValidationMethod;

/**
 * Both keys from the configuration, which takes them from the environment ({@code config/production.yml}:
 * {@code CRISIS_KEY_ENCRYPTION_KEY}, {@code CRISIS_INDEX_KEY}), each 32 random bytes in base64 ({@code keys
 * generate} prints new ones).
 */
public class EnvironmentKeysFactory extends PersonalDataKeysFactory {
  @JsonProperty
  public String keyEncryptionKey;

  @JsonProperty
  public String indexKey;

  @Override
  public PersonalDataKeys keys() {
    return PersonalDataKeys.fromBase64("personalData.keyEncryptionKey", keyEncryptionKey, "personalData.indexKey",
        indexKey);
  }

  /** Checked by {@code check CONFIG} and at start: the message names the settings, never their values. */
  @ValidationMethod(message = "personalData.keyEncryptionKey and personalData.indexKey must each be 32 random bytes "
      + "in base64 (CRISIS_KEY_ENCRYPTION_KEY, CRISIS_INDEX_KEY; `keys generate` prints new ones)")
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isUsable() {
    try {
      keys();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
