package crisis.core.repatriation;

import crisis.core.common.Ids;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Vulnerability;
import crisis.core.repatriation.EvacuationRequest.Source;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.Traveller.DocumentType;
import crisis.core.repatriation.Traveller.LaissezPasser;
import crisis.core.repatriation.db.EvacuationDao;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Who travels in a household's request and how it is written: the registered people as travellers (with the needs
 * their registrations imply), the members they list (each person once, a laissez-passer required), and the insertion
 * of requests with their travellers in batches, never a second one for someone who already travels. Shared by the
 * desk, the zone order and the SMS replies.
 */
final class Households {
  private Households() {}

  /**
   * The travellers of a household of registrations (oldest first; people sharing a phone): each registration, then
   * the household members they list, each person once (same name and date of birth).
   */
  static List<Traveller> household(List<Registration> registrations) {
    List<Registration> household = new ArrayList<>(registrations);
    household.sort(java.util.Comparator.comparing(Registration::createdAt).thenComparing(Registration::id));
    List<Traveller> travellers = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Registration r : household) {
      travellers.add(principal(r, Set.of()));
      seen.add(personKey(fullName(r.data()), r.data().dateOfBirth()));
    }
    for (Registration r : household) {
      for (HouseholdMember m : r.data().household()) {
        if (seen.add(personKey(m.fullName(), m.dateOfBirth()))) {
          travellers.add(member(m));
        }
      }
    }
    return travellers;
  }

  /** A household to open a request for: the registration that anchors it, and everyone who travels. */
  record Household(Registration anchor, List<Traveller> travellers) {}

  /** Inserts the request and its travellers; null when the household or one of its people already has one. */
  static EvacuationRequest insert(Handle h, UUID crisisId, Registration r, Source source, String notes,
      List<Traveller> travellers, String by, Instant now) {
    UUID[] registered = travellers.stream().map(Traveller::registrationId).filter(java.util.Objects::nonNull)
        .toArray(UUID[]::new);
    // Under the crisis's lock: nobody else opens a request for these people meanwhile.
    if (!h.attach(EvacuationDao.class).travelling(crisisId, registered).isEmpty()) {
      return null;
    }
    List<EvacuationRequest> created = insertAll(h, crisisId, List.of(new Household(r, travellers)), source, notes,
        by, now);
    return created.isEmpty() ? null : created.get(0);
  }

  /**
   * Inserts requests and their travellers in batches, under the crisis's lock, for households none of whose people
   * travels yet; returns those inserted (a household whose anchor already had a request is left out).
   */
  static List<EvacuationRequest> insertAll(Handle h, UUID crisisId, List<Household> households,
      Source source, String notes, String by, Instant now) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    List<EvacuationRequest> requests = new ArrayList<>(households.size());
    for (Household x : households) {
      RegistrationData d = x.anchor().data();
      requests.add(new EvacuationRequest(Ids.newId(), crisisId, x.anchor().id(), d.consulateId(),
          d.countryOfResidence(), source, State.OPEN, d.phone(), d.preferredLanguage().code(),
          d.location() == null ? null : d.location().latitude(),
          d.location() == null ? null : d.location().longitude(), notes, 1, now, by, now, x.travellers(), null));
    }
    FieldCipher cipher = FieldCipher.of(h);
    List<byte[]> sealedNotes = new ArrayList<>(requests.size());
    requests.forEach(q -> sealedNotes.add(cipher.seal(FieldCipher.Field.EVACUATION_NOTES, q.id(), q.notes())));
    int[] inserted = dao.insertAll(requests, sealedNotes, source.name());
    List<EvacuationRequest> out = new ArrayList<>();
    List<EvacuationDao.TravellerInsert> rows = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      if (inserted[i] == 1) {
        EvacuationRequest q = requests.get(i);
        out.add(q);
        q.travellers().forEach(t -> rows.add(row(FieldCipher.of(h), crisisId, q.id(), t, now)));
      }
    }
    dao.insertTravellers(rows);
    return out;
  }

  /** A traveller as its row holds it: the document number sealed for that traveller ({@link FieldCipher}). */
  static EvacuationDao.TravellerInsert row(FieldCipher cipher, UUID crisisId, UUID requestId, Traveller t,
      Instant now) {
    return new EvacuationDao.TravellerInsert(t.id(), requestId, crisisId, t.registrationId(), t.fullName(),
        t.nameArabic(), t.sex() == null ? null : t.sex().name(), t.dateOfBirth(), t.nationality(), t.documentType().name(),
        cipher.seal(FieldCipher.Field.DOCUMENT_NUMBER, t.id(), t.documentNumber()), t.needs().stream().map(Enum::name).sorted().toArray(String[]::new),
        t.laissezPasser().name(), now);
  }

  /** The registered national as a traveller, with the needs their registration implies. */
  static Traveller principal(Registration r, Set<SpecialNeed> extra) {
    RegistrationData d = r.data();
    Set<SpecialNeed> needs = EnumSet.noneOf(SpecialNeed.class);
    needs.addAll(extra);
    for (Vulnerability v : d.vulnerabilities()) {
      switch (v) {
        case PREGNANCY -> needs.add(SpecialNeed.PREGNANCY);
        case ELDERLY -> needs.add(SpecialNeed.ELDERLY);
        case UNACCOMPANIED_MINOR -> needs.add(SpecialNeed.UNACCOMPANIED_MINOR);
        case REDUCED_MOBILITY -> needs.add(SpecialNeed.WHEELCHAIR);
        case MEDICAL_CONDITION -> { }
      }
    }
    DocumentType type = d.passportNumber() != null ? DocumentType.PASSPORT : DocumentType.NATIONAL_ID;
    return new Traveller(Ids.newId(), r.id(), fullName(d), arabicName(d), d.sex(), d.dateOfBirth(), "MA", type,
        d.passportNumber() != null ? d.passportNumber() : d.nationalId(), needs, LaissezPasser.NOT_NEEDED);
  }

  /** A household member of a registration: their document is not on file, so a laissez-passer is required. */
  static Traveller member(HouseholdMember m) {
    return new Traveller(Ids.newId(), null, m.fullName(), null, null, m.dateOfBirth(),
        m.nationality() == null ? "MA" : m.nationality(), DocumentType.NONE, null, Set.of(),
        LaissezPasser.REQUIRED);
  }

  private static String fullName(RegistrationData d) {
    return (d.givenNameLatin() + " " + d.familyNameLatin()).strip();
  }

  /** The name in Arabic script, when the registration has it. */
  private static String arabicName(RegistrationData d) {
    String n = ((d.givenNameArabic() == null ? "" : d.givenNameArabic()) + " "
        + (d.familyNameArabic() == null ? "" : d.familyNameArabic())).strip();
    return n.isEmpty() ? null : n;
  }

  private static String personKey(String name, LocalDate dob) {
    return name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip() + "|" + dob;
  }
}
