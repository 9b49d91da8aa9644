package io.github.loomfactory.bench;

import io.github.loomfactory.api.Material;

/**
 * A benchmark material: the {@code seq}-th material (counting from zero) of {@code pid}, carrying
 * {@code value}. The pid is boxed once, when the material is made, so the engine's lookups by
 * pid allocate nothing.
 *
 * @param pid the pid, from zero
 * @param seq this pid's counter: 0, 1, 2, …
 * @param value the payload, in [0, 1000) for the workloads
 */
record Part(Long pid, long seq, long value) implements Material {

    /** Creates a material of {@code pid}. */
    static Part of(long pid, long seq, long value) {
        return new Part(pid, seq, value);
    }

    /** Returns the pid as a primitive. */
    long id() {
        return pid;
    }

    @Override
    public String toString() {
        return "Part[pid=" + pid + ", seq=" + seq + ", value=" + value + "]";
    }
}
