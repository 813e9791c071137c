package crisis.api.resources;

import crisis.alerts.outreach.Inbox;
import crisis.alerts.sms.SimulatorGateway;
import crisis.core.common.FieldError;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.registry.db.RegistrationDao;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Context;
import org.jdbi.v3.core.Jdbi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The simulated phones of the embedded default (sms.type simulator): read what the system sent, and answer as the
 * citizen would. Phone numbers travel in bodies, never in URLs.
 */
@Path("/api/v1/simulator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "simulator")
@SecurityRequirement(name = "basic")
public class SimulatorResource {
  private final SimulatorGateway simulator;
  private final Inbox inbox;
  private final AuditTrail audit;
  private final Jdbi jdbi;

  public SimulatorResource(SimulatorGateway simulator, Inbox inbox, AuditTrail audit, Jdbi jdbi) {
    this.simulator = simulator;
    this.inbox = inbox;
    this.audit = audit;
    this.jdbi = jdbi;
  }

  public record PhoneQuery(String phone, Integer limit) {}

  public record Answer(String from, String body) {}

  @GET
  @Path("/messages")
  @RolesAllowed({"CRISIS_CELL"})
  @Operation(summary = "What the simulated phones received, newest first (SMS and calls); audited")
  public List<SimulatorGateway.Item> all(@Parameter(hidden = true) @Context Actor actor,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    List<SimulatorGateway.Item> items = simulator.received(null, limit(Params.integer("limit", limit)));
    audited(actor, "SIMULATOR_READ", items.stream().map(SimulatorGateway.Item::to).toList(),
        items.size() + " simulated messages read");
    return items;
  }

  @POST
  @Path("/messages")
  @RolesAllowed({"CRISIS_CELL"})
  @Operation(summary = "What one simulated phone received, {\"phone\": \"+33612345678\"}; audited")
  public List<SimulatorGateway.Item> ofPhone(@Parameter(hidden = true) @Context Actor actor,
      PhoneQuery q) {
    if (q == null) {
      throw new ValidationException("body", "is required");
    }
    String phone = phone("phone", q.phone());
    List<SimulatorGateway.Item> items = simulator.received(phone, limit(q.limit() == null ? 100 : q.limit()));
    audited(actor, "SIMULATOR_READ", List.of(phone), items.size() + " simulated messages read");
    return items;
  }

  @POST
  @Path("/replies")
  @RolesAllowed({"CRISIS_CELL"})
  @Operation(summary = "Answer as the citizen: {\"from\": \"+33612345678\", \"body\": \"1\"}; audited")
  public Inbox.Received reply(@Parameter(hidden = true) @Context Actor actor, Answer a) {
    if (a == null) {
      throw new ValidationException("body", "is required");
    }
    List<FieldError> errors = new ArrayList<>();
    PhoneNumbers.Result from = PhoneNumbers.any(a.from());
    if (!from.ok()) {
      errors.add(new FieldError("from", from.error()));
    }
    if (a.body() == null) {
      errors.add(new FieldError("body", "is required"));
    } else if (a.body().length() > 1600) {
      errors.add(new FieldError("body", "is longer than an SMS can be (1600 characters)"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Inbox.Received received = inbox.receive("SMsim" + UUID.randomUUID().toString().replace("-", ""), from.e164(),
        a.body());
    audited(actor, "SIMULATOR_REPLY", List.of(from.e164()), "answered as the citizen");
    return received;
  }

  /**
   * Reading what a person's phone received, or answering for them, is reading and writing their file: audited with
   * the registrations those phones belong to.
   */
  private void audited(Actor actor, String action, List<String> phones, String detail) {
    jdbi.useTransaction(h -> audit.record(h, actor, action, h.attach(RegistrationDao.class)
        .idsWithPhones(phones.stream().distinct().toArray(String[]::new)), detail));
  }

  private static String phone(String field, String raw) {
    PhoneNumbers.Result r = PhoneNumbers.any(raw);
    if (!r.ok()) {
      throw new ValidationException(field, r.error());
    }
    return r.e164();
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new ValidationException("limit", "must be between 1 and 1000");
    }
    return limit;
  }
}
