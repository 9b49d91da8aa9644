package io.github.loomfactory.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a product record type, one per component in declaration order, and the key
 * columns among them.
 *
 * <p>A component is read through its accessor. The record must be readable by this module: a
 * public record in an exported package, or one whose package is opened to
 * {@code io.github.loomfactory.jdbc} (the {@code factory} command opens plugin packages to it).
 */
record Layout(Class<?> type, List<Column> columns, List<Column> key) {

    /**
     * The layout of {@code type} with the key columns {@code key}.
     *
     * @throws IllegalArgumentException if {@code type} is no record, a component has no column
     *     type, a key column is no component, or the record cannot be read
     */
    static Layout of(Class<?> type, List<String> key) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("product type " + type.getName()
                    + " is not a record: a database warehouse stores a record's components as columns");
        }
        var columns = new ArrayList<Column>();
        for (RecordComponent component : type.getRecordComponents()) {
            ColumnType columnType = ColumnType.of(component.getType()).orElseThrow(() -> new IllegalArgumentException(
                    "component " + component.getName() + " of " + type.getName() + " has type " + component.getType().getName()
                            + ", which has no column type (long, int, double, boolean, their boxes, String, Instant, an enum,"
                            + " or a nested record, collection, map or array)"));
            columns.add(new Column(component.getName(), component.getType(), columnType, reader(type, component)));
        }
        var keyColumns = new ArrayList<Column>();
        for (String name : key) {
            keyColumns.add(columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "key column " + name + " is no component of " + type.getName() + " (components: "
                            + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")")));
        }
        return new Layout(type, List.copyOf(columns), List.copyOf(keyColumns));
    }

    /** Whether products of {@code other} fill the same columns with the same types. */
    boolean sameShape(Layout other) {
        if (columns.size() != other.columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).name().equals(other.columns.get(i).name()) || columns.get(i).type() != other.columns.get(i).type()) {
                return false;
            }
        }
        return true;
    }

    /** The column names, for messages. */
    String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private static MethodHandle reader(Class<?> type, RecordComponent component) {
        var accessor = component.getAccessor();
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(accessor);
        } catch (IllegalAccessException notPublic) {
            if (!accessor.trySetAccessible()) {
                throw new IllegalArgumentException("cannot read component " + component.getName() + " of " + type.getName()
                        + ": export its package, or open it to io.github.loomfactory.jdbc");
            }
            try {
                handle = MethodHandles.lookup().unreflect(accessor);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot read component " + component.getName() + " of " + type.getName()
                        + ": " + e.getMessage(), e);
            }
        }
        return handle.asType(MethodType.methodType(Object.class, Object.class));
    }

    @Override
    public String toString() {
        return type.getName() + Arrays.toString(columns.stream().map(c -> c.name() + " " + c.type()).toArray());
    }
}
