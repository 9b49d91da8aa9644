package io.github.loomfactory.core.internal.production;

import java.time.Instant;

/**
 * An inspection tick on a worker's belt: it travels behind the materials delivered before it,
 * so the worker inspects its assembly at {@code now} after taking them.
 */
public record Inspection(Instant now) {
}
