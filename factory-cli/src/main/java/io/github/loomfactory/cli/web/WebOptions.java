package io.github.loomfactory.cli.web;

import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --http} option of {@code run} and {@code demo}, as a picocli mixin. */
public final class WebOptions {
    @Option(names = "--http", paramLabel = "[HOST:]PORT", converter = AddressConverter.class,
            description = {"Serve a live page of plots at http://HOST:PORT/, Prometheus metrics at /metrics and the stats at",
                "/stats.json while the run lasts. HOST defaults to 127.0.0.1; port 0 picks a free port (printed)."})
    WebAddress http;

    /** Returns where to serve, if {@code --http} was given. */
    public Optional<WebAddress> address() {
        return Optional.ofNullable(http);
    }

    /** Reads {@code --http}'s value. */
    static final class AddressConverter implements ITypeConverter<WebAddress> {
        @Override
        public WebAddress convert(String value) {
            try {
                return WebAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
