package crisis.core.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.audit.AuditTrail;
import crisis.core.common.FieldError;
import crisis.core.common.TooManyRequestsException;
import crisis.core.common.ValidationException;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.Claimed;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.outreach.db.SmsDao;
import crisis.core.privacy.PersonalData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.testing.ManualClock;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class PhoneProofsTest {
  private static final String PHONE = "+33612345678";
  private static final String SENDER = "default";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private TestDatabase db;
  private Jdbi jdbi;
  private PhoneProofs proofs;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    proofs = new PhoneProofs(jdbi, SenderPlan.single("+33757000000", 1), clock);
  }

  @AfterEach
  void drop() {
    db.drop();
  }

  @Test
  void aCodeSentBySmsProvesThePhoneOnceAndIsSpentOnce() {
    PhoneProofs.Sent sent = proofs.send("+33 6 12 34 56 78", "fr", "203.0.113.9");
    assertThat(sent.expiresAt()).isEqualTo(clock.instant().plus(PhoneProofs.VALID));
    Claimed sms = claimOne();
    assertThat(sms.kind()).isEqualTo(SmsKind.CODE);
    assertThat(sms.phone()).isEqualTo(PHONE);
    assertThat(sms.body()).startsWith("Votre code de vérification : ").contains("10 minutes");
    String code = codeIn(sms.body());

    PhoneProofs.Proven proven = proofs.check(sent.proof(), "0033612345678", code);
    assertThat(proven.phone()).isEqualTo(PHONE);
    // Checked twice before it is used: a page may ask again; spending it is what makes it single-use.
    proofs.check(sent.proof(), PHONE, code);
    jdbi.useTransaction(h -> proofs.spend(h, proven));
    assertThatThrownBy(() -> jdbi.useTransaction(h -> proofs.spend(h, proven)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("already used");
    assertRefused(() -> proofs.check(sent.proof(), PHONE, code), "code", "was already used: ask for a new code");
  }

  @Test
  void theCodeIsInTheLanguageAskedAndSaysNothingElse() {
    proofs.send(PHONE, "ar", "203.0.113.9");
    String body = claimOne().body();
    assertThat(body).startsWith("رمز التحقق الخاص بكم: ").contains("10 دقائق");
    assertThat(codeIn(body)).matches("[0-9]{6}");
    proofs.send("+33612345679", "en", "203.0.113.9");
    assertThat(claimOne().body()).startsWith("Your verification code: ").endsWith("Do not give it to anyone.");
  }

  @Test
  void wrongCodesCountAndTheFifthKillsTheProof() {
    PhoneProofs.Sent sent = proofs.send(PHONE, "fr", "203.0.113.9");
    String code = codeIn(claimOne().body());
    String wrong = code.equals("000000") ? "111111" : "000000";
    for (int i = 0; i < PhoneProofs.ATTEMPTS; i++) {
      assertRefused(() -> proofs.check(sent.proof(), PHONE, wrong), "code", "is not the code sent");
    }
    assertRefused(() -> proofs.check(sent.proof(), PHONE, code), "code",
        "was given wrong too many times: ask for a new code");
  }

  @Test
  void aCodeExpiresAfterItsMinutes() {
    PhoneProofs.Sent sent = proofs.send(PHONE, "fr", "203.0.113.9");
    String code = codeIn(claimOne().body());
    clock.advance(PhoneProofs.VALID.minusSeconds(1));
    PhoneProofs.Proven proven = proofs.check(sent.proof(), PHONE, code);
    clock.advance(Duration.ofSeconds(1));
    assertRefused(() -> proofs.check(sent.proof(), PHONE, code), "code", "has expired: ask for a new code");
    // Checked just in time, but spent too late: refused as well.
    assertThatThrownBy(() -> jdbi.useTransaction(h -> proofs.spend(h, proven)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aProofIsBoundToItsPhoneAndUnknownProofsAreRefusedTheSameWay() {
    PhoneProofs.Sent sent = proofs.send(PHONE, "fr", "203.0.113.9");
    String code = codeIn(claimOne().body());
    assertRefused(() -> proofs.check(sent.proof(), "+33612345679", code), "code",
        "was not sent to this phone: ask for a new code");
    assertRefused(() -> proofs.check(UUID.randomUUID(), PHONE, code), "code",
        "was not sent to this phone: ask for a new code");
    assertRefused(() -> proofs.check(sent.proof(), PHONE, "12345"), "code", "must be the 6 digits sent by SMS");
    assertRefused(() -> proofs.check(sent.proof(), PHONE, "12 34 56"), "code", "must be the 6 digits sent by SMS");
  }

  @Test
  void atMostThreeCodesAnHourToAPhoneAndTenFromAnAddress() {
    for (int i = 0; i < PhoneProofs.PER_PHONE; i++) {
      proofs.send(PHONE, "fr", "203.0.113." + i);
    }
    assertThatThrownBy(() -> proofs.send(PHONE, "fr", "198.51.100.1"))
        .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
          assertThat(e.field()).isEqualTo("phone");
          assertThat(e.getMessage()).isEqualTo("at most 3 codes an hour may be sent to one phone");
          assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
        });
    clock.advance(Duration.ofMinutes(61));
    proofs.send(PHONE, "fr", "198.51.100.1");

    for (int i = 0; i < PhoneProofs.PER_ADDRESS; i++) {
      proofs.send(String.format("+336123400%02d", i), "fr", "192.0.2.7");
    }
    assertThatThrownBy(() -> proofs.send("+33612340099", "fr", "192.0.2.7"))
        .isInstanceOf(TooManyRequestsException.class)
        .hasMessage("at most 10 codes an hour may be asked from one address");
    // Refused before anything was written or sent.
    assertThat(count("SELECT count(*) FROM sms_send WHERE phone = '+33612340099'")).isZero();
    assertThat(count("SELECT count(*) FROM phone_proof")).isEqualTo(3 + 1 + 10);
  }

  @Test
  void aKnownPhoneAndAnUnknownOneLeaveTheSameTraces() {
    new RegistrationService(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock), clock)
        .create(Samples.PARIS_OFFICER, Samples.parisian(1));
    String known = Samples.parisian(1).phone();
    String unknown = "+33699887766";
    Map<String, Long> before = rowsByTable();
    PhoneProofs.Sent a = proofs.send(known, "fr", "203.0.113.9");
    Map<String, Long> afterKnown = rowsByTable();
    PhoneProofs.Sent b = proofs.send(unknown, "fr", "203.0.113.10");
    Map<String, Long> afterUnknown = rowsByTable();
    assertThat(delta(before, afterKnown)).isEqualTo(delta(afterKnown, afterUnknown))
        .isEqualTo(Map.of("phone_proof", 1L, "sms_send", 1L));
    assertThat(a.expiresAt()).isEqualTo(b.expiresAt());
  }

  @Test
  void aCrisisAlertOrAnyOtherSmsLeavesBeforeACode() {
    proofs.send(PHONE, "fr", "203.0.113.9");
    clock.advance(Duration.ofSeconds(5));
    jdbi.useExtension(OutreachDao.class, dao -> dao.queueText(UUID.randomUUID(), "ack:test", SmsKind.ACK, null,
        "+33611111111", "fr", SENDER, "Merci", 1, clock.instant()));
    // The code was queued first, yet the acknowledgement is claimed before it; the code once nothing else is due.
    assertThat(claimOne().kind()).isEqualTo(SmsKind.ACK);
    assertThat(claimOne().kind()).isEqualTo(SmsKind.CODE);
    // Claimed together when there is room: both, oldest first.
    proofs.send("+33612345679", "fr", "203.0.113.9");
    clock.advance(Duration.ofSeconds(1));
    jdbi.useExtension(OutreachDao.class, dao -> dao.queueText(UUID.randomUUID(), "ack:test2", SmsKind.ACK, null,
        "+33611111112", "fr", SENDER, "Merci", 1, clock.instant()));
    List<Claimed> both = jdbi.withExtension(SmsDao.class, dao -> dao.claim(SENDER, 10, clock.instant().plusSeconds(1),
        clock.instant().plusSeconds(60)));
    assertThat(both).extracting(Claimed::kind).containsExactly(SmsKind.CODE, SmsKind.ACK);
  }

  @Test
  void aCodeLeftBehindUntilItsProofExpiredIsNeverSentAndTheRetentionDeletesItWhole() {
    proofs.send(PHONE, "fr", "203.0.113.9");
    clock.advance(PhoneProofs.VALID.plusSeconds(1));
    List<Claimed> none = jdbi.withExtension(SmsDao.class, dao -> dao.claim("default", 10, clock.instant(),
        clock.instant().plusSeconds(60)));
    assertThat(none).isEmpty();
    clock.advance(Duration.ofDays(1));
    Map<String, Integer> expired = jdbi.inTransaction(h -> new crisis.core.outreach.OutreachPersonalData(
        crisis.core.retention.RetentionPolicy.DEFAULT).expire(h, clock.instant(), java.util.Set.of()));
    assertThat(expired).containsEntry("sms_send (codes)", 1);
    assertThat(count("SELECT count(*) FROM sms_send")).isZero();
  }

  @Test
  void onlyACheckedProofOfThisPhoneIsSpent() {
    PhoneProofs.Sent sent = proofs.send(PHONE, "fr", "203.0.113.9");
    String code = codeIn(claimOne().body());
    PhoneProofs.Proven proven = proofs.check(sent.proof(), PHONE, code);
    // Tried wrong five times after it was checked: dead, even for the proof checked before.
    String wrong = code.equals("000000") ? "111111" : "000000";
    for (int i = 0; i < PhoneProofs.ATTEMPTS; i++) {
      assertRefused(() -> proofs.check(sent.proof(), PHONE, wrong), "code", "is not the code sent");
    }
    assertThatThrownBy(() -> jdbi.useTransaction(h -> proofs.spend(h, proven)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void badInputIsRefusedNamingEachField() {
    assertThatThrownBy(() -> proofs.send("0612345678", "de", "203.0.113.9"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).containsExactly("phone", "language"));
    assertRefused(() -> proofs.send("+33142345678", "fr", "203.0.113.9"), "phone",
        "must be a mobile number able to receive SMS (this one is fixed line)");
    assertRefused(() -> proofs.send(null, "fr", "203.0.113.9"), "phone", "is required");
    assertThat(count("SELECT count(*) FROM phone_proof")).isZero();
  }

  @Test
  void aPersonsCopyHasTheirProofsAndForgettingThemDeletesThem() {
    proofs.send(PHONE, "fr", "203.0.113.9");
    proofs.send("+33612345679", "fr", "203.0.113.9");
    CitizenPersonalData owner = new CitizenPersonalData();
    List<Map<String, Object>> copy = jdbi.withHandle(h -> owner.export(h,
        new PersonalData.Subject(UUID.randomUUID(), PHONE, "FR")).get("phone_proof"));
    assertThat(copy).hasSize(1);
    assertThat(copy.get(0)).containsOnlyKeys("created_at", "expires_at", "attempts", "used_at");
    Map<String, Integer> forgotten = jdbi.inTransaction(h -> owner.forget(h, new PersonalData.Forgotten(new UUID[0],
        new String[] {PHONE})));
    assertThat(forgotten).isEqualTo(Map.of("phone_proof", 1, "sms_dialogue", 0));
    assertThat(count("SELECT count(*) FROM phone_proof")).isEqualTo(1);
    // Kept only for the hour its codes are counted.
    clock.advance(PhoneProofs.WINDOW.plus(PhoneProofs.VALID).plusSeconds(1));
    Map<String, Integer> expired = jdbi.inTransaction(h -> owner.expire(h, clock.instant(), java.util.Set.of()));
    assertThat(expired).isEqualTo(Map.of("phone_proof", 1, "sms_dialogue", 0));
  }

  private Claimed claimOne() {
    List<Claimed> rows = jdbi.withExtension(SmsDao.class, dao -> dao.claim(SENDER, 1, clock.instant().plusSeconds(1),
        clock.instant().plusSeconds(60)));
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static String codeIn(String body) {
    Matcher m = Pattern.compile("([0-9]{6})").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  private static void assertRefused(Runnable r, String field, String reason) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.errors()).containsExactly(new FieldError(field, reason)));
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private Map<String, Long> rowsByTable() {
    return jdbi.withHandle(h -> {
      Map<String, Long> counts = new TreeMap<>();
      for (String t : h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
          .mapTo(String.class).list()) {
        counts.put(t, h.createQuery("SELECT count(*) FROM \"" + t + "\"").mapTo(Long.class).one());
      }
      return counts;
    });
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> d = new TreeMap<>();
    after.forEach((t, n) -> {
      long change = n - before.getOrDefault(t, 0L);
      if (change != 0) {
        d.put(t, change);
      }
    });
    return d;
  }
}
