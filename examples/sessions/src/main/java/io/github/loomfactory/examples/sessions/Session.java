package io.github.loomfactory.examples.sessions;

import io.github.loomfactory.api.Product;
import java.time.Instant;

/**
 * One visit of a user: clicks less than the session gap apart. The product of the
 * {@code sessions} blueprint, shipped to the {@code sessions} bay.
 *
 * @param user who
 * @param start the first click
 * @param end the last click
 * @param clicks how many clicks
 * @param entry the first page
 * @param exit the last page
 */
public record Session(String user, Instant start, Instant end, int clicks, String entry, String exit) implements Product {

    @Override
    public String pclass() {
        return "sessions";
    }
}
