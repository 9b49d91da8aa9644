package io.github.loomfactory.core;

/**
 * A test pid whose hash collides on purpose: every four consecutive ids share one hash code, so
 * routing and rosters see equal hashes for unequal pids.
 */
public record Key(int id) {

    @Override
    public int hashCode() {
        return id >> 2;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key key && key.id == id;
    }

    @Override
    public String toString() {
        return "k" + id;
    }
}
