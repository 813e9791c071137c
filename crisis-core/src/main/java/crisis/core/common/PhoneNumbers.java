package crisis.core.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone number checks with libphonenumber, the one check wherever a number is given (a registration and its emergency
 * contact, a consulate, a remains case's family, an SMS's sender). Numbers must be given in international form (a
 * leading +): a national's phone may belong to another country than the one they live in, so no default region is
 * guessed. Thread-safe.
 */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** Normalises to E.164 and checks the number is a valid mobile; returns the reason otherwise. */
  public static Result mobile(String raw) {
    return parse(raw, true);
  }

  /** Normalises to E.164 and checks the number is valid, of any type (an emergency contact may be a landline). */
  public static Result any(String raw) {
    return parse(raw, false);
  }

  private static Result parse(String raw, boolean mobileOnly) {
    if (raw == null || raw.isBlank()) {
      return Result.error("is required");
    }
    String s = raw.strip();
    if (s.length() > 32) {
      return Result.error("is too long to be a phone number");
    }
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    }
    if (!s.startsWith("+")) {
      return Result.error("must be in international form starting with + and the country code, e.g. +33612345678");
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(s, null);
    } catch (NumberParseException e) {
      return Result.error("is not a phone number (" + e.getErrorType().name().toLowerCase().replace('_', ' ') + ")");
    }
    if (mobileOnly) {
      // A number of a known type is valid for its region, so one look-up answers both questions.
      PhoneNumberType type = UTIL.getNumberType(number);
      if (type == PhoneNumberType.UNKNOWN) {
        return Result.error("is not a valid number for its country code");
      }
      if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
        return Result.error("must be a mobile number able to receive SMS (this one is "
            + type.name().toLowerCase().replace('_', ' ') + ")");
      }
    } else if (!UTIL.isValidNumber(number)) {
      return Result.error("is not a valid number for its country code");
    }
    return new Result(UTIL.format(number, PhoneNumberFormat.E164), null);
  }

  /** Either an E.164 number or the reason the input was refused. */
  public record Result(String e164, String error) {
    static Result error(String reason) {
      return new Result(null, reason);
    }

    public boolean ok() {
      return error == null;
    }
  }
}
