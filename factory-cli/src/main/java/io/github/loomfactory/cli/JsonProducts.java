package io.github.loomfactory.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.kafka.ProductEncoder;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;

/**
 * Products as Kafka records: the value is the product as one JSON object (as in the JSON Lines
 * files), the key the JSON of its pid component: the record component named {@code pid}, or else
 * the first one (by the convention of {@code Session(user, ...)} and {@code Total(sensor, ...)}),
 * so that one pid's products share a partition. A product that is no record gets no key.
 *
 * @param <P> the product type
 */
final class JsonProducts<P extends Product> implements ProductEncoder<P> {
    private final RecordComponent keyComponent;

    JsonProducts(Class<P> type) {
        RecordComponent chosen = null;
        if (type.isRecord() && type.getRecordComponents().length > 0) {
            chosen = type.getRecordComponents()[0];
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("pid")) {
                    chosen = component;
                }
            }
        }
        this.keyComponent = chosen;
    }

    @Override
    public byte[] key(P product) {
        if (keyComponent == null) {
            return new byte[0];
        }
        try {
            Object pid = keyComponent.getAccessor().invoke(product);
            return pid instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : Json.MAPPER.writeValueAsBytes(pid);
        } catch (ReflectiveOperationException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the pid component " + keyComponent.getName() + " of " + product + ": " + e, e);
        }
    }

    @Override
    public byte[] value(P product) {
        try {
            return Json.MAPPER.writeValueAsBytes(product);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode product " + product + " as JSON: " + Json.oneLine(e.getOriginalMessage()), e);
        }
    }
}
