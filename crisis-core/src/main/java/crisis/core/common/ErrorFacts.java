package crisis.core.common;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What may be said of an exception in a log line, a health check or an error report: the classes of its chain and,
 * for a database error, the SQL object method that ran the statement, the SQL state and the constraint, table and
 * column it names. Never a message: JDBI's quotes the statement's bound values (phones, names, SMS bodies), the
 * PostgreSQL driver's may quote the row that clashed, and a message of any other library may carry what it was given.
 * Every place that logs an exception goes through here, so that none copies a message by accident. Stateless and
 * thread-safe.
 */
public final class ErrorFacts {
  /** SQLSTATE of a unique violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private static final int MAX_DEPTH = 10;

  private ErrorFacts() {}

  /**
   * One line of safe facts, e.g. {@code UnableToExecuteStatementException in SmsDao.sent: SQL state 23505,
   * constraint sms_send_sid_key, table sms_send (caused by PSQLException)}.
   */
  public static String describe(Throwable e) {
    if (e == null) {
      return "no exception";
    }
    List<Throwable> chain = chain(e);
    StringBuilder b = new StringBuilder(chain.get(0).getClass().getSimpleName());
    sqlObjectMethod(chain).ifPresent(m -> b.append(" in ").append(m));
    String sql = sqlFacts(chain);
    if (!sql.isEmpty()) {
      b.append(": ").append(sql);
    }
    if (chain.size() > 1) {
      b.append(" (caused by ");
      for (int i = 1; i < chain.size(); i++) {
        b.append(i > 1 ? ", by " : "").append(chain.get(i).getClass().getSimpleName());
      }
      b.append(')');
    }
    return b.toString();
  }

  /** The SQL state of the first database error in the chain. */
  public static Optional<String> sqlState(Throwable e) {
    for (Throwable t : chain(e)) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return Optional.of(s.getSQLState());
      }
    }
    return Optional.empty();
  }

  /** The constraint PostgreSQL names in the first database error of the chain (a unique key, a check, ...). */
  public static Optional<String> constraint(Throwable e) {
    return server(chain(e)).map(ServerErrorMessage::getConstraint);
  }

  /** Whether {@code e} is (or was caused by) a unique violation of {@code constraint}. */
  public static boolean isUniqueViolation(Throwable e, String constraint) {
    return sqlState(e).filter(UNIQUE_VIOLATION::equals).isPresent()
        && constraint(e).filter(constraint::equals).isPresent();
  }

  /**
   * The same chain of exceptions with the same stack traces, each message replaced by {@link #describe} of its own
   * level: for an ERROR log that needs the stack trace.
   */
  public static Throwable redacted(Throwable e) {
    List<Throwable> chain = chain(e);
    Throwable copy = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable original = chain.get(i);
      List<Throwable> own = List.of(original);
      String facts = original.getClass().getName();
      Optional<String> method = sqlObjectMethod(own);
      String sql = sqlFacts(own);
      facts += method.map(m -> " in " + m).orElse("") + (sql.isEmpty() ? "" : ": " + sql);
      Throwable r = new Redacted(facts + " (message withheld)", copy);
      r.setStackTrace(original.getStackTrace());
      copy = r;
    }
    return copy;
  }

  /**
   * The message a JDBI statement exception gives (installed by {@code Jdbis.configure}): PostgreSQL's primary message
   * and the SQL object method, without JDBI's rendering of the statement and its bound values and without the
   * server's detail (which quotes the row that clashed), whatever the connection's {@code logServerErrorDetail}.
   */
  public static String statementMessage(StatementException e) {
    String method = sqlObjectMethod(List.of(e)).map(m -> " [in " + m + "]").orElse("");
    Optional<ServerErrorMessage> server = server(chain(e.getCause()));
    String primary = server.map(m -> m.getSeverity() + ": " + m.getMessage())
        .orElseGet(() -> e.getCause() == null ? "" : describe(e.getCause()));
    return primary + method;
  }

  private static List<Throwable> chain(Throwable e) {
    List<Throwable> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && out.size() < MAX_DEPTH && seen.add(t); t = next(t)) {
      out.add(t);
    }
    return out;
  }

  /** The cause; for a JDBC batch, whose cause is often unset, the error of the entry that failed. */
  private static Throwable next(Throwable t) {
    if (t.getCause() == null && t instanceof SQLException s) {
      return s.getNextException();
    }
    return t.getCause();
  }

  private static Optional<String> sqlObjectMethod(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof StatementException s) {
        StatementContext ctx = s.getStatementContext();
        ExtensionMethod m = ctx == null ? null : ctx.getExtensionMethod();
        if (m != null) {
          return Optional.of(m.getType().getSimpleName() + "." + m.getMethod().getName());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<ServerErrorMessage> server(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
        return Optional.of(p.getServerErrorMessage());
      }
    }
    return Optional.empty();
  }

  /** SQL state, constraint, table and column: names from the schema, never values. */
  private static String sqlFacts(List<Throwable> chain) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (Throwable t : chain) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        facts.put("SQL state", s.getSQLState());
        break;
      }
    }
    server(chain).ifPresent(m -> {
      facts.put("constraint", m.getConstraint());
      facts.put("table", m.getTable());
      facts.put("column", m.getColumn());
    });
    StringBuilder b = new StringBuilder();
    facts.forEach((k, v) -> {
      if (v != null) {
        b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
      }
    });
    return b.toString();
  }

  private static final class Redacted extends Exception {
    private static final long serialVersionUID = 1L;

    Redacted(String message, Throwable cause) {
      super(message, cause, false, true);
    }
  }
}
