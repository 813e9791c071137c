package crisis.api;

import crisis.alerts.AlertPipeline;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.OutreachSettings;
import crisis.alerts.sms.SmsGateway;
import crisis.api.config.KafkaFactory;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;

/** Starts the embedded broker (when configured) and the alert pipeline with the server; stops them after it. */
public final class AlertsManager implements Managed {
  private final KafkaFactory kafka;
  private final Jdbi jdbi;
  private final SmsGateway gateway;
  private final OutreachSettings outreach;
  private final DeliveryReports reports;
  private final crisis.core.reintegration.CaseOpening cases;
  private final crisis.alerts.support.Leases leases;
  private volatile KafkaFactory.Broker broker;
  private volatile AlertPipeline pipeline;

  /** @param gateway where alerts are sent as SMS, or null for a pipeline that only decides who is alerted */
  public AlertsManager(KafkaFactory kafka, Jdbi jdbi, SmsGateway gateway, OutreachSettings outreach,
      DeliveryReports reports) {
    this(kafka, jdbi, gateway, outreach, reports, null);
  }

  /** @param cases where arrivals open reintegration cases, or null for a pipeline that opens none */
  public AlertsManager(KafkaFactory kafka, Jdbi jdbi, SmsGateway gateway, OutreachSettings outreach,
      DeliveryReports reports, crisis.core.reintegration.CaseOpening cases) {
    this(kafka, jdbi, gateway, outreach, reports, cases, null);
  }

  /**
   * @param leases the deployment's leases, managed before this (started first, stopped last), or null for an
   *     instance that runs every once-per-deployment job as if alone
   */
  public AlertsManager(KafkaFactory kafka, Jdbi jdbi, SmsGateway gateway, OutreachSettings outreach,
      DeliveryReports reports, crisis.core.reintegration.CaseOpening cases, crisis.alerts.support.Leases leases) {
    this.leases = leases;
    this.cases = cases;
    this.reports = reports;
    this.kafka = kafka;
    this.jdbi = jdbi;
    this.gateway = gateway;
    this.outreach = outreach;
  }

  @Override
  public void start() {
    broker = kafka.broker();
    AlertPipeline p = new AlertPipeline(kafka.settings(broker.bootstrapServers()), jdbi);
    if (gateway != null) {
      p.sendingWith(gateway, outreach, reports);
    }
    if (cases != null) {
      p.openingCasesWith(cases);
    }
    if (leases != null) {
      p.sharingWith(leases);
    }
    p.start();
    pipeline = p;
  }

  @Override
  public void stop() {
    AlertPipeline p = pipeline;
    pipeline = null;
    if (p != null) {
      p.close();
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** The running pipeline, or null before start and after stop. */
  public AlertPipeline pipeline() {
    return pipeline;
  }

  /** The Kafka clients' settings while running (for the metrics' admin client), else null. */
  public AlertPipeline.Settings settings() {
    KafkaFactory.Broker b = broker;
    return b == null ? null : kafka.settings(b.bootstrapServers());
  }

  /** The database the alerts run on (for tests: what a dump of it holds). */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The broker's address while running (for tests), else null. */
  public String bootstrapServers() {
    KafkaFactory.Broker b = broker;
    return b == null ? null : b.bootstrapServers();
  }
}
