package io.github.loomfactory.cli.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for the tests: every
 * line is a {@code # HELP}, a {@code # TYPE} or a sample; every sample belongs to a family whose
 * {@code TYPE} came before it; names and labels are well formed; label values are escaped; values
 * are numbers; no series appears twice; a counter's samples end in {@code _total}. Anything else
 * throws, naming the line.
 */
final class Exposition {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /** One family's samples: series (name and sorted labels, as {@code name{a="x"}}) to value. */
    record Family(String type, String help, Map<String, Double> samples) {
    }

    private Exposition() {
    }

    /** Parses {@code text}; the families by name, in the order they appeared. */
    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> helps = new HashMap<>();
        Map<String, Double> seen = new HashMap<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        String[] lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isEmpty()) {
                throw new IllegalArgumentException("line " + number + " is empty");
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (helps.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + number + ": second HELP of " + m.group(1));
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (families.containsKey(m.group(1))) {
                    throw new IllegalArgumentException("line " + number + ": second TYPE of " + m.group(1));
                }
                families.put(m.group(1), new Family(m.group(2), helps.getOrDefault(m.group(1), ""), new LinkedHashMap<>()));
            } else if (line.startsWith("#")) {
                throw new IllegalArgumentException("line " + number + ": a comment that is neither HELP nor TYPE: " + line);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String familyName = family(name, families);
                if (familyName == null) {
                    throw new IllegalArgumentException("line " + number + ": sample of " + name + " without a TYPE before it");
                }
                Family family = families.get(familyName);
                if (family.type().equals("counter") && !name.endsWith("_total") && !name.endsWith("_created")) {
                    throw new IllegalArgumentException("line " + number + ": counter sample " + name + " does not end in _total");
                }
                String series = name + labels(m.group(3), number);
                double value = value(m.group(4), number);
                if (seen.put(series, value) != null) {
                    throw new IllegalArgumentException("line " + number + ": series " + series + " appears twice");
                }
                family.samples().put(series, value);
            } else {
                throw new IllegalArgumentException("line " + number + " is not in the text format: " + line);
            }
        }
        return families;
    }

    private static String family(String sample, Map<String, Family> families) {
        if (families.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_total", "_created", "_count", "_sum", "_bucket"}) {
            if (sample.endsWith(suffix) && families.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return null;
    }

    private static String labels(String text, int number) {
        if (text == null) {
            return "";
        }
        var sorted = new TreeMap<String, String>();
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("line " + number + ": malformed labels {" + text + "}");
            }
            if (sorted.put(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("line " + number + ": label " + m.group(1) + " twice");
            }
            at = m.end();
        }
        var series = new StringBuilder("{");
        sorted.forEach((name, value) -> series.append(series.length() > 1 ? "," : "").append(name).append("=\"").append(value).append('"'));
        return series.append('}').toString();
    }

    private static double value(String text, int number) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!NUMBER.matcher(text).matches()) {
                    throw new IllegalArgumentException("line " + number + ": value " + text + " is not a number");
                }
                yield Double.parseDouble(text);
            }
        };
    }
}
