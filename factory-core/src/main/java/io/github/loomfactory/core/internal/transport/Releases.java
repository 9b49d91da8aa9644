package io.github.loomfactory.core.internal.transport;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The stevedore's releases waiting for their products to be shipped (see {@link Holds}).
 *
 * <p>Design: the stevedore numbers every bay it opens. A release taken off the transportation
 * line is filed with the next number to be given, once what came with it is stowed: every
 * product that was ahead of it on the line is then in a bay numbered below. It runs once no bay
 * numbered below it is left unshipped (a bay is shipped whole), so after every product ahead of
 * it. Nothing is filed or checked while no source buys with positions. Stevedore thread only.
 */
public final class Releases {
    private final ArrayDeque<Filed> filed = new ArrayDeque<>();

    public boolean isEmpty() {
        return filed.isEmpty();
    }

    /** Files {@code releases}, to run once every bay numbered below {@code nextBay} is shipped. */
    public void file(long nextBay, List<Runnable> releases) {
        filed.add(new Filed(nextBay, List.copyOf(releases)));
    }

    /** Runs every release filed with a number at or below {@code oldestUnshipped}, the oldest bay not yet shipped. */
    void runShipped(long oldestUnshipped) {
        for (Filed head; (head = filed.peek()) != null && head.nextBay <= oldestUnshipped; ) {
            filed.poll();
            head.releases.forEach(Runnable::run);
        }
    }

    private record Filed(long nextBay, List<Runnable> releases) {
    }
}
