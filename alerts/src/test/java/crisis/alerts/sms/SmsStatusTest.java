package crisis.alerts.sms;

import static crisis.alerts.sms.SmsStatus.DELIVERED;
import static crisis.alerts.sms.SmsStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Twilio's status names; the forward-only rule itself is in SQL and tested there (DeliveryReportsTest). */
@Tag("fast")
class SmsStatusTest {
  @Test
  void readsTwiliosNames() {
    assertThat(SmsStatus.fromTwilio("delivered")).isEqualTo(DELIVERED);
    assertThat(SmsStatus.fromTwilio(" Undelivered ")).isEqualTo(UNDELIVERED);
    assertThatThrownBy(() -> SmsStatus.fromTwilio("teleported")).hasMessageContaining("teleported");
    assertThatThrownBy(() -> SmsStatus.fromTwilio(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
