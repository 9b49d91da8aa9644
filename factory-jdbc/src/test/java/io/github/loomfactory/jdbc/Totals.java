package io.github.loomfactory.jdbc;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The blueprint of the api's Javadoc, for the warehouses' snippets: one total per sensor. */
final class Totals implements Blueprint<Totals.Reading, Totals.Total> {
    record Reading(String sensor, long value) implements Material {
        @Override
        public Object pid() {
            return sensor;
        }
    }

    record Total(String sensor, long count, long sum) implements Product {
        @Override
        public String pclass() {
            return "totals";
        }
    }

    @Override
    public String name() {
        return "totals";
    }

    @Override
    public Class<Reading> materialType() {
        return Reading.class;
    }

    @Override
    public Class<Total> productType() {
        return Total.class;
    }

    @Override
    public Assembly<Reading, Total> newAssembly(Object pid) {
        return new Assembly<>() {
            long count;
            long sum;

            @Override
            public void accept(Reading reading, Emitter<Total> out) {
                count++;
                sum += reading.value();
            }

            @Override
            public void retire(Retirement reason, Emitter<Total> out) {
                out.emit(new Total((String) pid, count, sum));
            }
        };
    }

    /** The readings the snippets purchase: sensor a sums to 4 in two, b to 2 in one. */
    static final List<Reading> READINGS = List.of(new Reading("a", 1), new Reading("b", 2),
            new Reading("a", 3));

    /** The rows the snippets' tables then hold, "sensor count sum" ordered by sensor. */
    static final List<String> ROWS = List.of("a 2 4", "b 1 2");

    /** Each row of {@code totals}, as in {@link #ROWS}. */
    static List<String> rows(Connection connection) throws SQLException {
        var rows = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT sensor, count, sum FROM totals ORDER BY sensor")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getLong(2) + " " + result.getLong(3));
            }
        }
        return rows;
    }
}
