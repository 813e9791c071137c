package crisis.api.cli;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.core.audit.AuditRetention;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code purge-audit CONFIG}: deletes the audit trail's events older than {@code retention.auditMonths}, as the
 * schema's owner (the server never deletes audit events), and records that it did (docs/operations.md, "Retention").
 * Idempotent: run it from the owner's own schedule (cron), as often as wanted.
 */
public class PurgeAuditCommand extends ConfiguredCommand<CrisisConfiguration> {

  public PurgeAuditCommand() {
    super("purge-audit", "Delete the audit events older than retention.auditMonths (as the schema's owner)");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    int months = config.getRetention().auditMonths;
    ManagedDataSource ds = DataSources.migration(config).build(bootstrap.getMetricRegistry(), "purge-audit");
    try {
      long deleted = AuditRetention.purge(Cli.jdbi(config, ds), Clock.systemUTC(), months);
      System.out.println(deleted + " audit events older than " + months + " months deleted");
    } finally {
      ds.stop();
    }
  }
}
