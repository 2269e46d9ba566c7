package org.lienthong.connector.cap;

import java.util.ArrayList;
import java.util.List;

/**
 * One CAP 1.2 alert message as {@link CapParser} read it: the elements the mapping uses, as text, trimmed, in document
 * order. Nothing is interpreted yet (times are the text as written, {@code references} is not split): that is
 * {@link CapMapper}'s job. Absent optional elements are {@code null}; absent repeated elements are empty lists.
 *
 * @param identifier
 *            {@code identifier}
 * @param sender
 *            {@code sender}
 * @param sent
 *            {@code sent}, as written
 * @param status
 *            {@code status} ({@code Actual}, {@code Exercise}, {@code System}, {@code Test}, {@code Draft})
 * @param msgType
 *            {@code msgType} ({@code Alert}, {@code Update}, {@code Cancel}, {@code Ack}, {@code Error})
 * @param scope
 *            {@code scope}
 * @param references
 *            {@code references}: whitespace-separated {@code sender,identifier,sent} entries, or {@code null}
 * @param infos
 *            the {@code info} blocks
 */
public record CapAlert(String identifier, String sender, String sent, String status, String msgType, String scope,
        String references, List<Info> infos) {

    public CapAlert {
        infos = List.copyOf(infos);
    }

    /**
     * The {@code references} entries, split on whitespace, as written ({@code sender,identifier,sent}); empty when
     * there are none.
     */
    public List<String> referenceEntries() {
        if (references == null || references.isBlank()) {
            return List.of();
        }
        return List.of(references.strip().split("\\s+"));
    }

    /**
     * The {@code references} entries that have the three comma-separated parts CAP prescribes, in the order written. An
     * entry with another shape is left out (it still appears in {@link #referenceEntries()}).
     */
    public List<Reference> parsedReferences() {
        List<Reference> out = new ArrayList<>();
        for (String entry : referenceEntries()) {
            String[] parts = entry.split(",", -1);
            if (parts.length == 3 && !parts[1].isBlank()) {
                out.add(new Reference(parts[0], parts[1], parts[2]));
            }
        }
        return out;
    }

    /** One entry of {@code references}: an earlier message. */
    public record Reference(String sender, String identifier, String sent) {
    }

    /** A {@code valueName}/{@code value} pair ({@code eventCode}, {@code parameter}, {@code geocode}). */
    public record NamedValue(String valueName, String value) {
    }

    /**
     * One {@code info} block.
     *
     * @param language
     *            {@code language}, or {@code null} (CAP's default is {@code en-US})
     * @param categories
     *            each {@code category}
     * @param responseTypes
     *            each {@code responseType}
     * @param eventCodes
     *            each {@code eventCode}
     * @param parameters
     *            each {@code parameter}
     */
    public record Info(String language, List<String> categories, String event, List<String> responseTypes,
            String urgency, String severity, String certainty, List<NamedValue> eventCodes, String effective,
            String onset, String expires, String headline, String description, String instruction,
            List<NamedValue> parameters, List<Area> areas) {

        public Info {
            categories = List.copyOf(categories);
            responseTypes = List.copyOf(responseTypes);
            eventCodes = List.copyOf(eventCodes);
            parameters = List.copyOf(parameters);
            areas = List.copyOf(areas);
        }
    }

    /**
     * One {@code area}.
     *
     * @param areaDesc
     *            {@code areaDesc}
     * @param polygons
     *            each {@code polygon}: {@code lat,lon lat,lon …}
     * @param circles
     *            each {@code circle}: {@code lat,lon radius-km}
     * @param geocodes
     *            each {@code geocode}
     */
    public record Area(String areaDesc, List<String> polygons, List<String> circles, List<NamedValue> geocodes) {

        public Area {
            polygons = List.copyOf(polygons);
            circles = List.copyOf(circles);
            geocodes = List.copyOf(geocodes);
        }
    }
}
