package crisis.core.crisis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One instruction of a crisis, with its text in each language it was written in (language code to text). */
public record CrisisMessage(UUID id, int seq, Map<String, String> texts, Instant createdAt, String createdBy) {

  /** The text for a person speaking {@code language}: their own, else the first of the fallback order written. */
  public Rendering textFor(String language, List<String> fallback) {
    String own = texts.get(language);
    if (own != null) {
      return new Rendering(language, own);
    }
    for (String l : fallback) {
      if (texts.containsKey(l)) {
        return new Rendering(l, texts.get(l));
      }
    }
    Map.Entry<String, String> any = texts.entrySet().iterator().next();
    return new Rendering(any.getKey(), any.getValue());
  }

  public record Rendering(String language, String text) {}
}
