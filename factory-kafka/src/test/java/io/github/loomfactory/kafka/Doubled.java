package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Product;
import java.nio.charset.StandardCharsets;

/** A test product: a reading with its value doubled, in pclass "c" + pid % 2; encoded as "pid,seq,value". */
record Doubled(long pid, long seq, long value) implements Product {

    @Override
    public String pclass() {
        return "c" + Math.floorMod(pid, 2);
    }

    static final ProductEncoder<Doubled> ENCODER = new ProductEncoder<>() {
        @Override
        public byte[] key(Doubled product) {
            return Long.toString(product.pid()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(Doubled product) {
            return (product.pid() + "," + product.seq() + "," + product.value()).getBytes(StandardCharsets.UTF_8);
        }
    };

    static Doubled decode(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split(",");
        return new Doubled(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }
}
