package edu.ucla.dgsom.escrow.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** JSON-B for the API: a property the server does not know is an error, not silently dropped input. */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    /** Also what {@link IdempotencyLedger} writes a stored answer with, so that a replay reads as the first answer. */
    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withFormatting(false)
            .setProperty("jsonb.fail-on-unknown-properties", true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
