package io.github.loomfactory.examples.sessions;

import io.github.loomfactory.api.Material;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One click of a user on a page: the material of the {@code sessions} blueprint. Its pid is the
 * user, so each user's clicks go, in order, to one worker.
 *
 * @param user who clicked
 * @param at when
 * @param page what
 */
public record Click(String user, Instant at, String page) implements Material {

    /**
     * Checks the click.
     *
     * @throws NullPointerException if a component is null
     */
    public Click {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(page, "page");
    }

    @Override
    public Object pid() {
        return user;
    }

    @Override
    public Optional<Instant> eventTime() {
        return Optional.of(at);
    }
}
