package crisis.core.repatriation;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.TextFold;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.GateDao;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Jdbi;

/**
 * A leg's passenger manifest for the carrier and the border authorities, as CSV and as PDF: each traveller with a seat
 * on the leg, name as in the document, sex, date of birth, nationality, document, household (its boarding code),
 * special needs, assembly point and status (ASSIGNED, CHECKED_IN, BOARDED, or their household's state); once the leg
 * has left, only those who boarded. The crisis cell and the leg's gate officer get the whole leg; any other consular
 * officer its own consulate's households only. The same
 * list feeds the gate's passenger list. Every download is audited with the people it named.
 */
public final class Manifests {
  public static final List<String> COLUMNS = List.of("leg", "carrier", "departs_at", "full_name", "sex",
      "date_of_birth", "nationality", "document_type", "document_number", "household", "special_needs",
      "assembly_point", "status");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final Jdbi jdbi;
  private final Gate gate;
  private final AuditTrail audit;

  public Manifests(Jdbi jdbi, Gate gate, AuditTrail audit) {
    this.jdbi = jdbi;
    this.gate = gate;
    this.audit = audit;
  }

  /** One traveller of a leg and where they are; {@code nameArabic} the name in Arabic script when registered. */
  public record Passenger(UUID travellerId, UUID requestId, String fullName, String nameArabic, String sex,
      String dateOfBirth,
      String nationality, String documentType, String documentNumber, String household, List<SpecialNeed> needs,
      boolean laissezPasserRequired, String assemblyPoint, String status) {}

  /** The leg and its passengers in household order (request time), audited as {@code action}. */
  public record Manifest(TransportLeg leg, List<Passenger> passengers) {}

  public Manifest manifest(Actor actor, UUID legId, String action) {
    Gate.View view = gate.legFor(actor, legId);
    TransportLeg leg = view.leg();
    return jdbi.inTransaction(h -> {
      Map<UUID, String> points = new HashMap<>();
      leg.points().forEach(p -> points.put(p.placeId(), p.name()));
      Map<UUID, GateDao.Passage> passages = new HashMap<>();
      h.attach(GateDao.class).passages(legId).forEach(p -> passages.put(p.travellerId(), p));
      List<Passenger> out = new ArrayList<>();
      List<UUID> named = new ArrayList<>();
      boolean left = leg.state() == TransportLeg.State.DEPARTED || leg.state() == TransportLeg.State.ARRIVED;
      for (EvacuationRequest r : EvacuationRequests.withTravellers(h, h.attach(EvacuationDao.class).onLeg(legId))) {
        if (!view.covers(r)) {
          continue;  // an officer's list holds its own consulate's households; the whole leg is the cell's
        }
        named.add(r.registrationId());
        for (Traveller t : r.travellers()) {
          GateDao.Passage p = passages.get(t.id());
          if (left && (p == null || p.boardedAt() == null)) {
            continue;  // once the leg has left, its manifest is who flew
          }
          String status = p == null ? r.state().name() : p.boardedAt() != null ? EvacuationRequest.State.BOARDED.name()
              : EvacuationRequest.State.CHECKED_IN.name();
          out.add(new Passenger(t.id(), r.id(), t.fullName(), t.nameArabic(), t.sex() == null ? "" : t.sex().name(),
              t.dateOfBirth() == null ? "" : t.dateOfBirth().toString(), t.nationality(), t.documentType().name(),
              t.documentNumber() == null ? "" : t.documentNumber(), r.assignment().boardingCode(),
              t.needs().stream().sorted().toList(), !t.mayBoard(), points.get(r.assignment().placeId()), status));
        }
      }
      audit.record(h, actor, action, named, "leg " + legId + ": " + out.size() + " travellers");
      return new Manifest(leg, out);
    });
  }

  /**
   * The gate's list: the leg's passengers, or those a search finds: part of a name in either script (accents,
   * Arabic vowel marks and letter forms folded, {@link TextFold}), or a boarding code or document number exactly.
   */
  public List<Passenger> passengers(Actor actor, UUID legId, String q) {
    List<Passenger> all = manifest(actor, legId, "READ_PASSENGERS").passengers();
    String needle = TextFold.fold(q);
    if (needle.isEmpty()) {
      return all;
    }
    return all.stream().filter(p -> TextFold.fold(p.fullName()).contains(needle)
        || TextFold.fold(p.nameArabic()).contains(needle) || needle.equals(TextFold.fold(p.household()))
        || needle.equals(TextFold.fold(p.documentNumber()))).toList();
  }

  public String csv(Actor actor, UUID legId) {
    Manifest m = manifest(actor, legId, "MANIFEST_CSV");
    StringWriter w = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new))
        .get())) {
      for (Passenger x : m.passengers()) {
        p.printRecord(Stream.of(m.leg().reference(), m.leg().carrier(), m.leg().departsAt().toString(),
            x.fullName(), x.sex(), x.dateOfBirth(), x.nationality(), x.documentType(), x.documentNumber(),
            x.household(), x.needs().stream().map(Enum::name).collect(Collectors.joining(" ")), x.assemblyPoint(),
            x.status()).map(Manifests::cell).toArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * A cell as a spreadsheet will not run it: carriers and border police open manifests in one, where a cell starting
   * with {@code = + - @}, a tab or a carriage return is read as a formula. Such a cell is written after a quote, as
   * OWASP advises for CSV injection; everything else as it is.
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
  }

  public byte[] pdf(Actor actor, UUID legId) {
    Manifest m = manifest(actor, legId, "MANIFEST_PDF");
    TransportLeg leg = m.leg();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
    PdfWriter.getInstance(doc, out);
    doc.open();
    BaseFont unicode = crisis.core.common.PdfFont.get();
    Font title = new Font(unicode, 13, Font.BOLD);
    Font small = new Font(unicode, 8);
    Font head = new Font(unicode, 8, Font.BOLD);
    ZonedDateTime departs = leg.departsAt().atZone(leg.timeZone());
    doc.add(new Paragraph("Passenger manifest - " + leg.kind() + " " + leg.reference() + " (" + leg.carrier() + ")",
        title));
    doc.add(new Paragraph("Departs " + WHEN.format(departs) + " from " + leg.points().stream()
        .map(TransportLeg.LegPoint::name).collect(Collectors.joining(", ")) + " to " + leg.destinationCity()
        + ". State: " + leg.state() + ". Travellers: " + m.passengers().size() + ".", small));
    doc.add(new Paragraph(" ", small));
    String[] headers = {"#", "Full name", "Sex", "Born", "Nat.", "Document", "Number", "Household", "Needs",
        "Assembly point", "Status"};
    PdfPTable table = new PdfPTable(new float[] {3, 22, 4, 9, 4, 10, 11, 10, 14, 14, 9});
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    for (String hd : headers) {
      table.addCell(new PdfPCell(new Phrase(hd, head)));
    }
    int n = 1;
    for (Passenger x : m.passengers()) {
      String[] cells = {Integer.toString(n++), x.fullName(), x.sex(), x.dateOfBirth(), x.nationality(),
          x.documentType(), x.documentNumber(), x.household(),
          x.needs().stream().map(Enum::name).collect(Collectors.joining(" ")), x.assemblyPoint(), x.status()};
      for (String c : cells) {
        PdfPCell cell = new PdfPCell(new Phrase(c, small));
        if (crisis.core.common.PdfFont.arabic(c)) {
          // Joined letters, right to left: a name typed in Arabic script reads as it is written.
          cell.setRunDirection(PdfWriter.RUN_DIRECTION_RTL);
        }
        cell.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.addCell(cell);
      }
    }
    doc.add(table);
    doc.close();
    return out.toByteArray();
  }
}
