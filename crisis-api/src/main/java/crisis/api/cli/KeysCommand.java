package crisis.api.cli;

import crisis.api.config.CrisisConfiguration;
import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.LocalKeyEncryptionKey;
import crisis.core.privacy.SealedValues;
import crisis.core.registry.IdentitySealing;
import crisis.core.repatriation.TravellerDocuments;
import crisis.core.repatriation.remains.RemainsDocuments;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.util.List;
import java.util.Set;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * The keys of the sealed personal fields (docs/operations.md, "Keys"): {@code keys generate} prints two new keys for
 * the environment; {@code keys status CONFIG} the data key versions stored and in use; {@code keys rotate CONFIG}
 * makes a new data key the one that seals and seals every value again with it while the system runs; {@code keys
 * retire CONFIG --version N} forgets a data key nothing uses any more; {@code keys rewrap CONFIG} wraps the data keys
 * with the key-encryption key in {@value #NEW_KEK_ENV} (the key-encryption key's rotation).
 */
public class KeysCommand extends ConfiguredCommand<CrisisConfiguration> {
  static final String NEW_KEK_ENV = "CRISIS_NEW_KEY_ENCRYPTION_KEY";

  public KeysCommand() {
    super("keys", "The personal data keys: 'keys generate', 'keys status|rotate|rewrap CONFIG', "
        + "'keys retire CONFIG --version N'");
  }

  @Override
  public void configure(Subparser subparser) {
    var actions = subparser.addSubparsers().dest("action");
    actions.addParser("generate").help("print a new key-encryption key and a new blind index key, for the environment");
    for (String[] a : new String[][] {{"status", "the data key versions stored, the one that seals, those in use"},
        {"rotate", "a new data key seals from now on; every value sealed again with it"},
        {"rewrap", "wrap every data key with the key-encryption key in " + NEW_KEK_ENV}}) {
      addFileArgument(actions.addParser(a[0]).help(a[1]));
    }
    Subparser retire = actions.addParser("retire").help("forget a data key no value uses");
    addFileArgument(retire);
    retire.addArgument("--version").type(Integer.class).required(true).help("the data key version");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    String action = namespace.getString("action");
    if (action.equals("generate")) {
      System.out.println("CRISIS_KEY_ENCRYPTION_KEY=" + LocalKeyEncryptionKey.generate());
      System.out.println("CRISIS_INDEX_KEY=" + LocalKeyEncryptionKey.generate());
      return;
    }
    // Forgetting or re-wrapping a data key is the schema owner's (the server's role may only read and add one).
    boolean owner = action.equals("retire") || action.equals("rewrap");
    ManagedDataSource ds = owner ? crisis.api.config.DataSources.migration(config).build(bootstrap.getMetricRegistry(),
        "keys") : Cli.dataSource(config, bootstrap.getMetricRegistry());
    try {
      Jdbi jdbi = Cli.jdbi(config, ds);
      FieldCipher cipher = FieldCipher.of(jdbi);
      List<SealedValues> owners = List.of(new IdentitySealing(jdbi), new TravellerDocuments(jdbi),
          new RemainsDocuments(jdbi), new crisis.core.repatriation.EvacuationNotes(jdbi),
          new crisis.core.reintegration.ReintegrationNotes(jdbi));
      switch (action) {
        case "status" -> System.out.println("data keys stored: " + cipher.versions() + "; sealing with version "
            + cipher.currentVersion() + "; in use: " + inUse(owners));
        case "rotate" -> rotate(cipher, owners);
        case "retire" -> {
          int version = namespace.getInt("version");
          Set<Integer> inUse = inUse(owners);
          if (inUse.contains(version)) {
            throw new IllegalArgumentException("data key version " + version + " still seals values: keys rotate "
                + "first (in use: " + inUse + ")");
          }
          cipher.retire(version);
          System.out.println("data key version " + version + " forgotten; stored: " + cipher.versions());
        }
        case "rewrap" -> {
          cipher.rewrapAll(LocalKeyEncryptionKey.fromBase64(NEW_KEK_ENV, System.getenv(NEW_KEK_ENV)));
          System.out.println("every data key wrapped with the new key-encryption key: give it to every instance "
              + "as CRISIS_KEY_ENCRYPTION_KEY, then restart them one by one");
        }
        default -> throw new IllegalArgumentException("no action " + action);
      }
    } finally {
      ds.stop();
    }
  }

  /**
   * A new data key, then every value sealed again. An instance still sealing with the version it knew (it looks again
   * within {@code FieldCipher.RELOAD_NANOS}) may write a value with the old key meanwhile: a second pass after that
   * time takes those too.
   */
  private static void rotate(FieldCipher cipher, List<SealedValues> owners) throws InterruptedException {
    int version = cipher.rotate();
    System.out.println("data key version " + version + " seals from now on");
    for (SealedValues o : owners) {
      System.out.println(o.resealAll() + " " + o.name() + " sealed again");
    }
    System.out.println("a second pass once every instance has taken the new key (35 s)");
    Thread.sleep(35_000);
    for (SealedValues o : owners) {
      System.out.println(o.resealAll() + " more " + o.name() + " sealed again");
    }
    System.out.println("versions in use: " + inUse(owners) + " (keys retire CONFIG --version N forgets an unused "
        + "one)");
  }

  /** Every data key version a sealed value of any owner uses. */
  static Set<Integer> inUse(List<SealedValues> owners) {
    Set<Integer> all = new java.util.TreeSet<>();
    owners.forEach(o -> all.addAll(o.versionsInUse()));
    return all;
  }

  /** A refused action is the operator's to fix: one line, no stack trace, never a key. */
  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof IllegalArgumentException || e instanceof crisis.core.privacy.SealedValueException) {
      cli.getStdErr().println("keys: " + e.getMessage());
      return;
    }
    super.onError(cli, namespace, e);
  }
}
