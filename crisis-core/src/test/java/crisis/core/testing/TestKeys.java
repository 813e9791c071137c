package crisis.core.testing;

import crisis.core.privacy.PersonalDataKeys;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The tests' personal data keys: the same as {@code config/test.yml}'s, so a test may write through its own Jdbi and
 * read through the application's. Never used outside the tests.
 */
public final class TestKeys {
  public static final String KEY_ENCRYPTION_KEY = "YXn2jYqSj/77ll6QVTlQifKOqQodd402S+pqfMioreM=";
  public static final String INDEX_KEY = "u/8zOlUOpl4pt0gkLXUwe7UIv3br2JyXXv82ab6PY7g=";

  private TestKeys() {}

  public static PersonalDataKeys keys() {
    return PersonalDataKeys.fromBase64("test key-encryption key", KEY_ENCRYPTION_KEY, "test index key", INDEX_KEY);
  }

  /** {@code jdbi} with the test keys installed. */
  public static Jdbi install(Jdbi jdbi) {
    keys().install(jdbi, Clock.systemUTC());
    return jdbi;
  }
}
