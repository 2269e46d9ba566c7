package org.lienthong.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid request bodies, one per kind, for tests to copy and change (the same as hub-core's tests use). */
final class Bodies {

    static final ObjectMapper JSON = Client.JSON;

    private Bodies() {
    }

    static ObjectNode incident() {
        return parse("""
                {
                  "title": "Lũ quét tại xã Trà Leng, huyện Nam Trà My",
                  "description": "Mưa lớn kéo dài gây lũ quét.\\nNhiều hộ dân bị cô lập.",
                  "hazardCode": "MH0600",
                  "domain": "water",
                  "status": "responding",
                  "riskLevel": 4,
                  "occurredAt": "2026-11-21T22:40:00Z",
                  "reportedAt": "2026-11-21T23:05:00Z",
                  "location": {
                    "description": "Thôn 1, xã Trà Leng",
                    "adminCodes": ["49", "49.206"],
                    "geometry": {"type": "Point", "coordinates": [108.0412, 15.2763]}
                  },
                  "impacts": [
                    {"metric": "evacuated", "value": 1250, "unit": "people", "asOf": "2026-11-22T06:00:00Z"},
                    {"metric": "housesDamaged", "value": 87, "estimated": true}
                  ],
                  "command": {"post": "Sở chỉ huy tiền phương", "commanderOrg": "vn.qn", "contact": "0255 3822 000"},
                  "threatIds": ["019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e"],
                  "resourceIds": []
                }""");
    }

    static ObjectNode threat() {
        return parse(
                """
                        {
                          "title": "Bão số 13 hướng vào Gia Lai – Đắk Lắk",
                          "description": "Bão mạnh cấp 14, giật cấp 17.",
                          "instruction": "Di dời dân khỏi vùng nguy hiểm.",
                          "hazardCode": "MH0309",
                          "domain": "climate",
                          "status": "warning",
                          "riskLevel": 4,
                          "urgency": "Expected",
                          "severity": "Severe",
                          "certainty": "Likely",
                          "responseTypes": ["Evacuate", "Prepare"],
                          "effective": "2026-11-05T00:00:00Z",
                          "onset": "2026-11-06T12:00:00Z",
                          "expires": "2026-11-08T00:00:00Z",
                          "areas": [{
                            "description": "Gia Lai – Đắk Lắk",
                            "adminCodes": ["52", "66"],
                            "geometry": {"type": "Polygon", "coordinates": [[[108.5, 13.0], [110.0, 13.0], [110.0, 14.5], [108.5, 14.5], [108.5, 13.0]]]}
                          }],
                          "indicators": [{"code": "wind.max", "value": 46.5, "unit": "m/s", "observedAt": "2026-11-05T06:00:00Z"}],
                          "alert": {"identifier": "VN-NCHMF-2026-1105-13", "sender": "nchmf.gov.vn", "sent": "2026-11-05T01:00:00Z", "msgType": "Alert", "references": []}
                        }""");
    }

    static ObjectNode resource() {
        return parse("""
                {
                  "name": "Xuồng cứu hộ ST-660",
                  "pillar": "materials",
                  "category": "vehicle",
                  "typeCode": "rescue-boat",
                  "quantity": 12,
                  "available": 9,
                  "unit": "boat",
                  "status": "available",
                  "location": {"adminCodes": ["51"]},
                  "reserve": true,
                  "expiresAt": "2030-01-01T00:00:00Z",
                  "assignment": {"incidentId": "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e", "since": "2026-11-22T00:00:00Z"},
                  "contact": "Ban chỉ huy tỉnh"
                }""");
    }

    static ObjectNode of(String kind) {
        return switch (kind) {
        case "threat" -> threat();
        case "incident" -> incident();
        case "resource" -> resource();
        default -> throw new IllegalArgumentException(kind);
        };
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The members of a record that are its content: everything but the envelope the hub sets. */
    static ObjectNode content(com.fasterxml.jackson.databind.JsonNode record) {
        ObjectNode c = record.deepCopy();
        c.remove(java.util.List.of("id", "kind", "version", "owner", "classification", "sourceRef", "createdAt",
                "updatedAt", "deleted", "provenance"));
        return c;
    }
}
