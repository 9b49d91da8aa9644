package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Blueprint options: typed getters, defaults, and messages that name the key and the value. */
class OptionsTest {

    @Test
    void unsetKeysGiveTheDefault() {
        Options options = Options.empty();
        assertEquals("x", options.text("a", "x"));
        assertEquals(Optional.empty(), options.text("a"));
        assertEquals(7, options.integer("a", 7));
        assertEquals(8L, options.number("a", 8L));
        assertEquals(0.5, options.decimal("a", 0.5));
        assertTrue(options.flag("a", true));
        assertEquals(Duration.ofMinutes(30), options.duration("a", Duration.ofMinutes(30)));
    }

    @Test
    void setKeysAreParsed() {
        Options options = Options.of(Map.of("n", "1_000_000", "i", "42", "d", "2.5", "f", "Yes", "gap", "10m",
                "iso", "PT1.5S", "zero", "0", "url", "http://127.0.0.1:1/x?a=b"));
        assertEquals(1_000_000L, options.number("n", 0));
        assertEquals(42, options.integer("i", 0));
        assertEquals(2.5, options.decimal("d", 0));
        assertTrue(options.flag("f", false));
        assertEquals(Duration.ofMinutes(10), options.duration("gap", Duration.ZERO));
        assertEquals(Duration.ofMillis(1500), options.duration("iso", Duration.ZERO));
        assertEquals(Duration.ZERO, options.duration("zero", Duration.ofDays(1)));
        assertEquals("http://127.0.0.1:1/x?a=b", options.text("url", ""));
        assertEquals(Set.of("n", "i", "d", "f", "gap", "iso", "zero", "url"), options.keys());
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatWasExpected() {
        Options options = Options.of(Map.of("gap", "5x", "n", "ten", "big", "3000000000", "f", "maybe", "d", "NaN"));
        assertEquals("option gap: '5x' is not a duration (write e.g. 250ms, 5s, 30m, 1h or PT5S)",
                assertThrows(IllegalArgumentException.class, () -> options.duration("gap", Duration.ZERO)).getMessage());
        assertEquals("option n: 'ten' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> options.number("n", 0)).getMessage());
        assertEquals("option big: '3000000000' is out of range (at most 2147483647)",
                assertThrows(IllegalArgumentException.class, () -> options.integer("big", 0)).getMessage());
        assertEquals("option f: 'maybe' is not a boolean (write true or false)",
                assertThrows(IllegalArgumentException.class, () -> options.flag("f", false)).getMessage());
        assertEquals("option d: 'NaN' is not a decimal number",
                assertThrows(IllegalArgumentException.class, () -> options.decimal("d", 0)).getMessage());
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        Options options = Options.of(Map.of("gpa", "10m"));
        var e = assertThrows(IllegalArgumentException.class, () -> options.requireKnown("gap", "min-clicks"));
        assertEquals("unknown option 'gpa' (known: gap, min-clicks)", e.getMessage());
        Options known = Options.of(Map.of("gap", "1m"));
        assertSame(known, known.requireKnown("gap", "min-clicks"));
    }

    @Test
    void optionsAreACopyAndImmutable() {
        var source = new HashMap<>(Map.of("a", "1"));
        Options options = Options.of(source);
        source.put("b", "2");
        assertEquals(Set.of("a"), options.keys());
        assertThrows(UnsupportedOperationException.class, () -> options.keys().add("c"));
        assertEquals(Options.of(Map.of("a", "1")), options);
        assertSame(Options.empty(), Options.of(Map.of()));
    }

    @Test
    void nullAndBlankKeysAreRefused() {
        var withNull = new HashMap<String, String>();
        withNull.put("a", null);
        assertEquals("value of option a", assertThrows(NullPointerException.class, () -> Options.of(withNull)).getMessage());
        assertEquals("option keys must not be blank: ' '",
                assertThrows(IllegalArgumentException.class, () -> Options.of(Map.of(" ", "1"))).getMessage());
    }

    @Test
    void aBlueprintWithoutOptionsRefusesAnyButAcceptsNone() {
        Totals totals = new Totals();
        assertSame(totals, totals.configure(Options.empty()));
        var e = assertThrows(IllegalArgumentException.class, () -> totals.configure(Options.of(Map.of("gap", "1m"))));
        assertEquals("blueprint 'totals' takes no options, but was given [gap]", e.getMessage());
    }

    @Property
    void everyLongReadsBack(@ForAll long value) {
        assertEquals(value, Options.of(Map.of("n", Long.toString(value))).number("n", 0));
    }

    @Property
    void everyShortDurationReadsBack(@ForAll @LongRange(min = 0, max = 1_000_000) long amount, @ForAll @IntRange(min = 0, max = 4) int unit) {
        String[] units = {"ms", "s", "m", "h", "d"};
        Duration[] one = {Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1)};
        assertEquals(one[unit].multipliedBy(amount), Options.of(Map.of("t", amount + units[unit])).duration("t", Duration.ZERO));
    }
}
