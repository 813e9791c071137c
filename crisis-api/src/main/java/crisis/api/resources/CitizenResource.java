package crisis.api.resources;

import crisis.api.auth.ClientAddress;
import crisis.api.auth.LoginThrottle;
import crisis.api.api.CitizenRecordView;
import crisis.core.citizen.CitizenRecords;
import crisis.core.citizen.Declaration;
import crisis.core.citizen.Declarations;
import crisis.core.citizen.PhoneProofs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import crisis.core.consulate.ConsulateService;
import crisis.core.country.CountryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/**
 * The citizen's own side (issue 34), open to anyone: no staff user, no session. What protects it is the proof of a
 * phone by SMS and its limits ({@link PhoneProofs}); every answer is the same whether or not a phone is registered.
 */
@Path("/api/v1/citizen")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "citizen")
public class CitizenResource {
  private final PhoneProofs proofs;
  private final Declarations declarations;
  private final CountryService countries;
  private final ConsulateService consulates;

  private final CitizenRecords records;
  private final String pageUrl;

  public CitizenResource(PhoneProofs proofs, Declarations declarations, CountryService countries,
      ConsulateService consulates, CitizenRecords records, String pageUrl) {
    this.proofs = proofs;
    this.declarations = declarations;
    this.countries = countries;
    this.consulates = consulates;
    this.records = records;
    this.pageUrl = pageUrl;
  }

  /** The headers an opened link's access is given in: the token, and the phone it belongs to. */
  public static final String ACCESS = "X-Citizen-Access";
  public static final String PHONE = "X-Citizen-Phone";

  /** A link sent: until when it may be opened. The same whether or not the phone is registered. */
  public record LinkSent(String status, Instant expiresAt) {}

  @POST
  @Path("/access-links")
  @Operation(summary = "Send by SMS a link to what the registry holds for a phone (single use, 15 minutes, opened "
      + "with that phone's number), within the codes' limits; the same answer whether or not the phone is registered")
  public Response sendLink(@Context HttpServletRequest http, CodeRequest body) {
    CodeRequest in = body == null ? new CodeRequest(null, null) : body;
    PhoneProofs.Sent sent = proofs.sendLink(in.phone(), in.language(),
        LoginThrottle.addressKey(ClientAddress.of(http)), pageUrl);
    return Response.status(Response.Status.ACCEPTED).entity(new LinkSent("sent", sent.expiresAt())).build();
  }

  /** A link opened: the part after {@code #access=}, and the phone it was sent to. */
  public record LinkOpened(String link, String phone) {}

  @POST
  @Path("/access")
  @Operation(summary = "Open a link sent by SMS, with its phone: spends it and gives an access of 20 minutes, to send "
      + "in X-Citizen-Access with the phone in X-Citizen-Phone (422 naming link when used, expired or not this "
      + "phone's)")
  public PhoneProofs.Opened open(LinkOpened body) {
    LinkOpened in = body == null ? new LinkOpened(null, null) : body;
    return proofs.open(in.link(), in.phone());
  }

  @jakarta.ws.rs.DELETE
  @Path("/access")
  @Operation(summary = "End one's access before its time")
  public Response close(@jakarta.ws.rs.HeaderParam(ACCESS) String access,
      @jakarta.ws.rs.HeaderParam(PHONE) String phone) {
    proofs.close(proofs.access(access, phone));
    return Response.noContent().build();
  }

  @GET
  @Path("/records")
  @Operation(summary = "What the registry holds for the access's phone: its active records, confirmed or pending "
      + "(401 without a live access)")
  public java.util.List<CitizenRecordView> records(@jakarta.ws.rs.HeaderParam(ACCESS) String access,
      @jakarta.ws.rs.HeaderParam(PHONE) String phone) {
    return records.held(proofs.access(access, phone)).stream().map(CitizenRecordView::of).toList();
  }

  /** Another declaration from the phone's holder: a trip, or another person reached on the phone. */
  public record AnotherDeclaration(Declaration declaration) {}

  @POST
  @Path("/records")
  @Operation(summary = "Declare another trip or person with the access (no code: the access proves the phone): 202, "
      + "pending the consulate's confirmation, as a declaration with a code (one pending per phone; a person already "
      + "held gets the same answer)")
  public Response declareAnother(@jakarta.ws.rs.HeaderParam(ACCESS) String access,
      @jakarta.ws.rs.HeaderParam(PHONE) String phone, AnotherDeclaration body) {
    PhoneProofs.Access a = proofs.access(access, phone);
    declarations.declare(a, body == null ? null : body.declaration());
    return Response.status(Response.Status.ACCEPTED).entity(new Received("received")).build();
  }

  /** A correction: the record's version as read, and the whole declaration as it should now be. */
  public record Correction(Integer version, Declaration declaration) {}

  @jakarta.ws.rs.PUT
  @Path("/records/{id}")
  @Operation(summary = "Correct a record with the whole declaration as it should now be (checked as a declaration "
      + "is): it goes back to the consulate's queue, pending; 409 when the version is not the record's, 404 for "
      + "another phone's record")
  public CitizenRecordView correct(@jakarta.ws.rs.HeaderParam(ACCESS) String access,
      @jakarta.ws.rs.HeaderParam(PHONE) String phone, @PathParam("id") String id, Correction body) {
    PhoneProofs.Access a = proofs.access(access, phone);
    if (body == null || body.version() == null) {
      throw new crisis.core.common.ValidationException("version", "is required: the record's version as read");
    }
    return CitizenRecordView.of(records.correct(a, Params.uuid("id", id, "the record's id"), body.version(),
        body.declaration()));
  }

  /** The day a trip ends. */
  public record TripEnd(java.time.LocalDate departureDate) {}

  @POST
  @Path("/records/{id}/end-trip")
  @Operation(summary = "End a trip on a day, at the latest its planned end: the stay ends then (404 for another "
      + "phone's record, 409 for a residence)")
  public CitizenRecordView endTrip(@jakarta.ws.rs.HeaderParam(ACCESS) String access,
      @jakarta.ws.rs.HeaderParam(PHONE) String phone, @PathParam("id") String id, TripEnd body) {
    PhoneProofs.Access a = proofs.access(access, phone);
    return CitizenRecordView.of(records.endTrip(a, Params.uuid("id", id, "the record's id"),
        body == null ? null : body.departureDate()));
  }

  @POST
  @Path("/records/{id}/withdraw")
  @Operation(summary = "Withdraw a record: no alert reaches it from now on (404 for another phone's record)")
  public CitizenRecordView withdraw(@jakarta.ws.rs.HeaderParam(ACCESS) String access,
      @jakarta.ws.rs.HeaderParam(PHONE) String phone, @PathParam("id") String id) {
    PhoneProofs.Access a = proofs.access(access, phone);
    return CitizenRecordView.of(records.withdraw(a, Params.uuid("id", id, "the record's id")));
  }

  /** A country a citizen may declare themselves in: one a consulate's jurisdiction has, with its names. */
  public record CountryChoice(String iso2, java.util.Map<String, String> names) {}

  @GET
  @Path("/countries")
  @Operation(summary = "The countries a citizen may declare themselves in (a consulate covers them), with their names "
      + "in Arabic, French and English")
  public java.util.List<CountryChoice> countries() {
    java.util.Set<String> covered = new java.util.HashSet<>();
    consulates.list().forEach(c -> covered.addAll(c.jurisdiction()));
    return countries.list().stream().filter(c -> covered.contains(c.iso2()))
        .map(c -> new CountryChoice(c.iso2(), java.util.Map.of("ar", c.nameAr(), "fr", c.nameFr(), "en", c.nameEn())))
        .toList();
  }

  /** A declaration with the code that proved its phone. */
  public record DeclarationRequest(UUID proof, String phone, String code, Declaration declaration) {}

  /** The same for every declaration taken, whether or not the person was already registered. */
  public record Received(String status) {}

  @POST
  @Path("/declarations")
  @Operation(summary = "Declare oneself (residence or trip, household, consents) with the code that proved the phone: "
      + "202, pending the consulate's confirmation; 422 naming each field (code for the proof); the same answer "
      + "whether or not the person was already registered")
  public Response declare(DeclarationRequest body) {
    if (body == null) {
      throw new crisis.core.common.ValidationException("body", "is required");
    }
    declarations.declare(body.proof(), body.phone(), body.code(), body.declaration());
    return Response.status(Response.Status.ACCEPTED).entity(new Received("received")).build();
  }

  /** A phone to send a code to, in international form, and the language of the SMS (ar, fr or en). */
  public record CodeRequest(String phone, String language) {}

  /** The proof to name when giving the code back, and until when the code holds. */
  public record CodeSent(UUID proof, Instant expiresAt) {}

  /** A code given back, with the phone it was sent to. */
  public record CodeGiven(String phone, String code) {}

  @POST
  @Path("/phone-proofs")
  @Operation(summary = "Send a 6-digit code by SMS to prove a phone (at most 3 an hour per phone, 10 per address); "
      + "the same answer whether or not the phone is registered")
  public Response sendCode(@Context HttpServletRequest http, CodeRequest body) {
    CodeRequest in = body == null ? new CodeRequest(null, null) : body;
    PhoneProofs.Sent sent = proofs.send(in.phone(), in.language(),
        LoginThrottle.addressKey(ClientAddress.of(http)));
    return Response.status(Response.Status.ACCEPTED).entity(new CodeSent(sent.proof(), sent.expiresAt())).build();
  }

  @POST
  @Path("/phone-proofs/{proof}/check")
  @Operation(summary = "Check a code given back (each wrong code counts; 5 and the proof is dead); the proof is "
      + "spent by the declaration that uses it, not here")
  public Response checkCode(@PathParam("proof") String proof, CodeGiven body) {
    CodeGiven in = body == null ? new CodeGiven(null, null) : body;
    PhoneProofs.Proven proven = proofs.check(Params.uuid("proof", proof, "the proof's id"), in.phone(), in.code());
    return Response.ok(java.util.Map.of("proof", proven.proof(), "phone", proven.phone())).build();
  }
}
