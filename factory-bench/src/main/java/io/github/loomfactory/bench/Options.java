package io.github.loomfactory.bench;

import java.util.Locale;

/**
 * The resolved command line of {@link Scenarios}: which workload, on which implementation, at
 * which size.
 *
 * @param workload the workload
 * @param impl the implementation
 * @param k pids
 * @param n materials
 * @param contractMillis the contract (idle timeout), in milliseconds
 * @param workshops workshops of the factory, partitions of the baseline
 */
record Options(Workload workload, Engine.Impl impl, int k, long n, long contractMillis, int workshops) {

    /** How to call {@link Scenarios}. */
    static final String USAGE = "usage: Scenarios --workload W1|W2|W3|W4 [--k N] [--n N] [--contract MS] [--workshops P]"
            + " [--scale X] [--impl factory|baseline]";

    /**
     * Parses a command line. The defaults of each workload come from BENCHMARKS.md; {@code --scale}
     * multiplies K and N (given or default); exact workloads (W2, W4) keep N / K materials per pid.
     *
     * @throws IllegalArgumentException naming the option and the bad value
     */
    static Options parse(String... args) {
        Workload workload = null;
        Engine.Impl impl = Engine.Impl.FACTORY;
        Long k = null;
        Long n = null;
        Long contract = null;
        int workshops = Runtime.getRuntime().availableProcessors();
        double scale = 1;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--workload" -> workload = workload(value);
                case "--impl" -> impl = Engine.Impl.of(value);
                case "--k" -> k = positive(flag, value);
                case "--n" -> n = positive(flag, value);
                case "--contract" -> contract = positive(flag, value);
                case "--workshops" -> workshops = Math.toIntExact(positive(flag, value));
                case "--scale" -> scale = scale(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + " (expected --workload, --k, --n,"
                        + " --contract, --workshops, --scale or --impl)");
            }
        }
        if (workload == null) {
            throw new IllegalArgumentException("--workload is required (W1, W2, W3 or W4)");
        }
        long baseK = k != null ? k : workload.k;
        long baseN = n != null ? n : workload.n;
        long pids = Math.max(1, Math.round(baseK * scale));
        long materials;
        if (workload.exact()) {
            long per = n != null ? baseN / baseK : workload.n / workload.k;
            if (n != null && baseN % baseK != 0) {
                throw new IllegalArgumentException(workload + " gives every pid the same number of materials: --n (" + baseN
                        + ") must be a multiple of --k (" + baseK + ")");
            }
            if (per < 1) {
                throw new IllegalArgumentException(workload + " needs at least one material per pid: --n (" + baseN
                        + ") is below --k (" + baseK + ")");
            }
            materials = pids * per;
        } else {
            materials = Math.max(1, Math.round(baseN * scale));
        }
        if (pids > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--k times --scale must be at most " + Integer.MAX_VALUE + ": " + pids);
        }
        return new Options(workload, impl, (int) pids, materials, contract != null ? contract : workload.contractMillis,
                workshops);
    }

    private static Workload workload(String value) {
        try {
            return Workload.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--workload must be W1, W2, W3 or W4: " + value);
        }
    }

    static long positive(String flag, String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a positive integer: " + value);
        }
        if (parsed < 1) {
            throw new IllegalArgumentException(flag + " must be a positive integer: " + value);
        }
        long max = "--n".equals(flag) ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (parsed > max) {
            throw new IllegalArgumentException(flag + " must be at most " + max + ": " + value);
        }
        return parsed;
    }

    static double scale(String value) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale must be a positive number: " + value);
        }
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw new IllegalArgumentException("--scale must be a positive number: " + value);
        }
        return parsed;
    }
}
