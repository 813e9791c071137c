package crisis.core.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A language the system writes to nationals in, by ISO 639 code. Tamazight is Standard Moroccan Tamazight (zgh). */
public enum Language {
  AR("ar"), FR("fr"), EN("en"), ES("es"), ZGH("zgh");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static String accepted() {
    return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
  }

  /** Reads a code case-insensitively; throws IllegalArgumentException naming the accepted codes. */
  @JsonCreator
  public static Language fromCode(String code) {
    if (code != null) {
      String c = code.strip().toLowerCase(Locale.ROOT);
      for (Language l : values()) {
        if (l.code.equals(c)) {
          return l;
        }
      }
    }
    throw new IllegalArgumentException("unknown language '" + code + "'; accepted: " + accepted());
  }
}
