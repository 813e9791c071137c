package crisis.core.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class KeywordTest {

  @Test
  void safeInEveryLanguageAndScript() {
    for (String s : List.of("1", " 1 ", "١", "۱", "SAFE", "safe!", "Safe, thanks", "ok", "Sauf", "en sécurité",
        "En Securite", "seguro", "a salvo", "آمن", "امن", "أنا بخير", "بِخَيْر", "amin", "Bikhir", "labas",
        "hamdoulilah")) {
      assertThat(Keyword.of(s)).as(s).isEqualTo(Keyword.SAFE);
    }
  }

  @Test
  void helpInEveryLanguageAndScript() {
    for (String s : List.of("2", "٢", "HELP", "help me", "SOS", "aide", "Au secours !", "ayuda", "Socorro",
        "مساعدة", "مساعده", "النجدة", "musaada", "MOSA3ADA", "najda", "2 please")) {
      assertThat(Keyword.of(s)).as(s).isEqualTo(Keyword.HELP);
    }
  }

  @Test
  void leaveAndStayInEveryLanguageAndScript() {
    for (String s : List.of("3", "٣", "۳", "LEAVE", "evacuate us", "Partir", "Évacuer", "je veux partir", "salir",
        "Evacuación", "مغادرة", "إجلاء", "ijlaa", "Moghadara", "3 we are four")) {
      assertThat(Keyword.of(s)).as(s).isEqualTo(Keyword.LEAVE);
    }
    for (String s : List.of("STAY", "rester", "Je reste", "me quedo", "سنبقى", "baqi")) {
      assertThat(Keyword.of(s)).as(s).isEqualTo(Keyword.STAY);
    }
    // A carrier's opt-out word never withdraws a request by accident: it is STOP.
    assertThat(Keyword.of("cancel")).isEqualTo(Keyword.STOP);
  }

  @Test
  void carrierKeywordsAndEverythingElse() {
    assertThat(Keyword.of("STOP")).isEqualTo(Keyword.STOP);
    assertThat(Keyword.of("stop all")).isEqualTo(Keyword.OTHER);
    assertThat(Keyword.of("Unsubscribe")).isEqualTo(Keyword.STOP);
    assertThat(Keyword.of("Arrêt")).isEqualTo(Keyword.STOP);
    assertThat(Keyword.of("start")).isEqualTo(Keyword.START);
    for (String s : List.of("", "   ", "12", "where is the bus?", "help is not needed, we are at the airport with "
        + "the children", "<script>alert(1)</script>", "\u0000", "safe?? no. the building is on fire")) {
      assertThat(Keyword.of(s)).as(s).isEqualTo(Keyword.OTHER);
    }
    assertThat(Keyword.of(null)).isEqualTo(Keyword.OTHER);
  }

  @Test
  void sendersAreChosenByThePhonesCountry() {
    SenderPlan plan = new SenderPlan(List.of(
        Sender.of("fr", "+33757000000", Set.of("FR", "MC"), Sender.Kind.LONG_CODE, null, null),
        Sender.of("world", "CONSULAT", Set.of("*"), Sender.Kind.ALPHANUMERIC, null, null)));
    assertThat(plan.route("+33612345678").name()).isEqualTo("fr");
    assertThat(plan.route("+37799123456").name()).isEqualTo("fr");
    assertThat(plan.route("+218911234567").name()).isEqualTo("world");
    assertThat(plan.byName("fr").segmentsPerSecond()).isEqualTo(1.0);
    assertThat(plan.estimate(java.util.Map.of("fr", 600L, "world", 100L)).seconds()).isEqualTo(600.0);
  }
}
