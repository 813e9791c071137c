package crisis.core.registry.importing;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.registry.DuplicateRegistrationException;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.common.ConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes one batch of valid rows in one transaction: COPY into a temporary stage, classify every row against the
 * registry with one query, insert the new ones with one statement, update the changed ones one by one (rare in
 * bulk files) and audit the batch. Holds one connection for the whole import.
 */
final class BatchWriter implements AutoCloseable {
  private static final String CLASSIFY = """
      SELECT s.line, e.id AS existing_id, e.status AS existing_status, e.country_of_residence AS existing_country,
             e.content_hash = s.content_hash AS same, d.id AS dup_id, d.rule AS dup_rule
      FROM import_stage s
      LEFT JOIN registration e
        ON s.external_id IS NOT NULL AND e.consulate_id = s.consulate_id AND e.external_id = s.external_id
      LEFT JOIN LATERAL (
        SELECT r.id, 'nationalId' AS rule FROM registration r
          WHERE r.status = 'ACTIVE' AND r.national_id = s.national_id AND r.id IS DISTINCT FROM e.id
        UNION ALL
        SELECT r.id, 'passportNumber' FROM registration r
          WHERE r.status = 'ACTIVE' AND r.passport_number = s.passport_number AND r.id IS DISTINCT FROM e.id
        UNION ALL
        SELECT r.id, 'phone+name+dateOfBirth' FROM registration r
          WHERE r.status = 'ACTIVE' AND r.phone = s.phone AND r.date_of_birth = s.date_of_birth
            AND lower(r.family_name_latin) = lower(s.family_name_latin)
            AND lower(r.given_name_latin) = lower(s.given_name_latin) AND r.id IS DISTINCT FROM e.id
        LIMIT 1) d ON true
      """;

  private static final String INSERT = "INSERT INTO registration (" + StageCopy.COLUMNS + """
      , version, created_at, created_by, created_via, updated_at, updated_by)
      SELECT""" + " " + StageCopy.COLUMNS.replace("\n", " ") + """
      , 1, :now, :by, :via, :now, :by
      FROM import_stage JOIN unnest(CAST(:lines AS bigint[])) AS l(line) USING (line)
      ON CONFLICT DO NOTHING
      RETURNING id
      """;

  private final Handle handle;
  private final AuditTrail audit;
  private final Actor actor;
  private final UUID runId;
  private final String via;
  private final Clock clock;

  BatchWriter(Jdbi jdbi, AuditTrail audit, Actor actor, UUID runId, Clock clock) {
    this.handle = jdbi.open();
    this.audit = audit;
    this.actor = actor;
    this.runId = runId;
    this.via = "import:" + runId;
    this.clock = clock;
    handle.execute(StageCopy.CREATE);
  }

  /**
   * Writes {@code rows} and reports them with {@code rejected}, in line order.
   *
   * @return rows held back because an earlier row of the same batch shares a key with them; write them next, when
   *     the earlier row is in the registry and they can be matched against it
   */
  List<Candidate> write(List<Candidate> rows, List<RowOutcome> rejected, RegistrationImporter.Counts counts) {
    List<Candidate> now = new ArrayList<>(rows.size());
    List<Candidate> later = new ArrayList<>();
    Set<String> keys = new HashSet<>(rows.size() * 4);
    for (Candidate c : rows) {
      List<String> k = keys(c.data());
      if (k.stream().anyMatch(keys::contains)) {
        later.add(c);
      } else {
        keys.addAll(k);
        now.add(c);
      }
    }
    List<RowOutcome> outcomes = new ArrayList<>(rows.size() + rejected.size());
    outcomes.addAll(rejected);
    if (!now.isEmpty()) {
      outcomes.addAll(handle.inTransaction(h -> {
        try {
          return writeBatch(now);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (SQLException e) {
          throw new IllegalStateException("writing an import batch failed: " + e.getMessage(), e);
        }
      }));
    }
    outcomes.sort(Comparator.comparingLong(RowOutcome::line));
    outcomes.forEach(counts::add);
    return later;
  }

  private List<RowOutcome> writeBatch(List<Candidate> rows) throws SQLException, IOException {
    StageCopy.copy(handle.getConnection(), rows);
    Map<Long, Candidate> byLine = new HashMap<>(rows.size() * 2);
    rows.forEach(c -> byLine.put(c.line(), c));
    List<RowOutcome> outcomes = new ArrayList<>(rows.size());
    List<Long> inserts = new ArrayList<>();
    List<Candidate> updates = new ArrayList<>();
    Map<Candidate, UUID> updateTargets = new HashMap<>();
    handle.createQuery(CLASSIFY).map((rs, ctx) -> {
      Candidate c = byLine.get(rs.getLong("line"));
      UUID existing = rs.getObject("existing_id", UUID.class);
      UUID dup = rs.getObject("dup_id", UUID.class);
      String ext = c.data().externalId();
      if (existing != null && !"ACTIVE".equals(rs.getString("existing_status"))) {
        outcomes.add(RowOutcome.rejected(c.line(), ext, List.of(new FieldError("external_id",
            "names registration " + existing + ", which is " + rs.getString("existing_status")
                + " and can no longer change"))));
      } else if (existing != null && !actor.sees(rs.getString("existing_country"))) {
        outcomes.add(RowOutcome.rejected(c.line(), ext, List.of(new FieldError("external_id",
            "names a registration outside your jurisdiction"))));
      } else if (existing != null && rs.getBoolean("same")) {
        outcomes.add(new RowOutcome(c.line(), RowOutcome.Status.UNCHANGED, existing, ext, null, List.of()));
      } else if (dup != null) {
        outcomes.add(new RowOutcome(c.line(), RowOutcome.Status.DUPLICATE, dup, ext, rs.getString("dup_rule"),
            List.of()));
      } else if (existing != null) {
        updates.add(c);
        updateTargets.put(c, existing);
      } else {
        inserts.add(c.line());
      }
      return c;
    }).list();

    Instant now = Instant.now(clock);
    List<UUID> written = new ArrayList<>(rows.size());
    if (!inserts.isEmpty()) {
      Set<UUID> created = new HashSet<>(handle.createQuery(INSERT)
          .bind("now", now).bind("by", actor.username()).bind("via", via)
          .bind("lines", inserts.toArray(Long[]::new))
          .mapTo(UUID.class).list());
      for (Long line : inserts) {
        Candidate c = byLine.get(line);
        if (created.contains(c.id())) {
          outcomes.add(new RowOutcome(line, RowOutcome.Status.CREATED, c.id(), c.data().externalId(), null,
              List.of()));
          written.add(c.id());
        } else {
          outcomes.add(raced(c));
        }
      }
      handle.createUpdate("""
          INSERT INTO registration_change (registration_id, version, kind, via, changed_by, changed_at)
          SELECT unnest(CAST(:ids AS uuid[])), 1, 'CREATED', :via, :by, :now
          """).bind("ids", written.toArray(UUID[]::new)).bind("via", via).bind("by", actor.username())
          .bind("now", now).execute();
    }
    RegistrationDao dao = handle.attach(RegistrationDao.class);
    for (Candidate c : updates) {
      Registration current = dao.lock(updateTargets.get(c)).orElseThrow();
      try {
        handle.execute("SAVEPOINT row_update");
        Registration next = RegistrationService.applyUpdate(dao, actor, current, c.data(), via, now);
        handle.execute("RELEASE SAVEPOINT row_update");
        outcomes.add(new RowOutcome(c.line(), next == current ? RowOutcome.Status.UNCHANGED
            : RowOutcome.Status.UPDATED, current.id(), c.data().externalId(), null, List.of()));
        if (next != current) {
          written.add(current.id());
        }
      } catch (DuplicateRegistrationException e) {
        handle.execute("ROLLBACK TO SAVEPOINT row_update");
        outcomes.add(new RowOutcome(c.line(), RowOutcome.Status.DUPLICATE, e.existingId(), c.data().externalId(),
            e.rule(), List.of()));
      } catch (ConflictException | ValidationException e) {
        handle.execute("ROLLBACK TO SAVEPOINT row_update");
        outcomes.add(RowOutcome.rejected(c.line(), c.data().externalId(),
            List.of(new FieldError("external_id", e.getMessage()))));
      }
    }
    if (!written.isEmpty()) {
      audit.record(handle, actor, "IMPORT", written, "run " + runId);
    }
    return outcomes;
  }

  /** A new row that lost a race with another writer between the check and the insert. */
  private RowOutcome raced(Candidate c) {
    RegistrationData d = c.data();
    UUID id = handle.createQuery("""
        SELECT id FROM registration WHERE status = 'ACTIVE' AND (national_id = :n OR passport_number = :p
          OR (phone = :phone AND date_of_birth = :dob AND lower(family_name_latin) = lower(:family)
              AND lower(given_name_latin) = lower(:given))
          OR (consulate_id = :consulate AND external_id = :ext)) LIMIT 1
        """).bind("n", d.nationalId()).bind("p", d.passportNumber()).bind("phone", d.phone())
        .bind("dob", d.dateOfBirth()).bind("family", d.familyNameLatin()).bind("given", d.givenNameLatin())
        .bind("consulate", d.consulateId()).bind("ext", d.externalId()).mapTo(UUID.class).findOne().orElse(null);
    return new RowOutcome(c.line(), RowOutcome.Status.DUPLICATE, id, d.externalId(), "written concurrently",
        List.of());
  }

  private static List<String> keys(RegistrationData d) {
    List<String> k = new ArrayList<>(4);
    if (d.externalId() != null) {
      k.add("e:" + d.consulateId() + ":" + d.externalId());
    }
    if (d.nationalId() != null) {
      k.add("n:" + d.nationalId());
    }
    if (d.passportNumber() != null) {
      k.add("p:" + d.passportNumber());
    }
    k.add("h:" + d.phone() + ":" + d.dateOfBirth() + ":" + d.familyNameLatin().toLowerCase(Locale.ROOT) + ":"
        + d.givenNameLatin().toLowerCase(Locale.ROOT));
    return k;
  }

  @Override
  public void close() {
    handle.close();
  }
}
