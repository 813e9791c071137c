package crisis.api.cli;

import crisis.api.config.CrisisConfiguration;
import crisis.core.access.Role;
import crisis.core.common.ConflictException;
import crisis.core.common.ValidationException;
import crisis.core.users.User;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code user add CONFIG --username NAME --role ROLE [--consulate ID] [--region MA.NN]}. The password comes from the environment
 * variable {@value #PASSWORD_ENV}, or is asked for on the terminal, or read from the first line of standard input;
 * never from the command line, where other users of the machine could read it.
 */
public class UserCommand extends ConfiguredCommand<CrisisConfiguration> {
  static final String PASSWORD_ENV = "CRISIS_USER_PASSWORD";

  public UserCommand() {
    super("user", "Manage users: 'user add CONFIG --username NAME --role ROLE [--consulate ID] [--region MA.NN]'");
  }

  @Override
  public void configure(Subparser subparser) {
    Subparser add = subparser.addSubparsers().dest("action").addParser("add").help("create a user");
    addFileArgument(add);
    add.addArgument("--username").required(true).help("3 to 64 lower-case letters, digits, . _ -");
    add.addArgument("--role").required(true).choices(Arrays.stream(Role.values()).map(Enum::name).toList())
        .help("the user's role");
    add.addArgument("--consulate").help("the consulate id, required for CONSULAR_OFFICER");
    add.addArgument("--region").help("the region of the kingdom (MA.01 to MA.12) whose cases a CASEWORKER follows");
    add.addArgument("--quiet").action(Arguments.storeTrue()).help("print nothing on success");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    char[] password = password();
    ManagedDataSource ds = Cli.dataSource(config, bootstrap.getMetricRegistry());
    try {
      User u = Cli.services(ds).users().add(namespace.getString("username"), password,
          Role.valueOf(namespace.getString("role")), namespace.getString("consulate"), namespace.getString("region"));
      if (!namespace.getBoolean("quiet")) {
        System.out.println("created user " + u.username() + " (" + u.role()
            + (u.consulateId() == null ? "" : ", " + u.consulateId())
            + (u.region() == null ? "" : ", " + u.region()) + ")");
      }
    } finally {
      Arrays.fill(password, '\0');
      ds.stop();
    }
  }

  /** A refused user or password is the operator's to fix: say why in one line, without a stack trace. */
  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof ValidationException || e instanceof ConflictException || e instanceof IllegalArgumentException) {
      cli.getStdErr().println("user add: " + e.getMessage());
    } else {
      super.onError(cli, namespace, e);
    }
  }

  private static char[] password() throws java.io.IOException {
    String env = System.getenv(PASSWORD_ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] second = console.readPassword("Again: ");
      if (first == null || !Arrays.equals(first, second)) {
        throw new IllegalArgumentException("the passwords differ");
      }
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password: set " + PASSWORD_ENV + " or give it on standard input");
    }
    return line.toCharArray();
  }
}
