package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.core.FactorySettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One run of the command, in process: how it ends when its source breaks. */
@Timeout(60)
class ProductionTest {
    @TempDir
    Path dir;

    record Reading(String sensor, long value) implements Material {
        @Override
        public Object pid() {
            return sensor;
        }
    }

    /** One row per reading, in bay "r". */
    static final class Rows implements Blueprint<Reading, FileWarehouseTest.Row> {
        @Override
        public String name() {
            return "rows";
        }

        @Override
        public Class<Reading> materialType() {
            return Reading.class;
        }

        @Override
        public Class<FileWarehouseTest.Row> productType() {
            return FileWarehouseTest.Row.class;
        }

        @Override
        public Assembly<Reading, FileWarehouseTest.Row> newAssembly(Object pid) {
            return (Reading reading, Emitter<FileWarehouseTest.Row> out) -> out.emit(new FileWarehouseTest.Row("r", "value", reading.value()));
        }
    }

    @Test
    void anIllegalStateExceptionFromTheSourceFailsTheRunInsteadOfEndingItQuietly() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var settings = FactorySettings.builder().workshops(1).build();
        var production = new Production<>(new Rows(), settings, new FileWarehouse<FileWarehouseTest.Row>(dir, FileWarehouse.Format.JSONL),
                new Rejects(dir, new PrintStream(err, true, StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        Source<Reading> broken = new Source<>() {
            private int n;

            @Override
            public Reading next() {
                if (n++ < 3) {
                    return new Reading("a", n);
                }
                throw new IllegalStateException("line 4 is not kept");
            }

            @Override
            public void close() {
            }
        };
        int code = production.run(broken, new Production.Limits(0, Duration.ZERO, 0, 0));
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, () -> out + said);
        assertTrue(said.contains("line 4 is not kept"), said);
    }
}
