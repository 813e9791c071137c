package crisis.core.outreach;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sender serves which destination: by the country of the phone number (not where the person lives: a
 * national may keep a phone from home), else the sender serving {@code *}. Thread-safe.
 */
public final class SenderPlan {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final List<Sender> senders;
  private final Map<String, Sender> byCountry = new HashMap<>();
  private final Sender fallback;
  /** What one segment costs through each sender that has a price, in {@link #currency}. */
  private Map<String, java.math.BigDecimal> prices = Map.of();
  private String currency;

  public SenderPlan(List<Sender> senders) {
    if (senders.isEmpty()) {
      throw new IllegalArgumentException("at least one sender is required");
    }
    this.senders = List.copyOf(senders);
    Sender any = null;
    Map<String, Sender> names = new HashMap<>();
    for (Sender s : senders) {
      if (names.put(s.name(), s) != null) {
        throw new IllegalArgumentException("two senders are named " + s.name());
      }
      for (String c : s.countries()) {
        if ("*".equals(c)) {
          if (any != null) {
            throw new IllegalArgumentException("senders " + any.name() + " and " + s.name() + " both serve *");
          }
          any = s;
        } else if (byCountry.put(c.toUpperCase(java.util.Locale.ROOT), s) != null) {
          throw new IllegalArgumentException("two senders serve " + c);
        }
      }
    }
    if (any == null) {
      throw new IllegalArgumentException("one sender must serve * (every other country)");
    }
    this.fallback = any;
  }

  /** One sender for everything: what the simulator and small deployments use. */
  public static SenderPlan single(String from, double rate) {
    return new SenderPlan(List.of(new Sender("default", from, java.util.Set.of("*"), Sender.Kind.INTERNATIONAL,
        rate, null)));
  }

  public List<Sender> senders() {
    return senders;
  }

  /** This plan with a price per segment for some of its senders (by name), in one currency (ISO 4217). */
  public SenderPlan withPrices(Map<String, java.math.BigDecimal> perSegment, String currency) {
    for (String name : perSegment.keySet()) {
      byName(name);
    }
    SenderPlan p = new SenderPlan(senders);
    p.prices = Map.copyOf(perSegment);
    p.currency = currency;
    return p;
  }

  /** The currency of the prices, or null when no sender has one. */
  public String currency() {
    return prices.isEmpty() ? null : currency;
  }

  /**
   * What sending these segments costs ({@code segmentsBySender}: sender name to segments), or empty when a sender
   * that has some of them has no price.
   */
  public java.util.Optional<java.math.BigDecimal> cost(Map<String, Long> segmentsBySender) {
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (Map.Entry<String, Long> e : segmentsBySender.entrySet()) {
      java.math.BigDecimal price = prices.get(e.getKey());
      if (price == null) {
        return java.util.Optional.empty();
      }
      total = total.add(price.multiply(java.math.BigDecimal.valueOf(e.getValue())));
    }
    return java.util.Optional.of(total);
  }

  public Sender byName(String name) {
    return senders.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sender named " + name));
  }

  /** The sender for an E.164 phone number. */
  public Sender route(String e164) {
    return byCountry.getOrDefault(countryOf(e164), fallback);
  }

  /** The ISO country of an E.164 number, or "ZZ" when unknown. */
  public static String countryOf(String e164) {
    try {
      String region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, null));
      return region == null ? "ZZ" : region;
    } catch (NumberParseException e) {
      return "ZZ";
    }
  }

  /**
   * The time each sender needs for its share of SMS, at its rate, and the time until the last one leaves (the
   * senders work in parallel).
   *
   * @param segmentsBySender segments each sender has to send, by sender name
   */
  public Estimate estimate(Map<String, Long> segmentsBySender) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    double longest = 0;
    for (Sender s : senders) {
      long segments = segmentsBySender.getOrDefault(s.name(), 0L);
      if (segments > 0) {
        double t = segments / s.segmentsPerSecond();
        seconds.put(s.name(), t);
        longest = Math.max(longest, t);
      }
    }
    return new Estimate(seconds, longest);
  }

  public record Estimate(Map<String, Double> secondsBySender, double seconds) {}
}
