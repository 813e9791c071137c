package crisis.core.users;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.access.Role;
import crisis.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Passwords as stored: bcrypt at the documented cost, salted, never the password itself. */
class UserServiceTest {
  static final TestDatabase DB = TestDatabase.create();

  @AfterAll
  static void drop() {
    DB.drop();
  }

  @Test
  void passwordsAreStoredAsSaltedBcryptOfCostTwelve() {
    UserService users = new UserService(DB.jdbi());
    users.add("officer.one", "correct horse battery".toCharArray(), Role.CRISIS_CELL, null);
    users.add("officer.two", "correct horse battery".toCharArray(), Role.CRISIS_CELL, null);
    var hashes = DB.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM app_user ORDER BY username")
        .mapTo(String.class).list());
    assertThat(hashes).hasSize(2).allSatisfy(hash -> assertThat(hash).startsWith("$2a$12$").hasSize(60)
        .doesNotContain("correct horse"));
    assertThat(hashes.get(0)).as("salted: the same password, two hashes").isNotEqualTo(hashes.get(1));
    assertThat(users.authenticate("officer.one", "correct horse battery", null)).isPresent();
    assertThat(users.authenticate("officer.one", "correct horse batterY", null)).isEmpty();
  }
}
