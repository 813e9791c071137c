package crisis.core.crisis;

import java.util.List;

/**
 * Who a crisis would reach and what its messages cost: registrations and people (with household members) inside the
 * zones, and for each message and each language spoken there, the language the text is sent in, its encoding and
 * segments per SMS, and the segments for everyone speaking it.
 */
public record Preview(long registrations, long people, List<LanguageCount> byLanguage, List<MessageCost> messages) {

  public record LanguageCount(String language, long registrations, long people) {}

  public record MessageCost(int seq, List<Cost> byLanguage, long totalSegments) {}

  public record Cost(String language, String sentIn, String encoding, int characters, int segmentsPerSms,
      long registrations, long segments) {}
}
