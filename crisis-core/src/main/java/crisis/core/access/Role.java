package crisis.core.access;

/**
 * What a user may do. ADMIN runs the system (users, consulates, audit) but reads no national's file;
 * CRISIS_CELL sees every national and sets risk levels; CONSULAR_OFFICER registers and sees the nationals of
 * its consulate's jurisdiction only; CASEWORKER follows returned households (later capabilities).
 */
public enum Role {
  ADMIN, CRISIS_CELL, CONSULAR_OFFICER, CASEWORKER
}
