package crisis.core.citizen;

import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.Json;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.db.RegistrationDao;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What the registry holds for a phone, as its holder sees and changes it through the access a link opened (issue 34):
 * the active records reached on that phone, confirmed or pending (a household sharing one phone sees each other's);
 * a trip ended earlier than planned (its end ends the stay: the retention purge forgets it after its days); a record
 * withdrawn (out of alerts at once, forgotten as archived records are). Each reading and change is audited as the
 * citizen's, naming the records, and each change is in the record's history.
 */
public final class CitizenRecords {
  /** What the change history says a citizen's change came through. */
  public static final String VIA = "citizen";

  private final Jdbi jdbi;
  private final Declarations declarations;
  private final AuditTrail audit;
  private final Clock clock;

  public CitizenRecords(Jdbi jdbi, Declarations declarations, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.declarations = declarations;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Corrects a record with what its citizen declares now, checked as a declaration is: the record goes back to its
   * consulate's queue, pending (the consulate keeps the last word), with the change in its history. The consulate's
   * file reference is kept, and the record's point when the correction gives none in the same country (rather than
   * the town its address names); consent is given again only when the purposes changed. Nothing changes for the same
   * content.
   *
   * @throws NotFoundException no active record of this phone by that id
   * @throws ConflictException {@code version} is not the record's
   * @throws ValidationException naming each field that breaks a rule
   */
  public Registration correct(PhoneProofs.Access access, UUID id, int version, Declaration declaration) {
    crisis.core.registry.RegistrationData declared = declarations.check(declaration, access.phone());
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      Registration current = lockHeld(dao, access, id);
      if (current.version() != version) {
        throw new ConflictException("version", "the record is at version " + current.version() + ", not " + version
            + ": read it again");
      }
      crisis.core.registry.RegistrationData d = declared;
      crisis.core.registry.RegistrationData data = new crisis.core.registry.RegistrationData(
          current.data().externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
          d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
          d.preferredLanguage(), d.address(), declaration.latitude() == null && current.data().location() != null
              && d.countryOfResidence().equals(current.data().countryOfResidence()) ? current.data().location()
              : d.location(),
          d.countryOfResidence(), d.consulateId(),
          d.residenceType(), d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
          d.emergencyContact(), current.data().consent() != null
              && current.data().consent().purposes().equals(d.consent().purposes()) ? current.data().consent()
              : d.consent());
      // Pending first, so that the record leaves the unique rules before it takes its new content.
      h.savepoint("correct");
      dao.unconfirm(id);
      Registration pendingNow = dao.find(id).orElseThrow();
      Registration next = RegistrationService.applyUpdate(dao, PendingRegistrations.CITIZEN, pendingNow, data, VIA,
          clock.instant(), false);
      if (next == pendingNow) {
        h.rollbackToSavepoint("correct");
        return current;
      }
      h.releaseSavepoint("correct");
      audit.record(h, PendingRegistrations.CITIZEN, "CORRECT", List.of(id), current.confirmation()
          == crisis.core.registry.Confirmation.CONFIRMED ? "back in the consulate's queue" : null);
      return dao.find(id).orElseThrow();
    });
  }

  /** The active records reached on the access's phone, oldest first. */
  public List<Registration> held(PhoneProofs.Access access) {
    return jdbi.inTransaction(h -> {
      List<Registration> held = h.attach(RegistrationDao.class).heldBy(access.phone());
      audit.record(h, PendingRegistrations.CITIZEN, "CITIZEN_READ", held.stream().map(Registration::id).toList(),
          null);
      return held;
    });
  }

  /**
   * Ends a trip on {@code day}, at the latest its planned end (a longer stay is a correction for the consulate).
   *
   * @throws NotFoundException no active record of this phone by that id
   * @throws ConflictException the record is a residence, not a trip
   * @throws ValidationException {@code departureDate} missing, before the arrival or after the planned end
   */
  public Registration endTrip(PhoneProofs.Access access, UUID id, LocalDate day) {
    if (day == null) {
      throw new ValidationException("departureDate", "is required (YYYY-MM-DD)");
    }
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      Registration r = lockHeld(dao, access, id);
      if (r.data().residenceType() != ResidenceType.TEMPORARY) {
        throw new ConflictException("residenceType", "a residence has no end date: withdraw it instead");
      }
      LocalDate arrival = r.data().arrivalDate();
      LocalDate planned = r.data().departureDate();
      if (arrival != null && day.isBefore(arrival)) {
        throw new ValidationException("departureDate", "is before the trip's arrival (" + arrival + ")");
      }
      if (planned != null && day.isAfter(planned)) {
        throw new ValidationException("departureDate", "is after the trip's planned end (" + planned
            + "): to stay longer, ask the consulate");
      }
      Registration next = RegistrationService.applyUpdate(dao, PendingRegistrations.CITIZEN, r,
          r.data().withDepartureDate(day), VIA, clock.instant());
      audit.record(h, PendingRegistrations.CITIZEN, "END_TRIP", List.of(id), null);
      return next;
    });
  }

  /**
   * Withdraws a record: archived, so that no alert reaches it from now on, with the reason in its history.
   *
   * @throws NotFoundException no active record of this phone by that id
   */
  public Registration withdraw(PhoneProofs.Access access, UUID id) {
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      Registration r = lockHeld(dao, access, id);
      Instant now = clock.instant();
      dao.retire(id, RegistrationStatus.ARCHIVED.name(), null, now, PendingRegistrations.BY);
      dao.recordChange(id, r.version() + 1, "ARCHIVED", new String[] {"status"},
          Json.write(Map.of("status", RegistrationStatus.ACTIVE, "reason", "withdrawn by the citizen")), null, VIA,
          PendingRegistrations.BY, now);
      audit.record(h, PendingRegistrations.CITIZEN, "WITHDRAW", List.of(id), null);
      return dao.find(id).orElseThrow();
    });
  }

  /** An active record of the access's phone, locked; another phone's, or none, is not found. */
  private static Registration lockHeld(RegistrationDao dao, PhoneProofs.Access access, UUID id) {
    return dao.lock(id).filter(r -> r.status() == RegistrationStatus.ACTIVE
        && access.phone().equals(r.data().phone())).orElseThrow(() -> new NotFoundException("registration " + id));
  }
}
