package crisis.core.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ReplyMeaningTest {
  @Test
  void helpSetsNeedsHelpAndOpensAnAssistanceRequest() {
    ReplyMeaning m = ReplyMeaning.of(Keyword.of("ساعدوني"));
    assertThat(m.status()).isEqualTo(CitizenStatus.NEEDS_HELP);
    assertThat(m.opensAssistance()).isTrue();
    assertThat(m.acknowledgement()).isEqualTo(Phrases.Key.ACK_HELP);
  }

  @Test
  void safeSetsSafeAndOpensNothing() {
    ReplyMeaning m = ReplyMeaning.of(Keyword.of("1"));
    assertThat(m.status()).isEqualTo(CitizenStatus.SAFE);
    assertThat(m.opensAssistance()).isFalse();
    assertThat(m.acknowledgement()).isEqualTo(Phrases.Key.ACK_SAFE);
  }

  @Test
  void stopOptsOutAndIsNotAcknowledged() {
    ReplyMeaning m = ReplyMeaning.of(Keyword.STOP);
    assertThat(m.optOut()).isTrue();
    assertThat(m.status()).isNull();
    assertThat(m.acknowledgement()).isNull();
  }

  @Test
  void startOptsInAndAnythingElseIsOnlyAcknowledged() {
    assertThat(ReplyMeaning.of(Keyword.START).optIn()).isTrue();
    ReplyMeaning other = ReplyMeaning.of(Keyword.of("where do we go?"));
    assertThat(other).isEqualTo(new ReplyMeaning(null, false, false, false, Phrases.Key.ACK_OTHER));
  }
}
