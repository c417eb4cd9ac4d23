package edu.ucla.dgsom.escrow.web;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Each static {@code jakarta.json.Json.create...} call looks the provider up
 * again through the service loader, which scans the application's JARs: profiled, that was an eighth of the time of
 * a credential rotation (docs/performance.md). Use {@link #JSON} wherever {@code Json.create...} would do.
 */
public final class SharedJsonProvider {

    public static final JsonProvider JSON = JsonProvider.provider();

    private SharedJsonProvider() {
    }
}
