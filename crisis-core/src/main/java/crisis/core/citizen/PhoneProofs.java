package crisis.core.citizen;

import crisis.core.citizen.db.PhoneProofDao;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.TooManyRequestsException;
import crisis.core.common.ValidationException;
import crisis.core.crisis.SmsSegments;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.privacy.FieldCipher;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A citizen proves a phone before declaring themselves (issue 34): a six-digit code sent by SMS through the one paced
 * dispatcher (kind {@code CODE}, claimed after every other due SMS of its sender: a crisis alert leaves first), valid
 * {@link #VALID}, spent once, dead after {@value #ATTEMPTS} wrong tries. At most {@value #PER_PHONE} codes per phone and
 * {@value #PER_ADDRESS} per asking address in any hour. The registry is never asked: the answer, its body and the work
 * done are the same whether or not the phone is known, so no one learns through it who is registered. The phone, the
 * address and the code are kept only as keyed indexes ({@link FieldCipher#index}).
 */
public final class PhoneProofs {
  public static final Duration VALID = Duration.ofMinutes(10);
  public static final Duration WINDOW = Duration.ofHours(1);
  public static final int PER_PHONE = 3;
  public static final int PER_ADDRESS = 10;
  public static final int ATTEMPTS = 5;
  /** The languages a code is sent in, the citizen's pages' own. */
  public static final List<String> LANGUAGES = List.of("ar", "fr", "en");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> TEXTS = Map.of(
      "ar", "رمز التحقق الخاص بكم: %s. صالح لمدة %d دقائق. لا تعطوه لأي أحد.",
      "fr", "Votre code de vérification : %s. Il est valable %d minutes. Ne le donnez à personne.",
      "en", "Your verification code: %s. It is valid for %d minutes. Do not give it to anyone.");

  private final Jdbi jdbi;
  private final SenderPlan senders;
  private final Clock clock;

  public PhoneProofs(Jdbi jdbi, SenderPlan senders, Clock clock) {
    this.jdbi = jdbi;
    this.senders = senders;
    this.clock = clock;
  }

  /** A code on its way: the proof to name when giving it back, and until when it is valid. */
  public record Sent(UUID proof, Instant expiresAt) {}

  /**
   * A phone proven by its code ({@link #check}): only this class makes one, so that nothing spends a proof that was
   * not checked.
   */
  public static final class Proven {
    private final UUID proof;
    private final String phone;

    private Proven(UUID proof, String phone) {
      this.proof = proof;
      this.phone = phone;
    }

    public UUID proof() {
      return proof;
    }

    /** The phone, in E.164 form. */
    public String phone() {
      return phone;
    }
  }

  /**
   * Sends a code to {@code phone}.
   *
   * @param address the address the request came from, for its limit
   * @throws ValidationException the phone is not a mobile in international form, or the language not one of ours
   * @throws TooManyRequestsException the phone's or the address's limit for the hour is reached
   */
  public Sent send(String phone, String language, String address) {
    PhoneNumbers.Result number = PhoneNumbers.mobile(phone);
    List<FieldError> errors = new java.util.ArrayList<>();
    if (!number.ok()) {
      errors.add(new FieldError("phone", number.error()));
    }
    if (language == null || !LANGUAGES.contains(language)) {
      errors.add(new FieldError("language", "must be one of " + String.join(", ", LANGUAGES)));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    String e164 = number.e164();
    return jdbi.inTransaction(h -> {
      PhoneProofDao dao = h.attach(PhoneProofDao.class);
      FieldCipher cipher = FieldCipher.of(h);
      byte[] phoneIndex = cipher.index(FieldCipher.Field.PROOF_PHONE, e164);
      byte[] addressIndex = cipher.index(FieldCipher.Field.PROOF_ADDRESS, address == null ? "" : address);
      // The address first, then the phone, always in this order: each limit holds under requests at once.
      dao.lock(ByteBuffer.wrap(addressIndex).getLong());
      dao.lock(ByteBuffer.wrap(phoneIndex).getLong());
      Instant now = clock.instant();
      Instant since = now.minus(WINDOW);
      boolean phoneFull = dao.sentToPhone(phoneIndex, since) >= PER_PHONE;
      if (phoneFull || dao.askedFrom(addressIndex, since) >= PER_ADDRESS) {
        Instant first = phoneFull ? dao.firstSince(phoneIndex, null, since) : dao.firstSince(null, addressIndex, since);
        throw new TooManyRequestsException("phone", phoneFull
            ? "at most " + PER_PHONE + " codes an hour may be sent to one phone"
            : "at most " + PER_ADDRESS + " codes an hour may be asked from one address",
            Duration.between(now, first.plus(WINDOW)));
      }
      UUID id = Ids.newId();
      String code = code();
      Instant expires = now.plus(VALID);
      dao.insert(id, phoneIndex, addressIndex, mac(cipher, id, code), now, expires);
      String text = text(language, code);
      h.attach(OutreachDao.class).queueText(id, "code:" + id, SmsKind.CODE, null, e164, language,
          senders.route(e164).name(), text, SmsSegments.of(text).segments(), now);
      return new Sent(id, expires);
    });
  }

  /**
   * Checks a code given back for {@code proof} and {@code phone}, in a transaction of its own: a wrong code counts as
   * one of the proof's attempts whatever happens next. It does not spend the proof: {@link #spend} does, in the
   * transaction that uses it.
   *
   * @throws ValidationException {@code code} names why (wrong, expired, spent, too many attempts, not for this phone)
   */
  public Proven check(UUID proof, String phone, String code) {
    String e164 = phone(phone);
    if (proof == null) {
      throw new ValidationException("proof", "is required");
    }
    if (code == null || !code.strip().matches("[0-9]{6}")) {
      throw new ValidationException("code", "must be the 6 digits sent by SMS");
    }
    String reason = jdbi.inTransaction(h -> {
      PhoneProofDao dao = h.attach(PhoneProofDao.class);
      FieldCipher cipher = FieldCipher.of(h);
      PhoneProofDao.Proof p = dao.lock(proof).orElse(null);
      Instant now = clock.instant();
      if (p == null || !MessageDigest.isEqual(p.phoneIndex(), cipher.index(FieldCipher.Field.PROOF_PHONE,
          e164))) {
        return "was not sent to this phone: ask for a new code";
      }
      if (p.usedAt() != null) {
        return "was already used: ask for a new code";
      }
      if (!now.isBefore(p.expiresAt())) {
        return "has expired: ask for a new code";
      }
      if (p.attempts() >= ATTEMPTS) {
        return "was given wrong too many times: ask for a new code";
      }
      if (!MessageDigest.isEqual(p.codeMac(), mac(cipher, proof, code.strip()))) {
        dao.failedAttempt(proof);
        return "is not the code sent";
      }
      return null;
    });
    if (reason != null) {
      throw new ValidationException("code", reason);
    }
    return new Proven(proof, e164);
  }

  /**
   * Spends a proven phone's proof in the caller's transaction: once only, and only while it is still valid.
   *
   * @throws ValidationException it was spent meanwhile or has just expired
   */
  public void spend(Handle h, Proven proven) {
    byte[] phoneIndex = FieldCipher.of(h).index(FieldCipher.Field.PROOF_PHONE, proven.phone());
    if (h.attach(PhoneProofDao.class).spend(proven.proof(), phoneIndex, ATTEMPTS, clock.instant()) != 1) {
      throw new ValidationException("code", "was already used: ask for a new code");
    }
  }

  /**
   * A phone as a proof names it: a mobile in international form, in E.164.
   *
   * @throws ValidationException naming {@code phone}
   */
  public static String phone(String raw) {
    PhoneNumbers.Result number = PhoneNumbers.mobile(raw);
    if (!number.ok()) {
      throw new ValidationException("phone", number.error());
    }
    return number.e164();
  }

  /** The SMS that carries a code. */
  static String text(String language, String code) {
    return String.format(java.util.Locale.ROOT, TEXTS.get(language), code, VALID.toMinutes());
  }

  private static String code() {
    return String.format(java.util.Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
  }

  private static byte[] mac(FieldCipher cipher, UUID proof, String code) {
    return cipher.index(FieldCipher.Field.PROOF_CODE, proof + ":" + code);
  }
}
