package crisis.core.geo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/** Migration step: fills {@code registration.h3_cell} for located rows written before the geo index. */
public class H3Backfill implements CustomTaskChange {
  private static final int BATCH = 5000;

  @Override
  public void execute(Database database) throws CustomChangeException {
    Connection c = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    try (PreparedStatement select = c.prepareStatement("""
             SELECT id, latitude, longitude FROM registration
             WHERE h3_cell IS NULL AND latitude IS NOT NULL LIMIT ?""");
         PreparedStatement update = c.prepareStatement("UPDATE registration SET h3_cell = ? WHERE id = ?")) {
      while (true) {
        select.setInt(1, BATCH);
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getObject(1), rs.getDouble(2), rs.getDouble(3)});
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        for (Object[] r : rows) {
          update.setLong(1, GeoIndex.cellOf((double) r[1], (double) r[2]));
          update.setObject(2, r[0]);
          update.addBatch();
        }
        update.executeBatch();
      }
    } catch (Exception e) {
      // Not the message: it may quote a person's coordinates, and Liquibase prints the whole chain.
      throw new CustomChangeException("filling registration.h3_cell failed: " + crisis.core.common.ErrorFacts
          .describe(e), crisis.core.common.ErrorFacts.redacted(e));
    }
  }

  @Override
  public String getConfirmationMessage() {
    return "registration.h3_cell filled";
  }

  @Override
  public void setUp() {
    // nothing to prepare
  }

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {
    // reads no file
  }

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
