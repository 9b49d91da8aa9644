package io.github.loomfactory.flows;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded, endless (or limited) stream of plausible packets: the demo's buyer and a benchmark
 * input for the {@code flows} blueprint.
 *
 * <p>A fixed population of IPv4 hosts ({@code 10.0.0.1} upwards; the first tenth of them, at least
 * one, are servers) holds a fixed population of conversations, each between a client host and
 * port and a server host and port; about 70% are TCP (to ports 22, 25, 80, 443, 5432, 8080), 25%
 * UDP (to 53, 123, 443, 514) and 5% ICMP. Each packet belongs to a conversation drawn with a skew
 * (low-numbered conversations are busier), so conversations repeat, some often and some rarely
 * enough to go idle. Within a conversation, TCP opens with SYN then SYN+ACK, after which packets
 * go both ways carrying ACK (and PSH when they carry data); ICMP alternates echo request (type 8)
 * and echo reply (type 0);
 * UDP goes both ways. Frame lengths run from 60 to 1514 bytes. Timestamps advance from
 * {@code start} by exponentially distributed gaps of mean {@code meanGap}.
 *
 * <p>Every {@link #iterator()} starts the same sequence again: the stream is a function of the
 * options alone. Each packet costs one {@link Packet} and one {@link Instant}; addresses are
 * made once. Immutable and thread-safe; each iterator is confined to one thread.
 *
 * {@snippet file="io/github/loomfactory/flows/SyntheticPacketsSnippetTest.java" region="synthetic"}
 */
public final class SyntheticPackets implements Iterable<Packet> {

    /** The limit that means no limit: the stream never ends. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final int MAX_HOSTS = (1 << 24) - 2;
    private static final int[] TCP_PORTS = {22, 25, 80, 443, 5432, 8080};
    private static final int[] UDP_PORTS = {53, 123, 443, 514};

    private final long seed;
    private final int hosts;
    private final int conversations;
    private final Duration meanGap;
    private final Instant start;
    private final long limit;

    // one entry per conversation: the client (a) and the server (b)
    private final String[] addrA;
    private final String[] addrB;
    private final int[] portA;
    private final int[] portB;
    private final Protocol[] protocols;

    private SyntheticPackets(Builder builder) {
        this.seed = builder.seed;
        this.hosts = builder.hosts;
        this.conversations = builder.conversations;
        this.meanGap = builder.meanGap;
        this.start = builder.start;
        this.limit = builder.limit;
        String[] hostAddr = new String[hosts];
        for (int i = 0; i < hosts; i++) {
            int address = 0x0A00_0001 + i;
            hostAddr[i] = "10." + (address >>> 16 & 0xFF) + '.' + (address >>> 8 & 0xFF) + '.' + (address & 0xFF);
        }
        int servers = Math.max(1, hosts / 10);
        var random = new SplittableRandom(seed);
        addrA = new String[conversations];
        addrB = new String[conversations];
        portA = new int[conversations];
        portB = new int[conversations];
        protocols = new Protocol[conversations];
        for (int c = 0; c < conversations; c++) {
            addrA[c] = hostAddr[random.nextInt(hosts)];
            addrB[c] = hostAddr[random.nextInt(servers)];
            int kind = random.nextInt(100);
            if (kind < 70) {
                protocols[c] = Protocol.TCP;
                portA[c] = 32768 + random.nextInt(28232);
                portB[c] = TCP_PORTS[random.nextInt(TCP_PORTS.length)];
            } else if (kind < 95) {
                protocols[c] = Protocol.UDP;
                portA[c] = 32768 + random.nextInt(28232);
                portB[c] = UDP_PORTS[random.nextInt(UDP_PORTS.length)];
            } else {
                protocols[c] = Protocol.ICMP;
            }
        }
    }

    /**
     * Returns a builder holding the default options.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the number of hosts.
     *
     * @return the number of hosts
     */
    public int hosts() {
        return hosts;
    }

    /**
     * Returns the number of conversations.
     *
     * @return the number of conversations
     */
    public int conversations() {
        return conversations;
    }

    /**
     * Returns the mean gap between two packets' timestamps.
     *
     * @return the mean gap
     */
    public Duration meanGap() {
        return meanGap;
    }

    /**
     * Returns the timestamp of the first packet.
     *
     * @return the start
     */
    public Instant start() {
        return start;
    }

    /**
     * Returns how many packets the stream holds, or {@link #UNLIMITED}.
     *
     * @return the limit
     */
    public long limit() {
        return limit;
    }

    /**
     * Returns a new iterator over the stream, from its first packet.
     *
     * @return an iterator, confined to the calling thread
     */
    @Override
    public Iterator<Packet> iterator() {
        return new Packets();
    }

    @Override
    public String toString() {
        return "synthetic packets (seed " + seed + ", " + hosts + " hosts, " + conversations + " conversations, mean gap "
                + meanGap + ", start " + start + ", limit " + (limit == UNLIMITED ? "none" : limit) + ")";
    }

    /** The stream's state: a random source, a clock and each conversation's packet count. */
    private final class Packets implements Iterator<Packet> {
        private final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEE_CE66_DL);
        private final int[] sent = new int[conversations];
        private final double meanGapNanos = meanGap.toNanos();
        private final long startSecond = start.getEpochSecond();
        private final long startNano = start.getNano();
        private long elapsedNanos;
        private long made;

        @Override
        public boolean hasNext() {
            return made < limit;
        }

        @Override
        public Packet next() {
            if (made >= limit) {
                throw new NoSuchElementException("synthetic packets ended after their limit of " + limit);
            }
            if (made > 0 && meanGapNanos > 0) {
                elapsedNanos += (long) (-meanGapNanos * Math.log(1.0 - random.nextDouble()));
            }
            made++;
            double u = random.nextDouble();
            int c = (int) (u * u * conversations);
            int n = sent[c];
            sent[c] = n == Integer.MAX_VALUE ? 2 : n + 1;
            Protocol protocol = protocols[c];
            boolean fromClient;
            int length;
            int flags = 0;
            switch (protocol) {
                case TCP -> {
                    if (n < 2) {
                        fromClient = n == 0;
                        flags = fromClient ? Packet.SYN : Packet.SYN | Packet.ACK;
                        length = 74;
                    } else {
                        fromClient = random.nextInt(100) < 55;
                        boolean data = random.nextInt(100) < 60;
                        flags = data ? Packet.ACK | Packet.PSH : Packet.ACK;
                        length = data ? 67 + random.nextInt(1448) : 66;
                    }
                }
                case UDP -> {
                    fromClient = n == 0 || random.nextBoolean();
                    length = 60 + random.nextInt(1455);
                }
                default -> {
                    fromClient = (n & 1) == 0;
                    length = 98;
                }
            }
            Instant timestamp = Instant.ofEpochSecond(startSecond, startNano + elapsedNanos);
            int payload = switch (protocol) {
                case TCP -> n < 2 ? 0 : length - 66; // 20 bytes of TCP options (timestamps)
                case UDP, ICMP -> length - 42;
                case OTHER -> length - 34;
            };
            if (protocol == Protocol.ICMP) { // echo request (type 8) from the client, echo reply (0) back
                return fromClient
                        ? new Packet(timestamp, addrA[c], 8, addrB[c], 0, protocol, length, 0, payload, 1)
                        : new Packet(timestamp, addrB[c], 0, addrA[c], 0, protocol, length, 0, payload, 1);
            }
            int ipProtocol = protocol == Protocol.TCP ? 6 : 17;
            return fromClient
                    ? new Packet(timestamp, addrA[c], portA[c], addrB[c], portB[c], protocol, length, flags, payload,
                            ipProtocol)
                    : new Packet(timestamp, addrB[c], portB[c], addrA[c], portA[c], protocol, length, flags, payload,
                            ipProtocol);
        }
    }

    /**
     * A mutable builder of {@link SyntheticPackets}; not thread-safe. Setters return the builder;
     * {@link #build()} checks the values.
     */
    public static final class Builder {
        private long seed = 42;
        private int hosts = 1000;
        private int conversations = 5000;
        private Duration meanGap = Duration.ofNanos(200_000);
        private Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private long limit = UNLIMITED;

        private Builder() {
        }

        /**
         * Sets the seed of the random choices; default 42.
         *
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Sets the number of hosts, 1 to 16,777,214; default 1000 (a tenth are servers).
         *
         * @param value the number of hosts
         * @return this builder
         */
        public Builder hosts(int value) {
            hosts = value;
            return this;
        }

        /**
         * Sets the number of conversations, at least 1; default 5000, the original program's
         * live flow count. Each is one flow as long as it does not go idle.
         *
         * @param value the number of conversations
         * @return this builder
         */
        public Builder conversations(int value) {
            conversations = value;
            return this;
        }

        /**
         * Sets the mean gap between the timestamps of two consecutive packets, 0 to 1 s;
         * default 200 µs, i.e. 5,000 packets per second of capture time, the original program's
         * rate.
         *
         * @param value the mean gap
         * @return this builder
         */
        public Builder meanGap(Duration value) {
            meanGap = value;
            return this;
        }

        /**
         * Sets the timestamp of the first packet; default 2026-01-01T00:00:00Z.
         *
         * @param value the start
         * @return this builder
         */
        public Builder start(Instant value) {
            start = value;
            return this;
        }

        /**
         * Sets how many packets the stream holds, zero or more; default {@link #UNLIMITED}.
         *
         * @param value the limit
         * @return this builder
         */
        public Builder limit(long value) {
            limit = value;
            return this;
        }

        /**
         * Builds the stream, making its hosts and conversations.
         *
         * @return the stream
         * @throws IllegalArgumentException naming the first bad option and its value
         * @throws NullPointerException if {@code meanGap} or {@code start} is null
         */
        public SyntheticPackets build() {
            if (hosts < 1 || hosts > MAX_HOSTS) {
                throw new IllegalArgumentException("hosts must be in 1.." + MAX_HOSTS + ": " + hosts);
            }
            if (conversations < 1) {
                throw new IllegalArgumentException("conversations must be at least 1: " + conversations);
            }
            Objects.requireNonNull(meanGap, "meanGap");
            Objects.requireNonNull(start, "start");
            if (meanGap.isNegative() || meanGap.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("meanGap must be in 0..1 s: " + meanGap);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be zero or positive (UNLIMITED for no limit): " + limit);
            }
            return new SyntheticPackets(this);
        }
    }
}
