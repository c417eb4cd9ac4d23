package edu.ucla.dgsom.escrow.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code gpg} binary in a home directory of its own under {@code target/}, never the user's: it imports
 * the development keys of {@code keys-sample/} and decrypts a disaster-recovery export as a person doing the DR
 * drill would.
 */
public final class Gpg implements AutoCloseable {

    private final Path home;
    private final Path keys;

    private Gpg(Path home, Path keys) {
        this.home = home;
        this.keys = keys;
    }

    /** A fresh home directory {@code target/<name>}, holding the signing public key and one recovery key pair. */
    public static Gpg withRecoveryKey(String name, String recoveryKeyFile) throws IOException, InterruptedException {
        Path project = Path.of(System.getProperty("escrow.project.dir", "."));
        Path home = project.resolve("target").resolve(name).toAbsolutePath();
        if (Files.exists(home)) {
            try (Stream<Path> old = Files.walk(home)) {
                old.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Gpg gpg = new Gpg(home, project.resolve("keys-sample").toAbsolutePath());
        gpg.run("--import", gpg.keys.resolve("signing.pub.asc").toString());
        gpg.run("--pinentry-mode", "loopback", "--passphrase-file",
                gpg.keys.resolve("recovery-dev.passphrase").toString(), "--import",
                gpg.keys.resolve(recoveryKeyFile).toString());
        return gpg;
    }

    /** What {@code gpg --decrypt} made of {@code message}: the plaintext and its machine-readable status lines. */
    public record Decrypted(int exitCode, byte[] plaintext, String status, String log) {

        public String text() {
            return new String(plaintext, StandardCharsets.UTF_8);
        }
    }

    public Decrypted decrypt(byte[] message) throws IOException, InterruptedException {
        Path in = home.resolve("message.pgp");
        Path out = home.resolve("message.out");
        Path status = home.resolve("status.txt");
        Files.deleteIfExists(out);
        Files.write(in, message);
        Result result = run("--pinentry-mode", "loopback", "--passphrase-file",
                keys.resolve("recovery-dev.passphrase").toString(), "--status-file", status.toString(),
                "--output", out.toString(), "--decrypt", in.toString());
        return new Decrypted(result.exitCode(), Files.exists(out) ? Files.readAllBytes(out) : new byte[0],
                Files.readString(status), result.log());
    }

    private record Result(int exitCode, String log) {
    }

    private Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
                "--no-auto-key-locate", "--no-auto-key-retrieve"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("gpg did not finish: " + command);
        }
        return new Result(process.exitValue(), log);
    }

    /** Stops the gpg-agent this home directory started. */
    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").redirectErrorStream(true)
                .start().waitFor(30, TimeUnit.SECONDS);
    }
}
