package io.github.loomfactory.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.io.IOException;
import java.util.Locale;

/**
 * Lets a packet record in JSON Lines or CSV leave out the two fields a capture reader fills in
 * from the headers, {@code payload} and {@code ipProtocol}, as records written before they existed
 * do: a missing payload is 0 and a missing IP protocol number is the protocol's own
 * ({@link Protocol#number}), as the short {@link Packet} constructor makes them. Every other field
 * stays required.
 */
final class PacketDefaults {
    private PacketDefaults() {
    }

    /** The module that wraps the packet deserializer. */
    static SimpleModule module() {
        var module = new SimpleModule("packet-defaults");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == Packet.class ? new Filling(deserializer) : deserializer;
            }
        });
        return module;
    }

    private static final class Filling extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Filling(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Filling(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = parser.readValueAsTree();
            if (tree instanceof ObjectNode object) {
                fill(object);
            }
            try (JsonParser filled = tree.traverse(parser.getCodec())) {
                filled.nextToken();
                return _delegatee.deserialize(filled, context);
            }
        }

        private static void fill(ObjectNode object) {
            if (!object.has("payload")) {
                object.put("payload", 0);
            }
            JsonNode protocol = object.get("protocol");
            JsonNode src = object.get("srcAddr");
            if (!object.has("ipProtocol") && protocol != null && protocol.isTextual()) {
                try {
                    boolean v6 = src != null && src.isTextual() && src.asText().indexOf(':') >= 0;
                    object.put("ipProtocol", Protocol.valueOf(protocol.asText().toUpperCase(Locale.ROOT)).number(v6));
                } catch (IllegalArgumentException unknown) {
                    // left out: the protocol's own error names it
                }
            }
        }
    }
}
