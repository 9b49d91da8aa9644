package io.github.loomfactory.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Options a host passes to a {@link Blueprint} through {@link Blueprint#configure(Options)}: text
 * keys and values, as the command line's {@code --set key=value} gives them, read with typed
 * getters.
 *
 * <p>Every getter that parses a value throws {@link IllegalArgumentException} with a message that
 * names the key, the value and what was expected ({@code "option gap: '5x' is not a duration
 * (write e.g. 250ms, 5s, 30m, 1h or PT5S)"}), which the command prints as it is. Immutable and
 * thread-safe; keys and values are never null.
 *
 * {@snippet :
 * public Blueprint<Click, Session> configure(Options options) {
 *     options.requireKnown("gap");                      // a misspelt key is an error, not ignored
 *     return new Sessions(options.duration("gap", GAP)); // 30m unless --set gap=... says otherwise
 * }
 * }
 */
public final class Options {
    private static final Options EMPTY = new Options(Map.of());
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Returns the options that hold nothing.
     *
     * @return the empty options
     */
    public static Options empty() {
        return EMPTY;
    }

    /**
     * Returns options holding a copy of {@code values}.
     *
     * @param values keys and their values
     * @return the options
     * @throws NullPointerException if {@code values}, a key or a value is null
     * @throws IllegalArgumentException if a key is blank
     */
    public static Options of(Map<String, String> values) {
        var copy = new TreeMap<String, String>();
        for (var entry : values.entrySet()) {
            String key = Objects.requireNonNull(entry.getKey(), "option key");
            String value = Objects.requireNonNull(entry.getValue(), () -> "value of option " + key);
            if (key.isBlank()) {
                throw new IllegalArgumentException("option keys must not be blank: '" + key + "'");
            }
            copy.put(key, value);
        }
        return copy.isEmpty() ? EMPTY : new Options(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns the keys, sorted.
     *
     * @return the keys
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Returns whether there are no options.
     *
     * @return true when no key is set
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Checks that every key is one of {@code known}; call it first in
     * {@link Blueprint#configure(Options)}, so that a misspelt key is an error rather than ignored.
     *
     * @param known the keys the caller reads
     * @return these options
     * @throws IllegalArgumentException naming the first unknown key and the known ones
     */
    public Options requireKnown(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                String list = allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed));
                throw new IllegalArgumentException("unknown option '" + key + "' (known: " + list + ")");
            }
        }
        return this;
    }

    /**
     * Returns the value of {@code key}, as it was given.
     *
     * @param key the key
     * @return the value, or empty if the key is not set
     */
    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * Returns the value of {@code key}, or {@code orElse} if it is not set.
     *
     * @param key the key
     * @param orElse the default
     * @return the value
     */
    public String text(String key, String orElse) {
        return text(key).orElse(orElse);
    }

    /**
     * Returns the value of {@code key} as an {@code int}, or {@code orElse} if it is not set.
     *
     * @param key the key
     * @param orElse the default
     * @return the value
     * @throws IllegalArgumentException if the value is not a decimal {@code int}
     */
    public int integer(String key, int orElse) {
        long value = number(key, orElse);
        if (value != (int) value) {
            throw bad(key, "is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) value;
    }

    /**
     * Returns the value of {@code key} as a {@code long}, or {@code orElse} if it is not set.
     * Digits may be grouped with {@code _} or {@code ,}, as in {@code 1_000_000}.
     *
     * @param key the key
     * @param orElse the default
     * @return the value
     * @throws IllegalArgumentException if the value is not a decimal {@code long}
     */
    public long number(String key, long orElse) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return orElse;
        }
        try {
            return Long.parseLong(value.get().strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw bad(key, "is not a whole number");
        }
    }

    /**
     * Returns the value of {@code key} as a {@code double}, or {@code orElse} if it is not set.
     *
     * @param key the key
     * @param orElse the default
     * @return the value
     * @throws IllegalArgumentException if the value is not a finite decimal number
     */
    public double decimal(String key, double orElse) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return orElse;
        }
        try {
            double parsed = Double.parseDouble(value.get().strip());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, "is not a decimal number");
    }

    /**
     * Returns the value of {@code key} as a boolean ({@code true}/{@code false},
     * {@code yes}/{@code no}, {@code on}/{@code off}, any case), or {@code orElse} if it is not set.
     *
     * @param key the key
     * @param orElse the default
     * @return the value
     * @throws IllegalArgumentException if the value is none of these words
     */
    public boolean flag(String key, boolean orElse) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return orElse;
        }
        return switch (value.get().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw bad(key, "is not a boolean (write true or false)");
        };
    }

    /**
     * Returns the value of {@code key} as a duration ({@code 250ms}, {@code 5s}, {@code 30m},
     * {@code 1h}, {@code 2d}, {@code 0}, or ISO-8601 such as {@code PT5S}), or {@code orElse} if
     * it is not set.
     *
     * @param key the key
     * @param orElse the default
     * @return the value
     * @throws IllegalArgumentException if the value is not a duration
     */
    public Duration duration(String key, Duration orElse) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return orElse;
        }
        String text = value.get().strip().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        var matcher = SHORT_DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            try {
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } catch (ArithmeticException e) {
                throw bad(key, "is too long a duration");
            }
        }
        try {
            return Duration.parse(value.get().strip());
        } catch (DateTimeParseException e) {
            throw bad(key, "is not a duration (write e.g. 250ms, 5s, 30m, 1h or PT5S)");
        }
    }

    private IllegalArgumentException bad(String key, String why) {
        return new IllegalArgumentException("option " + key + ": '" + values.get(key) + "' " + why);
    }

    /**
     * Returns the options as {@code key=value} pairs, e.g. {@code {gap=10m}}.
     *
     * @return a readable form
     */
    @Override
    public String toString() {
        return values.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
