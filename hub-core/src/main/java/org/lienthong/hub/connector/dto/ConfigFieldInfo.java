package org.lienthong.hub.connector.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One configuration field of a connector type ({@code ConfigField} of the SPI), as an admin needs it to write a
 * configuration. {@code type} is {@code ConfigField.Type} in lower case; {@code default} is absent when the field has
 * none, and {@code allowedValues} unless it is an {@code enum} field.
 */
@Schema(name = "ConfigField", description = "One configuration field of a connector type / Một trường cấu hình", requiredProperties = {
        "name", "type", "required", "secret", "description" })
public record ConfigFieldInfo(@Schema(description = "The key in the configuration object (camelCase)") String name,
        @Schema(description = "How the value is written: string, integer, boolean, url (absolute http, https, or file inside the hub's drop directory), string_list (array of strings) or enum (one of allowedValues)", enumeration = {
                "string", "integer", "boolean", "url", "string_list", "enum" }) String type,
        @Schema(description = "A configuration must give it (a field with a default never is)") boolean required,
        @Schema(description = "Write-only: never returned; a reconfiguration that leaves it out keeps it") boolean secret,
        @Schema(description = "For operators", nullable = true) String description,
        @JsonProperty("default") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The value used when the field is absent, written as text (\"60\", \"true\"; a string_list's items separated by commas)") String defaultValue,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "For an enum field: the values allowed") List<String> allowedValues){
}
