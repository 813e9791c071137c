package crisis.api.cli;

import crisis.alerts.kafka.KafkaAccess;
import crisis.api.config.CrisisConfiguration;
import crisis.api.config.KafkaFactory;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code kafka-acls [--principal User:NAME] CONFIG}: prints the {@code kafka-acls.sh} commands that give the
 * application's Kafka principal what it needs, and nothing more, on a cluster that allows nothing by default.
 */
public class KafkaAclsCommand extends ConfiguredCommand<CrisisConfiguration> {

  public KafkaAclsCommand() {
    super("kafka-acls", "Print the Kafka ACLs the application's principal needs");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--principal")
        .help("the principal, User:NAME (default: User:<kafka.authentication.username>)");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config) {
    KafkaFactory kafka = config.getKafka();
    String principal = namespace.getString("principal");
    if (principal == null) {
      principal = kafka.principal().orElse(null);
    }
    if (principal == null) {
      throw new IllegalArgumentException("--principal User:NAME is required when the configuration names no "
          + "kafka.authentication.username");
    }
    var acls = KafkaAccess.forApplication(kafka.applicationId, principal);
    KafkaAccess.asCommands(acls, kafka.configuredBootstrapServers().orElse("BROKER:PORT"))
        .forEach(System.out::println);
  }
}
