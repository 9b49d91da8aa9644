package io.github.loomfactory.bench;

/**
 * The eight product classes of the workloads, {@code "c0"} to {@code "c7"}: a pid's class is
 * {@code "c" + (pid % 8)}. The names are made once, so products allocate no strings.
 */
final class Pclasses {
    /** How many product classes there are. */
    static final int COUNT = 8;

    private static final String[] NAMES = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"};

    private Pclasses() {
    }

    /** Returns the pclass of {@code pid}, which must not be negative. */
    static String of(long pid) {
        return NAMES[(int) (pid % COUNT)];
    }

    /** Returns the index of {@code pid}'s pclass. */
    static int indexOf(long pid) {
        return (int) (pid % COUNT);
    }

    /** Returns the index (0 to 7) of a pclass name, or -1 if it is not one of the eight. */
    static int index(String pclass) {
        if (pclass.length() == 2 && pclass.charAt(0) == 'c') {
            int i = pclass.charAt(1) - '0';
            if (i >= 0 && i < COUNT) {
                return i;
            }
        }
        return -1;
    }
}
