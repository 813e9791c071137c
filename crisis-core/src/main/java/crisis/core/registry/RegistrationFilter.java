package crisis.core.registry;

/**
 * Optional list filters, bound by name in SQL; null means "any". {@code q}: part of a name (Latin or Arabic script,
 * any case), or a whole phone number, passport or national id number.
 */
public record RegistrationFilter(String country, String consulate, String residenceType, String vulnerability,
    String status, String q) {
  public RegistrationFilter(String country, String consulate, String residenceType, String vulnerability,
      String status) {
    this(country, consulate, residenceType, vulnerability, status, null);
  }

  /** {@code q} as a LIKE pattern for "contains" (escape character !), its own % _ and ! taken literally. */
  public String qLike() {
    if (q == null) {
      return null;
    }
    String escaped = q.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%" + escaped + "%";
  }
}
