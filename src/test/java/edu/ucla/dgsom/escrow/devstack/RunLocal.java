package edu.ucla.dgsom.escrow.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The README's run command ({@code mvn -Prun}): the service with the embedded MariaDB and the development keys, data
 * kept in {@code .local/} across restarts and {@code mvn clean}. Ctrl-C stops both processes.
 */
public final class RunLocal {

    private RunLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackLayout layout = StackLayout.fromSystemProperties();
        int httpPort = Integer.getInteger("escrow.http.port", 8080);
        int dbPort = Integer.getInteger("escrow.db.port", 3307);
        Path serverLog = layout.localDir().resolve("logs").resolve("payara.log");
        LocalStack stack;
        try {
            stack = LocalStack.start(layout, dbPort, httpPort, layout.localDir().resolve("mariadb-data"), serverLog,
                    Map.of());
        } catch (IOException e) {
            System.err.println("escrow: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "escrow-stop"));
        String url = stack.server().baseUri().toString();
        System.out.printf("""

                DGIT credential escrow is running at %s  (API %s/api/v1, OpenAPI %s/openapi, health %s/health/ready)
                Development database and keys only (.local/, keys-sample/). Server log: %s. Ctrl-C stops.

                """, url, url, url, url, serverLog);
        while (stack.server().isAlive()) {
            Thread.sleep(1000);
        }
        System.err.println("escrow: Payara Micro stopped; see " + serverLog);
        System.exit(1);
    }
}
