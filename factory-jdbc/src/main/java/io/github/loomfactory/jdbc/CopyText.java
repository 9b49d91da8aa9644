package io.github.loomfactory.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Products as rows of PostgreSQL's COPY text format: columns separated by tabs, rows ended by a
 * newline, null as {@code \N}, and backslash, tab, newline and carriage return escaped. Times
 * are ISO-8601 instants (PostgreSQL keeps microseconds); nested values JSON text.
 */
final class CopyText {
    /** Bytes held before {@link #full()} says to send them. */
    private static final int CHUNK = 1 << 20;

    private final StringBuilder text = new StringBuilder(CHUNK + 4096);

    /** Appends one product as a row of {@code layout}'s columns. */
    void row(Layout layout, Object product) {
        var columns = layout.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                text.append('\t');
            }
            Column column = columns.get(i);
            Object value = column.read(product);
            if (value == null) {
                text.append("\\N");
                continue;
            }
            switch (column.type()) {
                case BIGINT, INTEGER -> text.append(((Number) value).longValue());
                case DOUBLE -> text.append(((Double) value).doubleValue());
                case BOOLEAN -> text.append((Boolean) value ? 't' : 'f');
                case TEXT -> escaped(column, (String) value);
                case TIMESTAMPTZ -> text.append((Instant) value);
                case ENUM -> escaped(column, ((Enum<?>) value).name());
                case JSON -> escaped(column, JsonText.of(value));
            }
        }
        text.append('\n');
    }

    /** Whether enough rows are held to send them. */
    boolean full() {
        return text.length() >= CHUNK;
    }

    /** Whether no row is held. */
    boolean isEmpty() {
        return text.isEmpty();
    }

    /** The rows held, as UTF-8, and forgets them. */
    byte[] take() {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        return bytes;
    }

    private void escaped(Column column, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\0' -> throw new IllegalArgumentException("component " + column.name()
                        + " holds U+0000, which PostgreSQL text cannot store");
                default -> text.append(c);
            }
        }
    }
}
