package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FileNamesProperties {
    private static final Path DIR = Path.of("/srv/warehouse");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\.jsonl");
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "conin$");

    private static FileNames names() {
        return new FileNames(DIR, ".jsonl", Set.of(Rejects.FILE_NAME));
    }

    @Provide
    Arbitrary<String> pclasses() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("./\\:_-aA0 \u0000é").ofMaxLength(12),
                Arbitraries.of("", ".", "..", "../x", "/etc/y", "..\\..\\z", "C:\\w", "CON", "con.txt", "Nul", "lpt1.jsonl",
                        "rejects", "REJECTS", "a/b", "a\\b", "a b", ".hidden", "-rf", "x.", "tcp", "TCP", "é", "\u202e"),
                Arbitraries.strings().alpha().ofLength(300));
    }

    @Property(tries = 2000)
    void everyFileIsAPlainChildOfTheWarehouse(@ForAll("pclasses") String pclass) {
        Path file = names().fileOf(pclass);
        String name = file.getFileName().toString();

        assertEquals(DIR, file.getParent(), "parent of " + file);
        assertEquals(file, file.normalize());
        assertTrue(SAFE.matcher(name).matches(), "unsafe name " + name);
        assertTrue(name.length() <= FileNames.MAX_BASE + 17 + ".jsonl".length() + 4, "too long: " + name);
        String stem = name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.')).toLowerCase(Locale.ROOT);
        assertFalse(DEVICES.contains(stem), "Windows device name " + name);
        assertFalse(name.endsWith("..jsonl"), "a name ending in a dot before the extension: " + name);
        assertNotEquals(Rejects.FILE_NAME, name.toLowerCase(Locale.ROOT));
    }

    @Property(tries = 300)
    void distinctPclassesNeverShareAFileEvenIgnoringCase(@ForAll("batches") List<String> pclasses) {
        FileNames names = names();
        var owners = new HashMap<String, String>();
        for (String pclass : pclasses) {
            String key = names.fileOf(pclass).getFileName().toString().toLowerCase(Locale.ROOT);
            String earlier = owners.putIfAbsent(key, pclass);
            assertTrue(earlier == null || earlier.equals(pclass), pclass + " and " + earlier + " both map to " + key);
            assertEquals(names.fileOf(pclass), names.fileOf(pclass), "stable name for " + pclass);
        }
    }

    @Provide
    Arbitrary<List<String>> batches() {
        // small alphabets make collisions after sanitizing (and ignoring case) likely
        return Arbitraries.strings().withChars("aA/._-?").ofMaxLength(4).list().ofMaxSize(40);
    }

    @Example
    void plainPclassesKeepTheirName() {
        FileNames names = names();
        assertEquals(DIR.resolve("tcp.jsonl"), names.fileOf("tcp"));
        assertEquals(DIR.resolve("v1.2_x-y.jsonl"), names.fileOf("v1.2_x-y"));
    }

    @Example
    void unsafePclassesGetAHashedName() {
        FileNames names = names();
        assertTrue(SAFE.matcher(names.fileOf("../x").getFileName().toString()).matches());
        assertTrue(names.fileOf("../x").getFileName().toString().startsWith("_.._x-"));
        assertTrue(names.fileOf("/etc/y").getFileName().toString().startsWith("_etc_y-"));
        assertTrue(names.fileOf("CON").getFileName().toString().startsWith("_CON-"));
        assertTrue(names.fileOf("rejects").getFileName().toString().startsWith("rejects-"));
    }

    @Example
    void aPclassThatLooksLikeAnotherOnesHashedNameDoesNotTakeItsFile() {
        FileNames names = names();
        String hashed = names.fileOf("a?").getFileName().toString();
        String lookalike = hashed.substring(0, hashed.length() - ".jsonl".length());

        assertNotEquals(names.fileOf("a?"), names.fileOf(lookalike));
        assertNotEquals(names.fileOf("TCP"), names.fileOf("tcp"));
    }
}
