package crisis.alerts.sms;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.standin.LocalTwilio;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real Twilio SDK against a fake Twilio on 127.0.0.1: one attempt per call, and every answer classified. */
@Tag("fast")
class TwilioGatewayTest {
  static final String SID = "AC00000000000000000000000000000000";
  LocalTwilio fake;
  TwilioGateway gateway;

  @BeforeEach
  void start() throws Exception {
    fake = new LocalTwilio();
    gateway = new TwilioGateway(SID, "test-token", fake.base(), Duration.ofMillis(800));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void sendsOneMessageWithTheAccountsCredentialsAndTheTextAsWritten() {
    String arabic = "ابقوا في منازلكم";
    SendResult r = gateway.send(new OutgoingSms("+218911230001", "+15005550006", arabic,
        "https://crisis.example.org/api/v1/twilio/status"));
    assertThat(r.outcome()).isEqualTo(SendResult.Outcome.SENT);
    assertThat(r.sid()).startsWith("SM");
    assertThat(r.status()).isEqualTo("queued");
    Map<String, String> sent = fake.requests().get(0);
    assertThat(sent).containsEntry("To", "+218911230001").containsEntry("From", "+15005550006")
        .containsEntry("Body", arabic).containsEntry("StatusCallback",
            "https://crisis.example.org/api/v1/twilio/status");
    assertThat(fake.authorizations().get(0)).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString((SID + ":test-token").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aMessagingServiceSendsInsteadOfANumber() {
    gateway.send(new OutgoingSms("+33612345678", "MG00000000000000000000000000000001", "Restez chez vous.", null));
    assertThat(fake.requests().get(0)).containsEntry("MessagingServiceSid", "MG00000000000000000000000000000001")
        .doesNotContainKey("From");
  }

  @Test
  void theSdkNeverRepeatsAPostAfterAServerError() {
    for (int status : new int[] {500, 502, 503}) {
      String to = "+3361200000" + (status % 10);
      fake.script(p -> new LocalTwilio.Reply(status, null, 0));
      SendResult r = gateway.send(new OutgoingSms(to, "+15005550006", "x", null));
      assertThat(r.outcome()).as("HTTP %d", status).isEqualTo(SendResult.Outcome.RETRY);
      assertThat(fake.requests(to)).as("requests after HTTP %d", status).isEqualTo(1);
    }
  }

  @Test
  void throttlingAndTimeoutsAreRetryableAndPermanentErrorsAreNot() {
    fake.script(p -> new LocalTwilio.Reply(429, 20429, 0));
    assertThat(gateway.send(sms("+33612000001")).outcome()).isEqualTo(SendResult.Outcome.RETRY);
    fake.script(p -> new LocalTwilio.Reply(201, null, 2000));
    // No answer in time: the message may exist (here it does), so the outcome is unknown, not a blind retry.
    assertThat(gateway.send(sms("+33612000002")).outcome()).isEqualTo(SendResult.Outcome.UNKNOWN);
    assertThat(fake.requests("+33612000002")).isEqualTo(1);
    SendResult found = gateway.lookup("+33612000002", "Restez chez vous.",
        java.time.Instant.now().minusSeconds(60), sid -> false).orElseThrow();
    assertThat(found.outcome()).isEqualTo(SendResult.Outcome.SENT);
    assertThat(found.sid()).startsWith("SM");
    // The same message already recorded for another attempt (an identical text to the same phone): not this one.
    assertThat(gateway.lookup("+33612000002", "Restez chez vous.", java.time.Instant.now().minusSeconds(60),
        sid -> sid.equals(found.sid()))).isEmpty();
    assertThat(gateway.lookup("+33612000002", "another text", java.time.Instant.now().minusSeconds(60), sid -> false))
        .isEmpty();
    assertThat(gateway.lookup("+33612000002", "Restez chez vous.", java.time.Instant.now().plusSeconds(60),
        sid -> false)).isEmpty();
    fake.script(p -> new LocalTwilio.Reply(400, 21211, 0));
    SendResult invalid = gateway.send(sms("+33612000003"));
    assertThat(invalid.outcome()).isEqualTo(SendResult.Outcome.FAILED);
    assertThat(invalid.errorCode()).isEqualTo(21211);
    fake.script(p -> new LocalTwilio.Reply(400, 21614, 0));
    assertThat(gateway.send(sms("+33612000004")).outcome()).isEqualTo(SendResult.Outcome.FAILED);
    fake.script(p -> new LocalTwilio.Reply(400, 21610, 0));
    SendResult stopped = gateway.send(sms("+33612000005"));
    assertThat(stopped.outcome()).isEqualTo(SendResult.Outcome.OPTED_OUT);
    assertThat(stopped.errorCode()).isEqualTo(21610);
  }

  @Test
  void aCallReadsTheTextInThePersonsLanguage() {
    fake.script(p -> LocalTwilio.Reply.OK);
    SendResult r = gateway.call(new OutgoingCall("+33612000009", "+15005550006", "fr", "Restez chez vous.", null));
    assertThat(r.outcome()).isEqualTo(SendResult.Outcome.SENT);
    assertThat(r.sid()).startsWith("CA");
    assertThat(fake.calls("+33612000009")).isEqualTo(1);
    assertThat(fake.createdFor("+33612000009").get(0).body())
        .contains("<Say language=\"fr-FR\">Restez chez vous.</Say>").contains("<Pause");
    assertThat(gateway.lookup("+33612000009", null, java.time.Instant.now().minusSeconds(60), sid -> false))
        .isPresent();
  }

  private static OutgoingSms sms(String to) {
    return new OutgoingSms(to, "+15005550006", "Restez chez vous.", null);
  }
}
