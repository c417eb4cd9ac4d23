package edu.ucla.dgsom.escrow.imports.entity;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Keeps an import's mapping as JSON text: it is edited whole and read whole, never queried. */
@Converter
public class ImportMappingConverter implements AttributeConverter<ImportMapping, String> {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    public String convertToDatabaseColumn(ImportMapping mapping) {
        return JSON.toJson(mapping);
    }

    @Override
    public ImportMapping convertToEntityAttribute(String json) {
        return JSON.fromJson(json, ImportMapping.class);
    }
}
