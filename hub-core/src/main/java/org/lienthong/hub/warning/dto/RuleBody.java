package org.lienthong.hub.warning.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Domain;
import org.lienthong.hub.warning.AggregateFunction;
import org.lienthong.hub.warning.RuleStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A warning rule as written (EARLY-WARNING.md): the request body of {@code POST}/{@code PUT /api/v1/warning-rules}, and
 * the fields of a rule the hub returns. The hub reads the body as a JSON tree so that one 400 names every field that
 * would make the rule impossible to evaluate (an unknown indicator, levels out of order, a {@code clear} on the wrong
 * side, a bad duration).
 *
 * @param stations
 *            station codes watched
 * @param adminCodes
 *            also every station in these administrative units
 * @param levels
 *            1 to 5, in increasing riskLevel, all {@code above} (rising values: flood, rainfall, salinity) or all
 *            {@code below} (falling values: drought, low reservoirs)
 * @param noDataAfter
 *            ISO 8601 duration: an active warning whose station is silent this long is marked with a data gap (never
 *            ended by it)
 * @param title
 *            template of the threat's title: {station.name}, {station.code}, {indicator.name}, {value}, {unit},
 *            {riskLevel}
 * @param owner
 *            the organisation the rule and its warnings belong to; defaults to the caller's
 * @param expiresAfter
 *            ISO 8601 duration: a warning version expires this long after the reading that decided it (default PT6H)
 * @param status
 *            active (default), inactive, or exercise (a drill: its warnings are marked exercise)
 * @param effectiveFrom
 *            from which observation time this version applies; default: when it is written
 */
@Schema(name = "WarningRuleBody", requiredProperties = { "name", "indicator", "levels", "hazardCode", "domain",
        "title" }, additionalProperties = Void.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleBody(@Schema(maxLength = 200) String name, String indicator, List<String> stations,
        List<String> adminCodes, Aggregate aggregate, @Schema(minItems = 1, maxItems = 5) List<Level> levels,
        @Schema(format = "duration", example = "PT6H") String noDataAfter, String hazardCode, Domain domain,
        @Schema(maxLength = 500) String title, String instruction, String owner, Classification classification,
        @Schema(format = "duration", example = "PT6H") String expiresAfter, RuleStatus status, Instant effectiveFrom) {

    /** Readings combined over a window before they are compared: {@code sum} over {@code PT24H} for rainfall. */
    @Schema(name = "WarningRuleAggregate", requiredProperties = "fn")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Aggregate(AggregateFunction fn, @Schema(format = "duration", example = "PT24H") String window) {
    }

    /**
     * A risk level: {@code above} or {@code below} is the value that enters it, {@code clear} the value that leaves it
     * (default: the threshold), {@code for} how long (ISO 8601 duration, default PT0S) the condition must hold.
     */
    @Schema(name = "WarningRuleLevel", requiredProperties = "riskLevel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Level(@Schema(minimum = "1", maximum = "5") int riskLevel, BigDecimal above, BigDecimal below,
            BigDecimal clear, @JsonProperty("for") @Schema(format = "duration", example = "PT30M") String hold) {
    }
}
