package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.Inbox;
import crisis.alerts.sms.SimulatorGateway;
import crisis.api.resources.SimulatorResource;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import jakarta.validation.constraints.Min;
import java.time.Clock;

/**
 * {@code sms.type: simulator}: SMS and calls stay in this process; a tester reads them and answers as the citizen
 * through {@code /api/v1/simulator}. Every SMS is reported delivered through the same path as Twilio's reports.
 */
public class SimulatorSmsFactory extends SmsFactory {
  /** SMS and calls the simulator keeps (in {@code sms_simulated}) for reading and for the dispatcher's look-up. */
  @Min(100)
  @JsonProperty
  public int simulatorCapacity = 10_000;

  @Override
  public Connection build(Clock clock, DeliveryReports reports, Inbox inbox, LifecycleEnvironment lifecycle,
      crisis.core.audit.AuditTrail audit, org.jdbi.v3.core.Jdbi jdbi) {
    SimulatorGateway simulator = new SimulatorGateway(jdbi, simulatorCapacity, clock);
    simulator.onStatus((sid, status) -> reports.report(sid, status, null));
    lifecycle.manage(new AutoCloseableManager(simulator));
    return new Connection(simulator, new SimulatorResource(simulator, inbox, audit, jdbi));
  }

  @Override
  protected String statusCallback() {
    return null;
  }
}
