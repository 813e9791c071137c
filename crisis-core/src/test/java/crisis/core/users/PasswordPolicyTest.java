package crisis.core.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.ValidationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PasswordPolicyTest {
  private static void refused(String password, String reason) {
    assertThatThrownBy(() -> PasswordPolicy.check(password.toCharArray()))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("password: ")
        .hasMessageContaining(reason);
  }

  @Test
  void refusesWhatTheReviewCreated() {
    refused("            ", "only spaces");
    refused("aaaaaaaaaaaa", "one character repeated");
    refused("password1234", "common password");
    refused("Azerty2026!!", "common password");
    refused("123456789012", "common password");
  }

  @Test
  void countsBytesNotCharacters() {
    refused("a".repeat(73), "at most 72 bytes");
    refused("كلمة", "at least 12 bytes"); // 4 letters, 8 bytes
    refused("س".repeat(37), "at most 72 bytes"); // 37 letters, 74 bytes
    assertThatCode(() -> PasswordPolicy.check("كلمة سر طويلة".toCharArray())).doesNotThrowAnyException();
  }

  @Test
  void acceptsAPassphrase() {
    assertThatCode(() -> PasswordPolicy.check("correct horse battery".toCharArray())).doesNotThrowAnyException();
    assertThat(PasswordPolicy.checkable("a".repeat(72))).isTrue();
    assertThat(PasswordPolicy.checkable("a".repeat(73))).isFalse();
    assertThat(PasswordPolicy.checkable(null)).isFalse();
  }
}
