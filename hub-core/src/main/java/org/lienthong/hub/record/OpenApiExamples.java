package org.lienthong.hub.record;

/** Request and response examples for the OpenAPI document (annotation values must be constants). */
final class OpenApiExamples {

    static final String INCIDENT = """
            {
              "owner": "vn.qn",
              "classification": "public",
              "sourceRef": {"system": "qn-pcttkcn", "id": "SC-2026-0412"},
              "title": "Lũ quét tại xã Trà Leng, huyện Nam Trà My",
              "hazardCode": "MH0600",
              "domain": "water",
              "status": "responding",
              "riskLevel": 4,
              "occurredAt": "2026-11-21T22:40:00Z",
              "location": {
                "description": "Thôn 1, xã Trà Leng",
                "adminCodes": ["49", "49.206"],
                "geometry": {"type": "Point", "coordinates": [108.0412, 15.2763]}
              },
              "impacts": [
                {"metric": "evacuated", "value": 1250, "unit": "people", "asOf": "2026-11-22T06:00:00Z"},
                {"metric": "housesDamaged", "value": 87, "estimated": true}
              ],
              "command": {"post": "Sở chỉ huy tiền phương Trà Leng", "commanderOrg": "vn.qn"}
            }""";

    static final String THREAT = """
            {
              "owner": "vn.mae",
              "classification": "public",
              "title": "Bão số 13 (KALMAEGI) hướng vào Gia Lai – Đắk Lắk",
              "hazardCode": "MH0309",
              "domain": "climate",
              "status": "warning",
              "riskLevel": 4,
              "urgency": "Expected",
              "severity": "Severe",
              "certainty": "Likely",
              "responseTypes": ["Evacuate", "Prepare"],
              "onset": "2026-11-06T12:00:00Z",
              "expires": "2026-11-08T00:00:00Z",
              "areas": [{
                "description": "Vùng biển và đất liền Gia Lai – Đắk Lắk",
                "adminCodes": ["52", "66"],
                "geometry": {"type": "Polygon", "coordinates": [[[108.5, 13.0], [110.0, 13.0], [110.0, 14.5], [108.5, 14.5], [108.5, 13.0]]]}
              }]
            }""";

    static final String RESOURCE = """
            {
              "owner": "vn.qn",
              "name": "Xuồng cứu hộ ST-660",
              "pillar": "materials",
              "category": "vehicle",
              "typeCode": "rescue-boat",
              "quantity": 12,
              "available": 9,
              "unit": "boat",
              "status": "available",
              "reserve": true,
              "contact": "Ban CHPCTT&TKCN tỉnh Quảng Ngãi, 0255 3822 xxx"
            }""";

    static final String PROBLEM = """
            {
              "type": "/problems/validation",
              "title": "Invalid record",
              "status": 400,
              "detail": "2 fields are invalid",
              "errors": [
                {"field": "riskLevel", "message": "must be an integer from 1 to 5"},
                {"field": "location.geometry.coordinates", "message": "latitude 108.04 is outside -90..90 (GeoJSON is [longitude, latitude]; CAP writes latitude first)"}
              ]
            }""";

    static final String PAGE = """
            {
              "items": [ { "id": "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e", "kind": "incident", "version": 3, "...": "..." } ],
              "next": "r1:AZqbbj8cfSqLTl9qe4ydDg"
            }""";

    static final String INCIDENT_CSV = """
            sourceRef.system,sourceRef.id,title,hazardCode,domain,status,occurredAt,location.adminCodes,impacts.evacuated
            qn-pcttkcn,SC-1,Sạt lở đất thôn 2,GH0101,geology,reported,2026-11-20T03:00:00Z,49|49.206,120
            """;

    private OpenApiExamples() {
    }
}
