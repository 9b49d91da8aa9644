package io.github.loomfactory.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns pclasses, which come from user code, into file names inside one directory.
 *
 * <p>A name keeps the pclass when it is plain: 1 to {@value #MAX_BASE} characters of
 * {@code A-Z a-z 0-9 . _ -}, not starting with a dot or a dash, not ending with a dot, not a
 * Windows device name ({@code CON}, {@code NUL}, {@code COM1}, ...), and not the reject file's
 * name. Otherwise every other character becomes {@code _}, the result is cut to
 * {@value #MAX_BASE} characters, and a dash and the first 8 hex digits of the pclass's SHA-256
 * are appended, so {@code ../x} becomes {@code .._x-<hash>}, never a path. Two pclasses never share a
 * file: names are compared ignoring case (for case-insensitive file systems), and a pclass whose
 * name is taken gets a longer hash, then a counter. The same pclass always gets the same name.
 * Not thread-safe (the engine's driver is the only caller).
 */
final class FileNames {
    /** The longest base name before the hash and the extension. */
    static final int MAX_BASE = 64;
    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
            "com¹", "com²", "com³", "lpt¹", "lpt²", "lpt³", "conin$", "conout$");

    private final Path dir;
    private final String extension;
    private final Set<String> reserved;
    private final Map<String, Path> byPclass = new HashMap<>();
    private final Map<String, String> taken = new HashMap<>();

    /**
     * @param dir the directory every file goes in
     * @param extension the extension, e.g. {@code .jsonl}
     * @param reserved file names (with extension) that no pclass may get, e.g. the reject file
     */
    FileNames(Path dir, String extension, Set<String> reserved) {
        this.dir = dir;
        this.extension = extension;
        this.reserved = reserved;
        for (String name : reserved) {
            taken.put(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** Returns the file of {@code pclass}: a direct child of the directory. */
    Path fileOf(String pclass) {
        Path known = byPclass.get(pclass);
        if (known != null) {
            return known;
        }
        String base = plain(pclass) ? pclass : sanitize(pclass) + "-" + hash(pclass, 8);
        String name = base + extension;
        if (isTaken(name, pclass)) {
            name = sanitize(pclass) + "-" + hash(pclass, 16) + extension;
            for (int n = 2; isTaken(name, pclass); n++) {
                name = sanitize(pclass) + "-" + hash(pclass, 16) + "-" + n + extension;
            }
        }
        taken.put(name.toLowerCase(Locale.ROOT), pclass);
        Path file = dir.resolve(name);
        byPclass.put(pclass, file);
        return file;
    }

    private boolean isTaken(String name, String pclass) {
        String owner = taken.get(name.toLowerCase(Locale.ROOT));
        return owner != null && !owner.equals(pclass) || reserved.contains(name);
    }

    /** Whether {@code pclass} can be a file name as it is. */
    static boolean plain(String pclass) {
        int length = pclass.length();
        if (length == 0 || length > MAX_BASE) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!allowed(pclass.charAt(i))) {
                return false;
            }
        }
        char first = pclass.charAt(0);
        if (first == '.' || first == '-' || pclass.charAt(length - 1) == '.') {
            return false;
        }
        return !RESERVED.contains(stem(pclass));
    }

    /** The part before the first dot, lower case: what Windows compares with its device names. */
    private static String stem(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    /** The pclass with every character outside the plain set replaced, a leading dot or dash guarded, cut to size. */
    private static String sanitize(String pclass) {
        var out = new StringBuilder(Math.min(pclass.length(), MAX_BASE) + 1);
        for (int i = 0; i < pclass.length() && out.length() < MAX_BASE; i++) {
            char c = pclass.charAt(i);
            out.append(allowed(c) ? c : '_');
        }
        if (out.isEmpty() || out.charAt(0) == '.' || out.charAt(0) == '-' || RESERVED.contains(stem(out.toString()))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    private static String hash(String pclass, int digits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pclass.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, digits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
