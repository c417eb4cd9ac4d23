package edu.ucla.dgsom.escrow.schema.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brings the database schema to this build's version before anything uses JPA; EclipseLink never generates DDL.
 * Migrations run as the schema owner ({@code ESCROW_DB_MIGRATION_USER}), since the application's own user may only
 * read and append to the audit schema.
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

    @Inject
    @ConfigProperty(name = "escrow.db.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "escrow.db.port", defaultValue = "3306")
    int port;

    @Inject
    @ConfigProperty(name = "escrow.db.name", defaultValue = "escrow")
    String name;

    @Inject
    @ConfigProperty(name = "escrow.db.migration-user")
    Optional<String> migrationUser;

    @Inject
    @ConfigProperty(name = "escrow.audit.schema", defaultValue = "escrow_audit")
    String auditSchema;

    @PostConstruct
    void migrate() {
        var configuration = Flyway.configure(SchemaMigration.class.getClassLoader());
        String password = System.getenv("ESCROW_DB_MIGRATION_PASSWORD");
        if (migrationUser.isPresent() && host.isPresent() && password != null) {
            configuration.dataSource("jdbc:mariadb://" + host.get() + ":" + port + "/" + name, migrationUser.get(),
                    password);
        } else {
            configuration.dataSource(dataSource);
        }
        Flyway flyway = configuration
                .placeholders(Map.of("auditSchema", auditSchema))
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
