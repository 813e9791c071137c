package crisis.core.repatriation.remains;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static crisis.core.testing.Samples.TRIPOLI_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.repatriation.remains.RemainsCase.BorneBy;
import crisis.core.repatriation.remains.RemainsCase.DocumentKind;
import crisis.core.repatriation.remains.RemainsCase.DocumentState;
import crisis.core.repatriation.remains.RemainsCase.Status;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A case from the death abroad to the family at home: documents before transport, forward only, in jurisdiction. */
@Tag("db")
class RemainsCasesTest {
  static Jdbi jdbi;
  static RemainsCases cases;
  static RemainsProgress progress;
  static Registration deceased;

  @BeforeAll
  static void start() {
    jdbi = TestDatabase.create().jdbi();
    Samples.consulates(jdbi);
    AuditTrail audit = new AuditTrail(jdbi, Clock.systemUTC());
    deceased = new RegistrationService(jdbi, new RegistrationValidator(), audit, Clock.systemUTC())
        .create(PARIS_OFFICER, Samples.parisian(1));
    cases = new RemainsCases(jdbi, audit, Clock.systemUTC());
    progress = new RemainsProgress(jdbi, audit, Clock.systemUTC());
  }

  private static RemainsCases.CaseInput input(String country) {
    return new RemainsCases.CaseInput(deceased.id(), null, null, null, LocalDate.now().minusDays(2),
        "Hôpital Lariboisière, Paris", country, null, "Ahmed El Amrani", "+212 522 123456", "brother", "Fès");
  }

  @Test
  void aCaseGoesHomeOnlyWithItsFourDocumentsAndATransportAndNeverBack() {
    RemainsCase c = cases.open(PARIS_OFFICER, input("FR"));
    assertThat(c.deceasedName()).isEqualTo("Fatima El Amrani");
    assertThat(c.documentNumber()).isEqualTo("AB000001");
    assertThat(c.family().phone()).isEqualTo("+212522123456");
    assertThat(c.documents()).extracting(RemainsCase.Document::state).containsOnly(DocumentState.MISSING);
    assertThat(c.documents()).hasSize(4);

    c = progress.setDocument(PARIS_OFFICER, c.id(), c.version(), DocumentKind.DEATH_CERTIFICATE, DocumentState.RECEIVED,
        "Mairie du 10e n° 2026-1234");
    assertThat(c.status()).isEqualTo(Status.DOCUMENTS_IN_PROGRESS);
    RemainsCase early = c;
    assertThatThrownBy(() -> progress.advance(PARIS_OFFICER, early.id(), early.version(), Status.CLEARED_FOR_TRANSPORT))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage())
            .contains("BURIAL_PERMIT", "MORTUARY_PASS", "TRANSPORT_PERMIT").doesNotContain("DEATH_CERTIFICATE"));
    for (DocumentKind k : new DocumentKind[] {DocumentKind.BURIAL_PERMIT, DocumentKind.MORTUARY_PASS,
        DocumentKind.TRANSPORT_PERMIT}) {
      c = progress.setDocument(PARIS_OFFICER, c.id(), c.version(), k, DocumentState.ISSUED, null);
    }
    c = progress.advance(PARIS_OFFICER, c.id(), c.version(), Status.CLEARED_FOR_TRANSPORT);
    RemainsCase cleared = c;
    assertThatThrownBy(() -> progress.advance(PARIS_OFFICER, cleared.id(), cleared.version(), Status.IN_TRANSIT))
        .isInstanceOf(ConflictException.class).hasMessageContaining("transport");
    c = progress.setTransport(PARIS_OFFICER, c.id(), c.version(), new RemainsCase.Transport("FLIGHT",
        "Royal Air Maroc", "AT 781", Instant.now().plusSeconds(86_400)));
    c = progress.addCost(PARIS_OFFICER, c.id(), c.version(), new RemainsProgress.CostInput("Air freight", "1850.50",
        "eur", BorneBy.STATE));
    assertThat(c.costs()).singleElement().satisfies(k -> {
      assertThat(k.amount()).isEqualByComparingTo(new BigDecimal("1850.50"));
      assertThat(k.currency()).isEqualTo("EUR");
    });
    c = progress.advance(PARIS_OFFICER, c.id(), c.version(), Status.IN_TRANSIT);
    c = progress.advance(PARIS_OFFICER, c.id(), c.version(), Status.HANDED_OVER);
    RemainsCase done = c;
    assertThatThrownBy(() -> progress.advance(PARIS_OFFICER, done.id(), done.version(), Status.ARRIVED))
        .isInstanceOf(ConflictException.class).hasMessageContaining("forward only");
    assertThatThrownBy(() -> progress.advance(PARIS_OFFICER, done.id(), 1, Status.HANDED_OVER))
        .isInstanceOf(ConflictException.class).hasMessageContaining("version");
    long history = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM remains_change WHERE case_id = :id")
        .bind("id", done.id()).mapTo(Long.class).one());
    assertThat(history).isEqualTo(done.version());
    assertThat(done.version()).isEqualTo(10); // opened, 4 documents, cleared, transport, cost, in transit, handed over
  }

  @Test
  void anotherConsulateSeesNothingAndBadInputNamesTheFields() {
    RemainsCase c = cases.open(CRISIS_CELL, input("FR"));
    assertThat(c.consulateId()).isEqualTo("fr-paris");
    assertThatThrownBy(() -> cases.get(TRIPOLI_OFFICER, c.id())).isInstanceOf(NotFoundException.class);
    assertThat(cases.list(TRIPOLI_OFFICER, null)).isEmpty();
    assertThat(cases.list(PARIS_OFFICER, null)).extracting(RemainsCase::id).contains(c.id());
    assertThatThrownBy(() -> cases.open(TRIPOLI_OFFICER, new RemainsCases.CaseInput(null, null, "Omar\u0000",
        null, LocalDate.now().plusDays(1), "", "FR", null, "", "12", "", "")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).contains("deceasedName", "dateOfDeath", "placeOfDeath", "country",
                "familyName", "familyPhone", "familyRelation", "destinationCity"));
    assertThatThrownBy(() -> progress.addCost(PARIS_OFFICER, c.id(), c.version(), new RemainsProgress.CostInput("x",
        "12,5", "EURO", null))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).containsExactlyInAnyOrder("amount", "currency", "borneBy"));
  }
}
