package crisis.core.reintegration;

import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.reintegration.NeedKind.Dimension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome scores of a returning household, from 15 indicators in three dimensions, after the structure of IOM's
 * Reintegration Sustainability Survey (docs/reintegration.md has the sources, the indicator set and the weights):
 * each answer is given a value from 0 (worst) to 1 (best); a dimension's score is the weighted mean of its answered
 * indicators (an indicator that does not apply, such as schooling in a household without school-age children, is
 * left out and the others' weights scale up); the composite is the mean of the three dimensions. Pure.
 */
public final class Scores {
  private Scores() {}

  /** An indicator, its dimension, its weight within the dimension, and the value of each answer. */
  public enum Indicator {
    INCOME(Dimension.ECONOMIC, 0.25, Map.of("NONE", 0.0, "IRREGULAR", 0.5, "REGULAR", 1.0)),
    WORK_OR_TRAINING(Dimension.ECONOMIC, 0.25, Map.of("NO", 0.0, "SEEKING", 0.25, "YES", 1.0)),
    DEBT(Dimension.ECONOMIC, 0.15, Map.of("HEAVY", 0.0, "MANAGEABLE", 0.5, "NONE", 1.0)),
    FOOD_SECURITY(Dimension.ECONOMIC, 0.20, Map.of("OFTEN_SHORT", 0.0, "SOMETIMES_SHORT", 0.5, "ENOUGH", 1.0)),
    ECONOMIC_SATISFACTION(Dimension.ECONOMIC, 0.15, likert()),
    HOUSING(Dimension.SOCIAL, 0.25, Map.of("NONE", 0.0, "TEMPORARY", 0.5, "STABLE", 1.0)),
    SCHOOLING(Dimension.SOCIAL, 0.20, Map.of("NONE", 0.0, "SOME", 0.5, "ALL", 1.0, "NOT_APPLICABLE", -1.0)),
    HEALTH_ACCESS(Dimension.SOCIAL, 0.20, Map.of("NO", 0.0, "PARTIAL", 0.5, "YES", 1.0)),
    DOCUMENTS(Dimension.SOCIAL, 0.20, Map.of("MISSING", 0.0, "IN_PROGRESS", 0.5, "ALL", 1.0)),
    SOCIAL_RIGHTS(Dimension.SOCIAL, 0.15, Map.of("NO", 0.0, "PARTIAL", 0.5, "YES", 1.0)),
    SOCIAL_NETWORK(Dimension.PSYCHOSOCIAL, 0.20, likert()),
    COMMUNITY_PARTICIPATION(Dimension.PSYCHOSOCIAL, 0.15, Map.of("NEVER", 0.0, "SOMETIMES", 0.5, "OFTEN", 1.0)),
    DISTRESS(Dimension.PSYCHOSOCIAL, 0.25, Map.of("OFTEN", 0.0, "SOMETIMES", 0.5, "NEVER", 1.0)),
    SAFETY(Dimension.PSYCHOSOCIAL, 0.20, Map.of("UNSAFE", 0.0, "MOSTLY_SAFE", 0.5, "SAFE", 1.0)),
    WISH_TO_LEAVE_AGAIN(Dimension.PSYCHOSOCIAL, 0.20, Map.of("YES", 0.0, "UNSURE", 0.5, "NO", 1.0));

    /** The value of an answer that says the indicator does not apply. */
    static final double NOT_APPLICABLE = -1.0;

    private final Dimension dimension;
    private final double weight;
    private final Map<String, Double> values;

    Indicator(Dimension dimension, double weight, Map<String, Double> values) {
      this.dimension = dimension;
      this.weight = weight;
      this.values = values;
    }

    public Dimension dimension() {
      return dimension;
    }

    public double weight() {
      return weight;
    }

    /** The answers this indicator takes. */
    public List<String> answers() {
      return values.keySet().stream().sorted().toList();
    }

    private static Map<String, Double> likert() {
      return Map.of("1", 0.0, "2", 0.25, "3", 0.5, "4", 0.75, "5", 1.0);
    }
  }

  /** The scores: each dimension and the composite, from 0 to 1, rounded to 3 decimals. */
  public record Result(double economic, double social, double psychosocial, double composite) {}

  /**
   * Scores a complete set of answers (every indicator answered; only SCHOOLING may say NOT_APPLICABLE).
   *
   * @throws ValidationException naming each missing indicator or unknown answer
   */
  public static Result score(Map<Indicator, String> answers) {
    List<FieldError> errors = new ArrayList<>();
    Map<Dimension, double[]> sums = new LinkedHashMap<>();
    for (Dimension d : Dimension.values()) {
      sums.put(d, new double[2]);
    }
    for (Indicator i : Indicator.values()) {
      String answer = answers == null ? null : answers.get(i);
      Double value = answer == null ? null : i.values.get(answer);
      if (value == null) {
        errors.add(new FieldError("indicators." + i.name(), answer == null ? "is required: one of " + i.answers()
            : "'" + answer + "' is not one of " + i.answers()));
        continue;
      }
      if (value == Indicator.NOT_APPLICABLE) {
        continue;
      }
      double[] s = sums.get(i.dimension());
      s[0] += i.weight() * value;
      s[1] += i.weight();
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    double e = mean(sums.get(Dimension.ECONOMIC));
    double s = mean(sums.get(Dimension.SOCIAL));
    double p = mean(sums.get(Dimension.PSYCHOSOCIAL));
    return new Result(round(e), round(s), round(p), round((e + s + p) / 3));
  }

  private static double mean(double[] weightedSumAndWeight) {
    return weightedSumAndWeight[0] / weightedSumAndWeight[1];
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
