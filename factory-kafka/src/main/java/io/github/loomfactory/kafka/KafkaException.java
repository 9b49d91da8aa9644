package io.github.loomfactory.kafka;

import io.github.loomfactory.api.FactoryException;
import java.io.Serial;

/** A failure to talk to Kafka: names the brokers, the topic or partition, and what went wrong. */
public final class KafkaException extends FactoryException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed and where
     * @param cause the client's exception
     */
    public KafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
