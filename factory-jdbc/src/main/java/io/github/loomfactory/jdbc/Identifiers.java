package io.github.loomfactory.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SQL identifiers: always quoted, so that any pclass is a table name and none is SQL.
 *
 * <p>A name is written between double quotes with each double quote doubled; nothing else needs
 * escaping inside a quoted identifier. A pclass that cannot be a table name as it is (empty,
 * holding U+0000, or longer than the database allows: PostgreSQL cuts names at 63 bytes) becomes
 * its first characters, {@code _} and 8 hex digits of its SHA-256, so that two pclasses never
 * share a table.
 */
final class Identifiers {
    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int POSTGRES_MAX_BYTES = 63;

    private Identifiers() {
    }

    /** {@code name} as a quoted identifier. */
    static String quote(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot hold U+0000: " + name.replace("\0", "\\0"));
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name} quoted, or {@code name} quoted when the schema is empty. */
    static String qualified(String schema, String name) {
        return schema.isEmpty() ? quote(name) : quote(schema) + '.' + quote(name);
    }

    /** The table a pclass's products go to, at most {@code maxBytes} bytes of UTF-8 long. */
    static String tableFor(String pclass, int maxBytes) {
        byte[] utf8 = pclass.getBytes(StandardCharsets.UTF_8);
        if (!pclass.isEmpty() && pclass.indexOf('\0') < 0 && utf8.length <= maxBytes) {
            return pclass;
        }
        String hash = HexFormat.of().formatHex(sha256(utf8), 0, 4);
        var cut = new StringBuilder();
        int bytes = 0;
        int room = maxBytes - 1 - hash.length();
        for (int i = 0; i < pclass.length(); ) {
            int cp = pclass.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > room) {
                break;
            }
            cut.appendCodePoint(cp == 0 ? '_' : cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return cut + "_" + hash;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
