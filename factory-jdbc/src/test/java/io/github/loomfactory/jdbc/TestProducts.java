package io.github.loomfactory.jdbc;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The records the warehouse tests store. */
final class TestProducts {
    private TestProducts() {
    }

    enum Color { RED, GREEN }

    record Nested(String name, List<Integer> values) {
    }

    /** One component of every column type, the reference ones nullable. */
    record Everything(long id, int count, double ratio, boolean flag, String text, Instant at, Color color, Nested nested,
            Long boxed, Map<String, Integer> tags) implements Product {
        @Override
        public String pclass() {
            return "everything";
        }
    }

    /** A keyed row: (pid, seq) is its key. */
    record Row(long pid, long seq, String text) implements Product {
        @Override
        public String pclass() {
            return "rows";
        }
    }

    /** A material of the map blueprint: pid and its sequence number. */
    record Reading(Long pid, long seq) implements Material {

        @Override
        public String toString() {
            return pid + "#" + seq;
        }
    }

    /** One row per material: the map blueprint of the factory tests. */
    static final class Map1 implements Blueprint<Reading, Row> {
        @Override
        public String name() {
            return "map";
        }

        @Override
        public Class<Reading> materialType() {
            return Reading.class;
        }

        @Override
        public Class<Row> productType() {
            return Row.class;
        }

        @Override
        public Assembly<Reading, Row> newAssembly(Object pid) {
            return (reading, out) -> out.emit(new Row(reading.pid(), reading.seq(), "r" + reading.pid() + "-" + reading.seq()));
        }
    }
}
