package crisis.core.registry.importing;

import com.fasterxml.jackson.core.type.TypeReference;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.Json;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.consulate.ConsulateDao;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.db.ImportMappingDao;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The column mappings each consulate keeps for its own files ({@link ColumnMapping}): an officer maps the headers the
 * import does not know once, names the mapping, and the consulate's next files are read with it. An officer keeps
 * and reads their own consulate's; the crisis cell any consulate's. Saving and deleting are audited.
 */
public final class ImportMappings {
  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final Clock clock;

  public ImportMappings(Jdbi jdbi, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** The consulate's mappings, the last saved first. */
  public List<ColumnMapping> list(Actor actor, String consulateId) {
    String consulate = consulate(actor, consulateId);
    return jdbi.withExtension(ImportMappingDao.class, dao -> dao.list(consulate)).stream()
        .map(ImportMappings::mapping).toList();
  }

  /**
   * One mapping by its name, for an import.
   *
   * @throws NotFoundException when the consulate keeps none of that name
   */
  public ColumnMapping find(Actor actor, String consulateId, String name) {
    String consulate = consulate(actor, consulateId);
    return jdbi.withExtension(ImportMappingDao.class, dao -> dao.find(consulate, name == null ? "" : name.strip()))
        .map(ImportMappings::mapping).orElseThrow(() -> new NotFoundException("column mapping"));
  }

  /** Keeps a mapping under its name, replacing the consulate's mapping of that name. */
  public ColumnMapping save(Actor actor, String consulateId, String name, Map<String, String> columns) {
    String consulate = consulate(actor, consulateId);
    ColumnMapping m = ColumnMapping.of(consulate, name, columns, Instant.now(clock), actor.username());
    jdbi.useTransaction(h -> {
      h.attach(ImportMappingDao.class).save(consulate, m.name(), Json.write(m.columns()), m.updatedAt(),
          m.updatedBy());
      audit.record(h, actor, "IMPORT_MAPPING_SAVED", List.of(), "consulate " + consulate + ", "
          + m.columns().size() + " headers");
    });
    return m;
  }

  /** Forgets a mapping. */
  public void delete(Actor actor, String consulateId, String name) {
    String consulate = consulate(actor, consulateId);
    jdbi.useTransaction(h -> {
      if (h.attach(ImportMappingDao.class).delete(consulate, name == null ? "" : name.strip()) == 0) {
        throw new NotFoundException("column mapping");
      }
      audit.record(h, actor, "IMPORT_MAPPING_DELETED", List.of(), "consulate " + consulate);
    });
  }

  /** The consulate asked for, defaulting to an officer's own; one the actor does not see is not found. */
  private String consulate(Actor actor, String consulateId) {
    RegistrationService.requireWriter(actor);
    String c = consulateId == null || consulateId.isBlank() ? actor.consulateScope() : consulateId.strip();
    if (c == null) {
      throw new ValidationException("consulate", "is required");
    }
    if (!actor.seesConsulate(c) || jdbi.withExtension(ConsulateDao.class, dao -> dao.find(c)).isEmpty()) {
      throw new NotFoundException("consulate");
    }
    return c;
  }

  private static ColumnMapping mapping(ImportMappingDao.Row r) {
    return new ColumnMapping(r.consulateId(), r.name(), Json.read(r.columns(), new TypeReference<Map<String, String>>() {
    }), r.updatedAt(), r.updatedBy());
  }
}
