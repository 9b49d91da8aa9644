package io.github.loomfactory.jdbc;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Nested values as JSON text, for jsonb (PostgreSQL) and JSON (DuckDB) columns: a record is an
 * object of its components, a map an object of its entries (keys as text), a collection or array
 * an array; numbers and booleans as they are (a non-finite double as a string), null as null, and
 * everything else (strings, enums, {@code Instant}s, ...) as its text.
 */
final class JsonText {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                if (!accessors[i].trySetAccessible() && !accessors[i].canAccess(null)) {
                    throw new IllegalArgumentException("cannot read component " + components[i].getName() + " of " + type.getName()
                            + ": export its package, or open it to io.github.loomfactory.jdbc");
                }
            }
            return accessors;
        }
    };

    private JsonText() {
    }

    /** {@code value} as JSON text. */
    static String of(Object value) {
        var out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Short s -> out.append(s);
            case Byte b -> out.append(b);
            case Double d when Double.isFinite(d) -> out.append(d);
            case Float f when Float.isFinite(f) -> out.append(f);
            case Record r -> writeRecord(out, r);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    write(out, entry.getValue());
                }
                out.append('}');
            }
            case Collection<?> items -> {
                out.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(out, item);
                }
                out.append(']');
            }
            default -> {
                if (value.getClass().isArray()) {
                    out.append('[');
                    for (int i = 0, n = Array.getLength(value); i < n; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        write(out, Array.get(value, i));
                    }
                    out.append(']');
                } else {
                    string(out, value instanceof Enum<?> e ? e.name() : value.toString());
                }
            }
        }
    }

    private static void writeRecord(StringBuilder out, Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Method[] accessors = ACCESSORS.get(record.getClass());
        out.append('{');
        for (int i = 0; i < accessors.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, components[i].getName());
            out.append(':');
            try {
                write(out, accessors[i].invoke(record));
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot read component " + components[i].getName() + " of "
                        + record.getClass().getName() + ": " + e.getMessage(), e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("component " + components[i].getName() + " of " + record.getClass().getName()
                        + " threw " + e.getCause(), e.getCause());
            }
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
