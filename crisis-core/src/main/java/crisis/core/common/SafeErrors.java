package crisis.core.common;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What may be logged of an exception: its chain of types, and for a database error its SQL state and the constraint
 * it broke; never a message. A message can quote data: JDBI's exceptions list the statement's bound values (a phone,
 * an SMS body with a boarding code), PostgreSQL's name the values that clashed, a JSON parser quotes the input.
 * Thread-safe (no state).
 */
public final class SafeErrors {
  /** PostgreSQL's SQL state for a unique violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private SafeErrors() {}

  /**
   * The exception's chain, outermost first, as its types (simple names), with the SQL state and constraint of a
   * database error: e.g. {@code UnableToExecuteStatementException <- PSQLException [23505 sms_send_sid_key]}.
   */
  public static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
      if (b.length() > 0) {
        b.append(" <- ");
      }
      b.append(t.getClass().getSimpleName());
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String constraint = constraint(s);
        b.append(" [").append(s.getSQLState()).append(constraint == null ? "" : " " + constraint).append(']');
      }
    }
    return b.toString();
  }

  /** Whether the exception (or a cause) is a unique violation of the named constraint (any, when null). */
  public static boolean isUniqueViolation(Throwable e, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())
          && (constraint == null || constraint.equals(constraint(s)))) {
        return true;
      }
    }
    return false;
  }

  private static String constraint(SQLException s) {
    if (s instanceof PSQLException p) {
      ServerErrorMessage m = p.getServerErrorMessage();
      return m == null ? null : m.getConstraint();
    }
    return null;
  }
}
