package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.privacy.LocalKeyEncryptionKey;
import crisis.core.privacy.PersonalDataKeys;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The embedded default's keys: made at the first start into {@code file} (mode 600, written whole or not at all) and
 * read from it afterwards. Whoever reads the file reads the sealed values of the database beside it: fine for a
 * machine that runs the system for itself, never for production (there the keys come from the environment).
 */
public class GeneratedKeysFactory extends PersonalDataKeysFactory {
  @NotNull
  @JsonProperty
  public String file = "data/keys";

  @Override
  public PersonalDataKeys keys() {
    Properties p = GeneratedCredentials.readOrMake(Path.of(file), "the personal data keys of the embedded default",
        LocalKeyEncryptionKey::generate, "keyEncryptionKey", "indexKey");
    return PersonalDataKeys.fromBase64(file + ": keyEncryptionKey", p.getProperty("keyEncryptionKey"),
        file + ": indexKey", p.getProperty("indexKey"));
  }
}
