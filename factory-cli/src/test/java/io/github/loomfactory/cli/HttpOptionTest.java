package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --http}'s mistakes, in process: a malformed address, a port already taken. */
@Timeout(60)
class HttpOptionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        var io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return Main.run(args, io);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMalformedAddressIsAMistakeOnTheCommandLine() {
        assertEquals(2, run("demo", "--http", "localhost:http", "--warehouse", "jsonl:" + dir.resolve("out")));
        assertTrue(err().contains("--http wants [HOST:]PORT"), err());
        assertTrue(err().contains("localhost:http"), err());
    }

    @Test
    void aPortAlreadyTakenFailsTheRunBeforeItBuysAnything() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("demo", "--http", "127.0.0.1:" + taken.getLocalPort(), "--seconds", "30",
                    "--warehouse", "jsonl:" + dir.resolve("out"));
            assertEquals(1, code, err());
            assertTrue(err().contains("cannot serve --http 127.0.0.1:" + taken.getLocalPort()), err());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("purchased 0,"), out.toString(StandardCharsets.UTF_8));
        }
    }
}
