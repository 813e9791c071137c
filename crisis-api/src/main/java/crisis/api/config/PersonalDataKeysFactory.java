package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import crisis.core.privacy.PersonalDataKeys;

/**
 * The keys that protect personal data at rest ({@code crisis.core.privacy.FieldCipher}), chosen in YAML with
 * {@code personalData.type}: {@code environment} (production: both keys given to the process, a KMS behind the
 * key-encryption key in the long run, docs/data-protection.md) or {@code generated} (the embedded default: made at the
 * first start into a file of mode 600 beside its data).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EnvironmentKeysFactory.class, name = "environment"),
    @JsonSubTypes.Type(value = GeneratedKeysFactory.class, name = "generated")})
public abstract class PersonalDataKeysFactory {
  /** The keys; fails naming the setting that is missing or wrong, never quoting a key. */
  public abstract PersonalDataKeys keys();
}
