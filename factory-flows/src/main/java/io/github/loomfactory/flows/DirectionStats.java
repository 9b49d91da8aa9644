package io.github.loomfactory.flows;

/**
 * The running statistics of one direction of a flow, updated in one pass per packet: counts,
 * frame lengths and inter-arrival times, each with min, max, mean and standard deviation by
 * Welford's method (numerically stable, no second pass, no stored samples).
 *
 * <p>Not thread-safe: confined to the worker of its flow.
 */
final class DirectionStats {
    long packets;
    long bytes;
    long payload;

    private int lengthMin;
    private int lengthMax;
    private double lengthMean;
    private double lengthM2;

    private long lastNanos;
    private long gapMin;
    private long gapMax;
    private double gapMean;
    private double gapM2;

    /**
     * Adds a packet of this direction.
     *
     * @param nanos the packet's timestamp in nanoseconds since the epoch
     * @param length its frame length
     * @param payloadLength its transport payload length
     */
    void add(long nanos, int length, int payloadLength) {
        long n = ++packets;
        bytes += length;
        payload += payloadLength;
        if (n == 1) {
            lengthMin = length;
            lengthMax = length;
            lengthMean = length;
        } else {
            lengthMin = Math.min(lengthMin, length);
            lengthMax = Math.max(lengthMax, length);
            double delta = length - lengthMean;
            lengthMean += delta / n;
            lengthM2 += delta * (length - lengthMean);
            long gap = Math.max(0, nanos - lastNanos);
            long gaps = n - 1;
            if (gaps == 1) {
                gapMin = gap;
                gapMax = gap;
                gapMean = gap;
            } else {
                gapMin = Math.min(gapMin, gap);
                gapMax = Math.max(gapMax, gap);
                double gapDelta = gap - gapMean;
                gapMean += gapDelta / gaps;
                gapM2 += gapDelta * (gap - gapMean);
            }
        }
        lastNanos = n == 1 ? nanos : Math.max(lastNanos, nanos);
    }

    /** Forgets everything, for the next record of the flow. */
    void clear() {
        packets = 0;
        bytes = 0;
        payload = 0;
        lengthMin = 0;
        lengthMax = 0;
        lengthMean = 0;
        lengthM2 = 0;
        lastNanos = 0;
        gapMin = 0;
        gapMax = 0;
        gapMean = 0;
        gapM2 = 0;
    }

    int lengthMin() {
        return lengthMin;
    }

    int lengthMax() {
        return lengthMax;
    }

    double lengthMean() {
        return lengthMean;
    }

    /** The sample standard deviation of the frame lengths; 0 below two packets. */
    double lengthStd() {
        return packets > 1 ? Math.sqrt(lengthM2 / (packets - 1)) : 0;
    }

    /** The smallest gap between consecutive packets, in seconds; 0 below two packets. */
    double gapMin() {
        return gapMin / 1e9;
    }

    double gapMax() {
        return gapMax / 1e9;
    }

    double gapMean() {
        return gapMean / 1e9;
    }

    /** The sample standard deviation of the gaps, in seconds; 0 below three packets. */
    double gapStd() {
        return packets > 2 ? Math.sqrt(gapM2 / (packets - 2)) / 1e9 : 0;
    }
}
