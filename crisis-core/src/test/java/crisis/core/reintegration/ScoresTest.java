package crisis.core.reintegration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.ValidationException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The outcome scores against values computed by hand from the weights in docs/reintegration.md. */
@Tag("fast")
class ScoresTest {
  /**
   * Economic: 0.25×0.5 + 0.25×1 + 0.15×0.5 + 0.20×1 + 0.15×0.5 = 0.725. Social, schooling not applicable (weights
   * 0.80 left): (0.25×1 + 0.20×0.5 + 0.20×1 + 0.15×0.5) / 0.80 = 0.625 / 0.80 = 0.78125. Psychosocial: 0.20×0.75 +
   * 0.15×0.5 + 0.25×0.5 + 0.20×1 + 0.20×1 = 0.75. Composite: (0.725 + 0.78125 + 0.75) / 3 = 0.752083.
   */
  static Map<Scores.Indicator, String> example() {
    return ReintegrationTest.indicators(Map.ofEntries(
        Map.entry("INCOME", "IRREGULAR"), Map.entry("WORK_OR_TRAINING", "YES"), Map.entry("DEBT", "MANAGEABLE"),
        Map.entry("FOOD_SECURITY", "ENOUGH"), Map.entry("ECONOMIC_SATISFACTION", "3"),
        Map.entry("HOUSING", "STABLE"), Map.entry("SCHOOLING", "NOT_APPLICABLE"),
        Map.entry("HEALTH_ACCESS", "PARTIAL"), Map.entry("DOCUMENTS", "ALL"), Map.entry("SOCIAL_RIGHTS", "PARTIAL"),
        Map.entry("SOCIAL_NETWORK", "4"), Map.entry("COMMUNITY_PARTICIPATION", "SOMETIMES"),
        Map.entry("DISTRESS", "SOMETIMES"), Map.entry("SAFETY", "SAFE"), Map.entry("WISH_TO_LEAVE_AGAIN", "NO")));
  }

  @Test
  void scoresMatchTheHandComputedValues() {
    assertThat(Scores.score(example())).isEqualTo(new Scores.Result(0.725, 0.781, 0.75, 0.752));
  }

  @Test
  void theBestAndWorstAnswersScoreOneAndZero() {
    Map<Scores.Indicator, String> best = new EnumMap<>(Scores.Indicator.class);
    Map<Scores.Indicator, String> worst = new EnumMap<>(Scores.Indicator.class);
    for (Scores.Indicator i : Scores.Indicator.values()) {
      best.put(i, i.answers().stream().filter(a -> !a.equals("NOT_APPLICABLE"))
          .max((x, y) -> Double.compare(value(i, x), value(i, y))).orElseThrow());
      worst.put(i, i.answers().stream().filter(a -> !a.equals("NOT_APPLICABLE"))
          .min((x, y) -> Double.compare(value(i, x), value(i, y))).orElseThrow());
    }
    assertThat(Scores.score(best)).isEqualTo(new Scores.Result(1, 1, 1, 1));
    assertThat(Scores.score(worst)).isEqualTo(new Scores.Result(0, 0, 0, 0));
  }

  @Test
  void theWeightsOfEachDimensionSumToOne() {
    for (NeedKind.Dimension d : NeedKind.Dimension.values()) {
      double sum = Arrays.stream(Scores.Indicator.values()).filter(i -> i.dimension() == d)
          .mapToDouble(Scores.Indicator::weight).sum();
      assertThat(sum).as(d.name()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(Scores.Indicator.values()).hasSize(15);
  }

  @Test
  void aMissingIndicatorOrUnknownAnswerIsNamed() {
    Map<Scores.Indicator, String> answers = new EnumMap<>(example());
    answers.remove(Scores.Indicator.DEBT);
    answers.put(Scores.Indicator.HOUSING, "CASTLE");
    assertThatThrownBy(() -> Scores.score(answers)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(f -> f.field())
            .containsExactly("indicators.DEBT", "indicators.HOUSING"));
  }

  /** The value of an answer, read through a score with every other indicator at its first answer. */
  private static double value(Scores.Indicator i, String answer) {
    Map<Scores.Indicator, String> m = new EnumMap<>(Scores.Indicator.class);
    for (Scores.Indicator j : Scores.Indicator.values()) {
      m.put(j, j == i ? answer : j == Scores.Indicator.SCHOOLING ? "NOT_APPLICABLE" : j.answers().get(0));
    }
    Scores.Result r = Scores.score(m);
    return switch (i.dimension()) {
      case ECONOMIC -> r.economic();
      case SOCIAL -> r.social();
      case PSYCHOSOCIAL -> r.psychosocial();
    };
  }
}
