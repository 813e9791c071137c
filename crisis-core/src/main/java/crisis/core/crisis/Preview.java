package crisis.core.crisis;

import java.util.List;

/**
 * Who a crisis would reach and what its messages cost: registrations and people (with household members) inside the
 * zones, and for each message and each language spoken there, the language the text is sent in, its encoding and
 * segments per SMS, and the segments for everyone speaking it; {@code withoutCoordinates}: the registrations among
 * them reached without a point (residents of a country zone who gave no location).
 */
public record Preview(long registrations, long people, long withoutCoordinates, List<LanguageCount> byLanguage,
    List<MessageCost> messages) {

  public record LanguageCount(String language, long registrations, long people) {}

  /**
   * @param phones SMS to send (people sharing a phone get one)
   * @param expectedSeconds time until the last SMS of this message leaves, every sender at its rate (null when no
   *     sender plan is configured)
   * @param secondsBySender the same for each sender that has SMS of this message to send
   * @param cost what the segments cost at the senders' prices ({@code sms.senders[].pricePerSegment}), a decimal in
   *     {@code currency}, rounded to the cent; null when a sender that carries some of them has no price
   */
  public record MessageCost(int seq, List<Cost> byLanguage, long totalSegments, long phones, Double expectedSeconds,
      java.util.Map<String, Double> secondsBySender, String cost, String currency) {}

  public record Cost(String language, String sentIn, String encoding, int characters, int segmentsPerSms,
      long registrations, long segments) {}
}
