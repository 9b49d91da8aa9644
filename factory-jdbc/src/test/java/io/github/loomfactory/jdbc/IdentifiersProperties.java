package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Whatever a pclass holds, its table name is one quoted identifier, fits PostgreSQL, and is its own. */
class IdentifiersProperties {

    @Property
    void aQuotedIdentifierIsOneTokenThatReadsBackAsTheName(@ForAll @StringLength(max = 80) String name) {
        Assume.that(name.indexOf('\0') < 0);
        String quoted = Identifiers.quote(name);
        assertTrue(quoted.startsWith("\"") && quoted.endsWith("\""));
        String inside = quoted.substring(1, quoted.length() - 1);
        assertFalse(inside.replace("\"\"", "").contains("\""), "every quote inside is doubled: " + quoted);
        assertEquals(name, inside.replace("\"\"", "\""));
    }

    @Property
    void aTableNameFitsPostgresAndIsThePclassWhenItCan(@ForAll @StringLength(max = 100) String pclass) {
        String table = Identifiers.tableFor(pclass, Identifiers.POSTGRES_MAX_BYTES);
        assertTrue(table.getBytes(StandardCharsets.UTF_8).length <= Identifiers.POSTGRES_MAX_BYTES, table);
        assertTrue(table.indexOf('\0') < 0);
        assertFalse(table.isEmpty());
        boolean plain = !pclass.isEmpty() && pclass.indexOf('\0') < 0
                && pclass.getBytes(StandardCharsets.UTF_8).length <= Identifiers.POSTGRES_MAX_BYTES;
        assertEquals(plain, table.equals(pclass));
    }

    @Property
    void twoPclassesNeverShareATable(@ForAll @StringLength(max = 100) String a, @ForAll @StringLength(max = 100) String b) {
        Assume.that(!a.equals(b));
        assertNotEquals(Identifiers.tableFor(a, Identifiers.POSTGRES_MAX_BYTES), Identifiers.tableFor(b, Identifiers.POSTGRES_MAX_BYTES));
    }
}
