package crisis.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A person's point as the topics carry it: opened only with its id and key, and nothing of it readable. */
@Tag("fast")
class PositionSealTest {
  private final byte[] indexKey = new byte[32];
  private final PositionSeal seal = PositionSeal.derivedFrom(indexKey);

  @Test
  void aPointOpensExactlyWithItsIdAndNeverShowsItsDigits() {
    UUID id = UUID.randomUUID();
    String sealed = seal.seal(id, 33.589886, -7.603869);
    assertThat(seal.open(id, sealed)).containsExactly(33.589886, -7.603869);
    assertThat(sealed).doesNotContain("33.58").doesNotContain("7.60").matches("[A-Za-z0-9_-]+");
    // Two seals of one point differ (a fresh nonce): equal homes cannot be told apart on the topic.
    assertThat(seal.seal(id, 33.589886, -7.603869)).isNotEqualTo(sealed);
  }

  @Test
  void aPointMovedToAnotherPersonChangedOrUnderAnotherKeyDoesNotOpen() {
    UUID id = UUID.randomUUID();
    String sealed = seal.seal(id, 36.8065, 10.1815);
    assertThatThrownBy(() -> seal.open(UUID.randomUUID(), sealed)).isInstanceOf(SealedValueException.class);
    byte[] raw = Base64.getUrlDecoder().decode(sealed);
    raw[raw.length - 1] ^= 1;
    String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThatThrownBy(() -> seal.open(id, changed)).isInstanceOf(SealedValueException.class);
    byte[] otherKey = "another index key of 32 bytes!!!".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> PositionSeal.derivedFrom(otherKey).open(id, sealed))
        .isInstanceOf(SealedValueException.class);
    assertThatThrownBy(() -> seal.open(id, "32.85,13.15")).isInstanceOf(SealedValueException.class);
  }
}
