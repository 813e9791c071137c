package crisis.core.registry.importing;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.DuplicateRegistrationException;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.db.ImportStageDao;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.db.RegistrationRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Writes one batch of valid rows in one transaction: COPY into a temporary stage, classify every row against the
 * registry with one query, insert the new ones with one statement, update the changed ones one by one (rare in
 * bulk files) and audit the batch. Holds one connection for the whole import.
 */
final class BatchWriter implements AutoCloseable {
  private static final String UNIQUE_VIOLATION = "23505";


  private final Handle handle;
  private final AuditTrail audit;
  private final Actor actor;
  private final UUID runId;
  private final String via;
  private final Clock clock;
  /** Whether the next batch is first tried as all-new rows; cleared by a batch that was not. */
  private boolean optimistic = true;

  BatchWriter(Jdbi jdbi, AuditTrail audit, Actor actor, UUID runId, Clock clock) {
    this.handle = jdbi.open();
    this.audit = audit;
    this.actor = actor;
    this.runId = runId;
    this.via = "import:" + runId;
    this.clock = clock;
    // The staging table is COPY's target (StageCopy): created here, once per import connection.
    handle.attach(ImportStageDao.class).createStage();
  }

  /**
   * Writes {@code rows} in one transaction and returns their outcomes with {@code rejected}, in line order. No two of
   * {@code rows} may share a unique key ({@link ParallelWrites} holds such rows back for a later batch).
   */
  List<RowOutcome> write(List<Candidate> rows, List<RowOutcome> rejected) {
    List<RowOutcome> outcomes = new ArrayList<>(rows.size() + rejected.size());
    outcomes.addAll(rejected);
    if (!rows.isEmpty()) {
      outcomes.addAll(handle.inTransaction(h -> {
        try {
          h.attach(ImportStageDao.class).roomForBatch();
          return writeBatch(rows);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (SQLException e) {
          // The driver's message may quote a row of the file: only its safe facts in ours.
          throw new IllegalStateException("writing an import batch failed: " + crisis.core.common.ErrorFacts
              .describe(e), e);
        }
      }));
    }
    outcomes.sort(Comparator.comparingLong(RowOutcome::line));
    return outcomes;
  }

  private List<RowOutcome> writeBatch(List<Candidate> rows) throws SQLException, IOException {
    List<RowOutcome> outcomes = optimistic ? tryAllNew(rows) : null;
    if (outcomes == null) {
      outcomes = classifyAndWrite(rows);
      optimistic = outcomes.stream().allMatch(o -> o.status() == RowOutcome.Status.CREATED);
    }
    // The consulate's file holds people some of whom may have declared themselves: their declarations give way.
    PendingRegistrations.supersede(handle, audit, actor, via, Instant.now(clock));
    return outcomes;
  }

  /**
   * The fast path of a first load: COPY the whole batch into the registry. The unique indexes encode exactly the
   * rules of {@link ImportStageDao#classify} (external id, national ID, passport, phone with name and birth date, each
   * among confirmed records), so a batch that goes in without a violation is a batch of new people; one violation
   * undoes the attempt and returns null.
   */
  private List<RowOutcome> tryAllNew(List<Candidate> rows) throws SQLException, IOException {
    Instant now = Instant.now(clock);
    handle.savepoint("all_new");
    try {
      StageCopy.copyRows(handle.getConnection(), rows, now, actor.username(), via);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      handle.rollbackToSavepoint("all_new");
      return null;
    }
    handle.releaseSavepoint("all_new");
    List<RowOutcome> outcomes = new ArrayList<>(rows.size());
    List<UUID> written = new ArrayList<>(rows.size());
    for (Candidate c : rows) {
      outcomes.add(new RowOutcome(c.line(), RowOutcome.Status.CREATED, c.id(), c.data().externalId(), null,
          List.of()));
      written.add(c.id());
    }
    audit.recordImport(handle, actor, runId, written.size());
    return outcomes;
  }

  private List<RowOutcome> classifyAndWrite(List<Candidate> rows) throws SQLException, IOException {
    StageCopy.copyKeys(handle.getConnection(), rows);
    Map<Long, Candidate> byLine = new HashMap<>(rows.size() * 2);
    rows.forEach(c -> byLine.put(c.line(), c));
    List<RowOutcome> outcomes = new ArrayList<>(rows.size());
    Writes writes = classify(byLine, outcomes);
    Instant now = Instant.now(clock);
    List<UUID> written = new ArrayList<>(rows.size());
    RegistrationDao dao = handle.attach(RegistrationDao.class);
    if (!writes.inserts().isEmpty()) {
      insertNew(dao, writes.inserts().stream().map(byLine::get).toList(), now, outcomes, written);
    }
    for (Candidate c : writes.updates()) {
      outcomes.add(update(dao, c, writes.updateTargets().get(c), now, written));
    }
    if (!written.isEmpty()) {
      audit.recordImport(handle, actor, runId, written.size());
    }
    return outcomes;
  }

  /** The rows a classified batch still writes: new people (by line), and the updates with the records they change. */
  private record Writes(List<Long> inserts, List<Candidate> updates, Map<Candidate, UUID> updateTargets) {}

  /**
   * Classifies the staged keys of a batch against the registry: the rows that cannot change, are unchanged or are
   * duplicates get their outcome now (a duplicate's disclosure audited); the others are the writes to come.
   */
  private Writes classify(Map<Long, Candidate> byLine, List<RowOutcome> outcomes) {
    List<Long> inserts = new ArrayList<>();
    List<Candidate> updates = new ArrayList<>();
    Map<Candidate, UUID> updateTargets = new HashMap<>();
    List<UUID> shown = new ArrayList<>();
    List<UUID> hidden = new ArrayList<>();
    for (ImportStageDao.Classified k : handle.attach(ImportStageDao.class).classify()) {
      Candidate c = byLine.get(k.line());
      UUID existing = k.existingId();
      String ext = c.data().externalId();
      if (existing != null && k.existingStatus() != RegistrationStatus.ACTIVE) {
        outcomes.add(RowOutcome.rejected(c.line(), ext, List.of(new FieldError("external_id",
            "names registration " + existing + ", which is " + k.existingStatus() + " and can no longer change"))));
      } else if (existing != null && !actor.sees(k.existingCountry())) {
        outcomes.add(RowOutcome.rejected(c.line(), ext, List.of(new FieldError("external_id",
            "names a registration outside your jurisdiction"))));
      } else if (existing != null && Boolean.TRUE.equals(k.same())) {
        outcomes.add(new RowOutcome(c.line(), RowOutcome.Status.UNCHANGED, existing, ext, null, List.of()));
      } else if (k.dupId() != null) {
        // The existing record is named only to those who may see it; the disclosure is audited either way.
        boolean visible = actor.sees(k.dupCountry());
        (visible ? shown : hidden).add(k.dupId());
        outcomes.add(new RowOutcome(c.line(), RowOutcome.Status.DUPLICATE, visible ? k.dupId() : null, ext,
            k.dupRule(), List.of()));
      } else if (existing != null) {
        updates.add(c);
        updateTargets.put(c, existing);
      } else {
        inserts.add(c.line());
      }
    }
    if (!shown.isEmpty()) {
      audit.record(handle, actor, "DUPLICATE_SHOWN", shown, "import " + runId);
    }
    if (!hidden.isEmpty()) {
      audit.record(handle, actor, "DUPLICATE_HIDDEN", hidden, "import " + runId);
    }
    return new Writes(inserts, updates, updateTargets);
  }

  /** The new people of a batch in one COPY; row by row if another writer registered one of them meanwhile. */
  private void insertNew(RegistrationDao dao, List<Candidate> fresh, Instant now, List<RowOutcome> outcomes,
      List<UUID> written) throws SQLException, IOException {
    handle.savepoint("bulk_insert");
    try {
      StageCopy.copyRows(handle.getConnection(), fresh, now, actor.username(), via);
      handle.releaseSavepoint("bulk_insert");
      for (Candidate c : fresh) {
        outcomes.add(new RowOutcome(c.line(), RowOutcome.Status.CREATED, c.id(), c.data().externalId(), null,
            List.of()));
        written.add(c.id());
      }
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // Another writer registered one of these people between our check and our copy: go row by row.
      handle.rollbackToSavepoint("bulk_insert");
      for (Candidate c : fresh) {
        outcomes.add(insertOne(dao, c, now, written));
      }
    }
  }

  /** One row that changes an existing registration, under its own savepoint. */
  private RowOutcome update(RegistrationDao dao, Candidate c, UUID target, Instant now, List<UUID> written) {
    Registration current = dao.lock(target).orElseThrow();
    try {
      handle.savepoint("row_update");
      Registration next = RegistrationService.applyUpdate(dao, actor, current, c.data(), via, now);
      handle.releaseSavepoint("row_update");
      if (next != current) {
        written.add(current.id());
      }
      return new RowOutcome(c.line(), next == current ? RowOutcome.Status.UNCHANGED
          : RowOutcome.Status.UPDATED, current.id(), c.data().externalId(), null, List.of());
    } catch (DuplicateRegistrationException e) {
      handle.rollbackToSavepoint("row_update");
      DuplicateRegistrationException told = RegistrationService.disclose(handle, audit, actor, e);
      return new RowOutcome(c.line(), RowOutcome.Status.DUPLICATE, told.existingId(), c.data().externalId(),
          e.rule(), List.of());
    } catch (ConflictException | ValidationException e) {
      handle.rollbackToSavepoint("row_update");
      return RowOutcome.rejected(c.line(), c.data().externalId(),
          List.of(new FieldError("external_id", e.getMessage())));
    }
  }

  private RowOutcome insertOne(RegistrationDao dao, Candidate c, Instant now, List<UUID> written) {
    Registration r = new Registration(c.id(), c.data(), RegistrationStatus.ACTIVE, null, 1, now, actor.username(),
        now, actor.username());
    handle.savepoint("row_insert");
    try {
      dao.insert(RegistrationRow.of(r, c.contentHash(), via, FieldCipher.of(handle)));
      handle.releaseSavepoint("row_insert");
      written.add(c.id());
      return new RowOutcome(c.line(), RowOutcome.Status.CREATED, c.id(), c.data().externalId(), null, List.of());
    } catch (UnableToExecuteStatementException e) {
      handle.rollbackToSavepoint("row_insert");
      return raced(c);
    }
  }

  /** A new row that lost a race with another writer between the check and the insert. */
  private RowOutcome raced(Candidate c) {
    RegistrationData d = c.data();
    UUID id = handle.attach(RegistrationDao.class).findClash(c.nationalIdIndex(), c.passportIndex(), d.phone(),
        d.dateOfBirth(), d.familyNameLatin(), d.givenNameLatin(), d.consulateId(), d.externalId()).orElse(null);
    UUID told = RegistrationService.disclose(handle, audit, actor,
        new DuplicateRegistrationException(id, "written concurrently")).existingId();
    return new RowOutcome(c.line(), RowOutcome.Status.DUPLICATE, told, d.externalId(), "written concurrently",
        List.of());
  }

  @Override
  public void close() {
    handle.close();
  }
}
