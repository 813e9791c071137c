package crisis.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import crisis.core.outreach.db.OutreachDao;
import crisis.core.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A database error carries the values of its statement (JDBI renders the bound arguments, an SQL object's record
 * included; PostgreSQL's detail quotes the clashing row): neither its message nor what {@link ErrorFacts} says of it
 * holds one, while the facts an operator needs (the SQL object method, SQL state, constraint, table) are there.
 */
@Tag("db")
class ErrorFactsTest {
  static final TestDatabase DB = TestDatabase.create();
  static final Jdbi JDBI = DB.jdbi();
  static final String PHONE = "+218917650777";
  static final String BODY = "إجلاء: مقعد على الحافلة TRP 1. رمز الصعود: K7M2QX9P — Khadija Ouazzani";

  @AfterAll
  static void drop() {
    DB.drop();
  }

  @Test
  void aUniqueViolationThroughAnSqlObjectIsDescribedWithoutItsValues() {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    List<OutreachDao.Text> texts = List.of(new OutreachDao.Text(id, "notice:a", crisis.core.outreach.SmsKind.NOTICE, null, PHONE, "ar", "world",
        BODY, 2, now));
    JDBI.useExtension(OutreachDao.class, dao -> dao.queueTexts(texts));
    Throwable e = catchThrowable(() -> JDBI.useExtension(OutreachDao.class, dao -> dao.queueTexts(List.of(
        new OutreachDao.Text(id, "notice:b", crisis.core.outreach.SmsKind.NOTICE, null, PHONE, "ar", "world", BODY, 2, now)))));
    assertThat(e).isInstanceOf(UnableToExecuteStatementException.class);

    assertThat(ErrorFacts.describe(e)).isEqualTo("UnableToExecuteStatementException in OutreachDao.queueTexts: "
        + "SQL state 23505, constraint sms_send_pkey, table sms_send (caused by BatchUpdateException, by "
        + "PSQLException)");
    assertThat(ErrorFacts.isUniqueViolation(e, "sms_send_pkey")).isTrue();
    assertThat(ErrorFacts.isUniqueViolation(e, "sms_send_sid_key")).isFalse();
    StringWriter trace = new StringWriter();
    ErrorFacts.redacted(e).printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).contains("sms_send_pkey", "OutreachDao.queueTexts", "at org.jdbi.v3");
    for (String said : List.of(e.getMessage(), e.toString(), ErrorFacts.describe(e), trace.toString())) {
      assertThat(said).doesNotContain(PHONE, PHONE.substring(1), "K7M2QX9P", "Khadija", "إجلاء", id.toString());
    }
    // The driver's own message stays (without the detail that quotes the row), with the method that ran it.
    assertThat(e.getMessage()).contains("duplicate key value violates unique constraint \"sms_send_pkey\"")
        .contains("OutreachDao.queueTexts");
  }

  @Test
  void aCheckViolationOfAnInlineStatementNamesItsConstraintNotItsRow() {
    Throwable e = catchThrowable(() -> JDBI.useHandle(h -> h.createUpdate("""
        INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, body, next_attempt_at, created_at)
        VALUES (:id, 'x', 'POSTCARD', :phone, 'ar', 'world', :body, now(), now())""")
        .bind("id", UUID.randomUUID()).bind("phone", PHONE).bind("body", BODY).execute()));
    assertThat(ErrorFacts.describe(e)).isEqualTo("UnableToExecuteStatementException: SQL state 23514, "
        + "constraint sms_send_kind_check, table sms_send (caused by PSQLException)");
    assertThat(ErrorFacts.sqlState(e)).contains("23514");
    assertThat(e.toString()).doesNotContain(PHONE, "K7M2QX9P", "Khadija").contains("sms_send_kind_check");
  }

  @Test
  void anythingElseIsNamedByItsClassesOnly() {
    Exception e = new IllegalStateException("cannot send to " + PHONE, new IllegalArgumentException(BODY));
    assertThat(ErrorFacts.describe(e)).isEqualTo("IllegalStateException (caused by IllegalArgumentException)");
    assertThat(ErrorFacts.sqlState(e)).isEmpty();
    assertThat(ErrorFacts.constraint(e)).isEmpty();
    StringWriter trace = new StringWriter();
    ErrorFacts.redacted(e).printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).contains("java.lang.IllegalStateException (message withheld)",
        "Caused by: ", "java.lang.IllegalArgumentException (message withheld)").doesNotContain(PHONE, "K7M2QX9P");
  }
}
