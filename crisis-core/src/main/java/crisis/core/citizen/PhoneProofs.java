package crisis.core.citizen;

import crisis.core.citizen.db.PhoneProofDao;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.TooManyRequestsException;
import crisis.core.common.UnauthenticatedException;
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
  /** How long a link may wait to be opened, and how long the access it opens lasts. */
  public static final Duration LINK_VALID = Duration.ofMinutes(15);
  public static final Duration ACCESS = Duration.ofMinutes(20);

  /** What a proof is sent for: a code typed back into the page, or a link to the phone's own records. */
  public enum Purpose { CODE, LINK }
  /** The languages a code is sent in, the citizen's pages' own. */
  public static final List<String> LANGUAGES = List.of("ar", "fr", "en");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> TEXTS = Map.of(
      "ar", "رمز التحقق الخاص بكم: %s. صالح لمدة %d دقائق. لا تعطوه لأي أحد.",
      "fr", "Votre code de vérification : %s. Il est valable %d minutes. Ne le donnez à personne.",
      "en", "Your verification code: %s. It is valid for %d minutes. Do not give it to anyone.");
  // The link on a line of its own, last: no Arabic word around it to reorder.
  private static final Map<String, String> LINK_TEXTS = Map.of(
      "ar", "رابط الاطلاع على تسجيلكم القنصلي، يفتح مرة واحدة خلال %d دقيقة، مع رقم هاتفكم:\n%s",
      "fr", "Votre lien vers votre inscription consulaire, à ouvrir une fois dans les %d minutes, avec votre numéro :\n%s",
      "en", "Your link to your consular registration, to open once within %d minutes, with your phone number:\n%s");

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
    return issue(phone, language, address, Purpose.CODE, null);
  }

  /**
   * Sends to {@code phone} a link to what the registry holds for it ({@code pageUrl} followed by
   * {@code #access=<proof>.<secret>}: a fragment, which no browser sends to a server), in the same hourly limits as
   * the codes. Sent whether or not the phone is known: the answer is the same, and only the phone's holder sees
   * whether anything is held.
   *
   * @throws ValidationException the phone is not a mobile in international form, or the language not one of ours
   * @throws TooManyRequestsException the phone's or the address's limit for the hour is reached
   */
  public Sent sendLink(String phone, String language, String address, String pageUrl) {
    return issue(phone, language, address, Purpose.LINK, pageUrl);
  }

  private Sent issue(String phone, String language, String address, Purpose purpose, String pageUrl) {
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
      String secret = purpose == Purpose.CODE ? code() : token();
      Instant expires = now.plus(purpose == Purpose.CODE ? VALID : LINK_VALID);
      dao.insert(id, purpose, phoneIndex, addressIndex, mac(cipher, id, secret), now, expires);
      String text = purpose == Purpose.CODE ? text(language, secret)
          : linkText(language, pageUrl + "#access=" + id + "." + secret);
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
      if (p == null || p.purpose() != Purpose.CODE
          || !MessageDigest.isEqual(p.phoneIndex(), cipher.index(FieldCipher.Field.PROOF_PHONE, e164))) {
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
   * Spends a proven phone's proof in the caller's transaction, holding the phone's lock until it ends: once only, and
   * only while it is still valid.
   *
   * @throws ValidationException it was spent meanwhile or has just expired
   */
  public void spend(Handle h, Proven proven) {
    byte[] phoneIndex = lockPhone(h, proven.phone());
    if (h.attach(PhoneProofDao.class).spend(proven.proof(), phoneIndex, ATTEMPTS, clock.instant()) != 1) {
      throw new ValidationException("code", "was already used: ask for a new code");
    }
  }

  /**
   * Takes the phone's lock until the caller's transaction ends, as a code request takes it: what the caller writes
   * next for this phone (one declaration pending per phone) is decided one request after the other. The phone's index.
   */
  byte[] lockPhone(Handle h, String e164) {
    byte[] phoneIndex = FieldCipher.of(h).index(FieldCipher.Field.PROOF_PHONE, e164);
    h.attach(PhoneProofDao.class).lock(ByteBuffer.wrap(phoneIndex).getLong());
    return phoneIndex;
  }

  /** An opened link's access: the token to give with each request, with the phone, and until when it holds. */
  public record Opened(String access, Instant expiresAt) {}

  /**
   * A phone's holder with a live access ({@link #access}): only this class makes one, so that nothing reads or changes
   * a phone's records without it.
   */
  public static final class Access {
    private final UUID proof;
    private final String phone;

    private Access(UUID proof, String phone) {
      this.proof = proof;
      this.phone = phone;
    }

    /** The link's proof, which the access belongs to. */
    public UUID proof() {
      return proof;
    }

    /** The phone, in E.164 form. */
    public String phone() {
      return phone;
    }
  }

  /**
   * Opens a link sent by {@link #sendLink}, given with the phone it was sent to (a link alone, forwarded or seen over
   * a shoulder, opens nothing): spends it and gives an access of {@link #ACCESS}. A wrong secret counts as one of its
   * attempts.
   *
   * @throws ValidationException {@code link} names why (not this phone's, used, expired, too many attempts), or
   *     {@code phone} is not a mobile
   */
  public Opened open(String link, String phone) {
    String e164 = phone(phone);
    String[] parts = link == null ? new String[0] : link.strip().split("\\.", -1);
    UUID proof = parts.length == 2 ? parseUuid(parts[0]) : null;
    if (proof == null || !parts[1].matches("[A-Za-z0-9_-]{22}")) {
      throw new ValidationException("link", "is not a link sent by SMS: copy it whole");
    }
    String secret = token();
    Instant until = clock.instant().plus(ACCESS);
    String reason = jdbi.inTransaction(h -> {
      PhoneProofDao dao = h.attach(PhoneProofDao.class);
      FieldCipher cipher = FieldCipher.of(h);
      PhoneProofDao.Proof p = dao.lock(proof).orElse(null);
      Instant now = clock.instant();
      if (p == null || p.purpose() != Purpose.LINK
          || !MessageDigest.isEqual(p.phoneIndex(), cipher.index(FieldCipher.Field.PROOF_PHONE, e164))) {
        return "was not sent to this phone: ask for a new link";
      }
      if (p.usedAt() != null) {
        return "was already used: ask for a new link";
      }
      if (!now.isBefore(p.expiresAt())) {
        return "has expired: ask for a new link";
      }
      if (p.attempts() >= ATTEMPTS) {
        return "was given wrong too many times: ask for a new link";
      }
      if (!MessageDigest.isEqual(p.codeMac(), mac(cipher, proof, parts[1]))) {
        dao.failedAttempt(proof);
        return "is not the link sent: copy it whole";
      }
      dao.open(proof, mac(cipher, proof, "access:" + secret), now, until);
      return null;
    });
    if (reason != null) {
      throw new ValidationException("link", reason);
    }
    return new Opened(proof + "." + secret, until);
  }

  /**
   * The access an opened link gave, checked against the phone given with it.
   *
   * @throws UnauthenticatedException no such access for this phone, or it has ended
   */
  public Access access(String token, String phone) {
    PhoneNumbers.Result number = PhoneNumbers.mobile(phone);
    String[] parts = token == null ? new String[0] : token.strip().split("\\.", -1);
    UUID proof = parts.length == 2 ? parseUuid(parts[0]) : null;
    if (!number.ok() || proof == null) {
      throw new UnauthenticatedException("an access opened by the link sent by SMS, with its phone, is required");
    }
    boolean live = jdbi.withHandle(h -> {
      FieldCipher cipher = FieldCipher.of(h);
      return h.attach(PhoneProofDao.class).find(proof).filter(p -> p.accessMac() != null
          && clock.instant().isBefore(p.accessExpiresAt())
          && MessageDigest.isEqual(p.phoneIndex(), cipher.index(FieldCipher.Field.PROOF_PHONE, number.e164()))
          && MessageDigest.isEqual(p.accessMac(), mac(cipher, proof, "access:" + parts[1]))).isPresent();
    });
    if (!live) {
      throw new UnauthenticatedException("the access has ended or is not this phone's: ask for a new link");
    }
    return new Access(proof, number.e164());
  }

  /** Ends an access before its time. */
  public void close(Access access) {
    jdbi.useExtension(PhoneProofDao.class, dao -> dao.close(access.proof()));
  }

  private static UUID parseUuid(String s) {
    try {
      return s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A link's or an access's secret: 128 random bits, in 22 URL-safe characters. */
  private static String token() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The SMS that carries a link. */
  static String linkText(String language, String url) {
    return String.format(java.util.Locale.ROOT, LINK_TEXTS.get(language), LINK_VALID.toMinutes(), url);
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
