package edu.ucla.dgsom.escrow.schema.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Brings the database schema to this build's version before anything uses JPA; EclipseLink never generates DDL.
 * A database migrated by a newer build stops the deployment: running old code on a newer schema could corrupt it.
 * With several instances on one database, Flyway's lock on its history table lets one instance migrate at a time.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/escrow")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("schema_history")
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
        List<MigrationInfo> future = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .toList();
        if (!future.isEmpty()) {
            String versions = future.stream().map(m -> m.getVersion().toString()).collect(Collectors.joining(", "));
            throw new IllegalStateException("Refusing to start: the database schema has migrations this build does not know ("
                    + versions + "). It was upgraded by a newer version of the service; deploy that version or newer.");
        }
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info(() -> "Database schema at version " + flyway.info().current().getVersion() + " (" + applied
                + " migration(s) applied now)");
    }
}
