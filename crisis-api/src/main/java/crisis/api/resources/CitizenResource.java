package crisis.api.resources;

import crisis.api.auth.ClientAddress;
import crisis.api.auth.LoginThrottle;
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

  public CitizenResource(PhoneProofs proofs, Declarations declarations, CountryService countries,
      ConsulateService consulates) {
    this.proofs = proofs;
    this.declarations = declarations;
    this.countries = countries;
    this.consulates = consulates;
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
