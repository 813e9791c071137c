package crisis.core.access;

import java.util.ArrayList;
import java.util.List;

/**
 * What a user may do. ADMIN runs the system (users, consulates, audit) but reads no national's file;
 * CRISIS_CELL sees every national and sets risk levels; CONSULAR_OFFICER registers and sees the nationals of
 * its consulate's jurisdiction only; CASEWORKER follows returned households (later capabilities).
 */
public enum Role {
  ADMIN("an administrator"),
  CRISIS_CELL("the crisis cell"),
  CONSULAR_OFFICER("consular officers"),
  CASEWORKER("case workers");

  private final String who;

  Role(String who) {
    this.who = who;
  }

  /** "the crisis cell and consular officers", for messages. */
  static String describe(Role... roles) {
    List<String> names = new ArrayList<>();
    for (Role r : roles) {
      names.add(r.who);
    }
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }
}
