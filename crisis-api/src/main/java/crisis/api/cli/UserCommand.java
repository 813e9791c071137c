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
 * {@code user add CONFIG --username NAME --role ROLE [--consulate ID] [--region MA.NN]}, {@code user password CONFIG
 * --username NAME} (sets a new password; the user's console sessions end), {@code user disable CONFIG --username NAME}
 * (no sign-in, request or stream from then on; its sessions end), {@code user revoke-sessions CONFIG --username NAME}. A
 * password comes from the environment variable {@value #PASSWORD_ENV}, or is asked for on the terminal, or read from
 * the first line of standard input; never from the command line, where other users of the machine could read it.
 */
public class UserCommand extends ConfiguredCommand<CrisisConfiguration> {
  static final String PASSWORD_ENV = "CRISIS_USER_PASSWORD";

  public UserCommand() {
    super("user", "Manage users: 'user add CONFIG --username NAME --role ROLE [--consulate ID] [--region MA.NN]', "
        + "'user password|disable|revoke-sessions CONFIG --username NAME'");
  }

  @Override
  public void configure(Subparser subparser) {
    var actions = subparser.addSubparsers().dest("action");
    for (String[] other : new String[][] {{"password", "set a user's password (its console sessions end)"},
        {"disable", "disable a user (its console sessions end)"}, {"revoke-sessions", "end a user's console sessions"}}) {
      Subparser p = actions.addParser(other[0]).help(other[1]);
      addFileArgument(p);
      p.addArgument("--username").required(true).help("the user");
    }
    Subparser add = actions.addParser("add").help("create a user");
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
    String action = namespace.getString("action");
    if (!action.equals("add")) {
      other(bootstrap, namespace, config, action);
      return;
    }
    char[] password = password();
    ManagedDataSource ds = Cli.dataSource(config, bootstrap.getMetricRegistry());
    try {
      User u = Cli.services(config, ds).users().add(namespace.getString("username"), password,
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

  /** password, disable, revoke-sessions: the operator at the command line acts as an administrator. */
  private static void other(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config,
      String action) throws Exception {
    String username = namespace.getString("username");
    char[] password = action.equals("password") ? password() : null;
    ManagedDataSource ds = Cli.dataSource(config, bootstrap.getMetricRegistry());
    try {
      var users = Cli.services(config, ds).users();
      crisis.core.access.Actor operator = new crisis.core.access.Actor("cli:user", Role.ADMIN, null, null, "cli");
      switch (action) {
        case "password" -> {
          users.setPassword(operator, username, password);
          System.out.println("password of " + username + " set; its console sessions ended");
        }
        case "disable" -> {
          users.disable(operator, username);
          System.out.println("user " + username + " disabled; its console sessions ended");
        }
        default -> System.out.println(users.endSessions(operator, username) + " console sessions of " + username
            + " ended");
      }
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
      ds.stop();
    }
  }

  /** A refused user or password is the operator's to fix: say why in one line, without a stack trace. */
  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof ValidationException || e instanceof ConflictException || e instanceof IllegalArgumentException
        || e instanceof crisis.core.common.NotFoundException) {
      cli.getStdErr().println("user " + namespace.getString("action") + ": " + e.getMessage());
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
