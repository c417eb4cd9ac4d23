package edu.ucla.dgsom.escrow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Three Galera nodes on loopback, each with its own directory under {@code dir}: Debian's {@code mariadb-server} and
 * {@code galera-4}, installed first when missing (as root with apt). Node 1 is bootstrapped, the others join one at a
 * time, since one donor serves one joiner at a time.
 */
public final class GaleraCluster implements StackDatabase {

    private static final System.Logger LOG = System.getLogger(GaleraCluster.class.getName());
    private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");

    private final List<GaleraNode> nodes = new ArrayList<>();

    private GaleraCluster() {
    }

    public static GaleraCluster start(Path dir, int size) throws IOException, InterruptedException {
        installPackages();
        GaleraCluster cluster = new GaleraCluster();
        for (int i = 1; i <= size; i++) {
            cluster.nodes.add(new GaleraNode("node" + i, dir.resolve("node" + i)));
        }
        String address = "gcomm://" + cluster.nodes.stream().map(n -> "127.0.0.1:" + n.groupPort())
                .collect(Collectors.joining(","));
        try {
            long started = System.nanoTime();
            for (GaleraNode node : cluster.nodes) {
                node.install(address);
            }
            cluster.nodes.get(0).start("--wsrep-new-cluster");
            cluster.nodes.get(0).awaitSynced();
            for (GaleraNode node : cluster.nodes.subList(1, size)) {
                node.start();
                node.awaitSynced();
            }
            LOG.log(System.Logger.Level.INFO, "{0} Galera nodes synced in {1} ms", size,
                    (System.nanoTime() - started) / 1_000_000);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public GaleraNode node(int number) {
        return nodes.get(number - 1);
    }

    public List<GaleraNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Node 1's: the schemas and users are made there and replicated to the others. */
    @Override
    public Connection rootConnection() throws SQLException {
        return nodes.get(0).rootConnection();
    }

    @Override
    public int port() {
        return nodes.get(0).port();
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void installPackages() throws IOException, InterruptedException {
        if (Files.exists(PROVIDER) && Files.exists(Path.of("/usr/sbin/mariadbd"))) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IOException("Galera is not installed; as root: apt-get install -y mariadb-server galera-4"
                    + " mariadb-backup");
        }
        ProcessBuilder apt = new ProcessBuilder("apt-get", "install", "-y", "mariadb-server", "galera-4",
                "mariadb-backup").inheritIO();
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process install = apt.start();
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
            throw new IOException("apt-get install mariadb-server galera-4 mariadb-backup failed");
        }
    }
}
