package io.github.loomfactory.cli;

import java.util.Locale;

/** Byte counts for people: binary units, one decimal below 10 ("512 B", "1.5 MB", "4 GB"). */
final class Bytes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Bytes() {
    }

    static String format(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return value < 10 && unit > 0 && value != Math.rint(value)
                ? String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit])
                : String.format(Locale.ROOT, "%.0f %s", value, UNITS[unit]);
    }
}
