package io.github.loomfactory.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for {@link DatabaseBench}: {@code initdb} into a temporary
 * directory and {@code pg_ctl start} on a free loopback port, from the machine's server binaries
 * (as the {@code postgres} user when root, since initdb refuses root), with the server's default
 * durability (fsync and synchronous commit on); stopped by {@link #close()} and on JVM exit.
 * The tests' {@code PostgresServer} does the same for JUnit; a benchmark cannot use test code.
 */
final class PostgresCluster implements AutoCloseable {
    static final String USER = "bench";
    static final String PASSWORD = "bench-" + Long.toHexString(System.nanoTime());

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final Thread fallback = new Thread(this::stopQuietly, "postgres-cluster-stop");
    private boolean stopped;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    static PostgresCluster start() throws IOException, InterruptedException {
        var cluster = new PostgresCluster(binaries(), Files.createTempDirectory("loom-bench-pg"), freePort());
        cluster.init();
        return cluster;
    }

    int port() {
        return port;
    }

    /** The server's version, as {@code postgres --version} says it. */
    String version() throws IOException, InterruptedException {
        return run(List.of(bin.resolve("postgres").toString(), "--version"), false).strip();
    }

    private void init() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            run(List.of("chmod", "700", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + dir.resolve("pwfile"), "-E", "UTF8",
                "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256"), true);
        Runtime.getRuntime().addShutdownHook(fallback);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "120", "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_wal_size=4GB", "start"), true);
    }

    @Override
    public void close() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-m", "immediate", "stop"), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL cluster in " + dir, e);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(fallback);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (IOException e) {
            System.err.println("cannot stop the PostgreSQL cluster in " + dir + ": " + e);
        }
    }

    private String run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        var full = new ArrayList<String>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("loom-bench-pg", ".out");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).directory(new java.io.File("/")).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in 180 s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed (exit " + process.exitValue() + "): " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: apt-get install postgresql"));
        }
    }
}
