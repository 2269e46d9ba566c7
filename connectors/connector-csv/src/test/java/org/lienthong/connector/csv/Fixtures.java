package org.lienthong.connector.csv;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lienthong.connector.testkit.TestConfigs;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;

/** What the tests share: configurations, a context, a logger that keeps what it is told, and a Vietnamese sheet. */
final class Fixtures {

    static final Duration LIMIT = Duration.ofSeconds(20);

    /** A resource sheet as a province's warehouse exports it: Vietnamese headers, a row-number column, a BOM. */
    static final String SHEET = "\uFEFFSTT,Tên,Trụ cột,Loại,Số lượng,Sẵn sàng,Đơn vị,Mã địa bàn,Dự trữ,Mã kho\r\n"
            + "1,Phao cứu sinh,materials,equipment,1500,1250,chiếc,01|01.001,có,PAO-001\r\n"
            + "2,\"Xuồng cao tốc, 40 CV\",logistics,vehicle,12,10,chiếc,01,không,XUONG-02\r\n"
            + "3,Lều bạt,materials,supply,nhiều,,bộ,01,có,LEU-03\r\n"
            + "4,\"Nhà bạt\r\ncứu sinh\",materials,shelter,20,20,bộ,01,có,NHA-04\r\n"
            + "5,Mì tôm,logistics,supply,3000,3000,thùng,01,có,\r\n";

    static final List<String> MAPPING = List.of("STT=", "Tên=name", "Trụ cột=pillar", "Loại=category",
            "Số lượng=quantity", "Sẵn sàng=available", "Đơn vị=unit", "Mã địa bàn=location.adminCodes",
            "Dự trữ=reserve", "Mã kho=sourceRef.id");

    private Fixtures() {
    }

    /**
     * A configuration as the hub hands it over (defaults applied), with {@code overrides} on top; an override of
     * {@code null} removes the field.
     */
    static ConnectorConfig config(String url, Object... overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", url);
        values.put("kind", "resource");
        values.put("owner", "vn.hn");
        values.put("sourceSystem", "kho-hn");
        values.put("headerMapping", MAPPING);
        values.put("intervalSeconds", 300L);
        return TestConfigs.config(values, overrides);
    }

    static SourceConnector open(ConnectorConfig config, TestContext context) throws ConnectorException {
        return (SourceConnector) new CsvConnectorType().open(config, context);
    }

    static SourceBatch poll(SourceConnector source, String checkpoint) throws ConnectorException {
        return source.poll(checkpoint, LIMIT);
    }

    static List<SourceItem.Upsert> upserts(SourceBatch batch) {
        return batch.items().stream().filter(SourceItem.Upsert.class::isInstance).map(SourceItem.Upsert.class::cast)
                .toList();
    }

    static List<SourceItem.Refused> refusals(SourceBatch batch) {
        return batch.items().stream().filter(SourceItem.Refused.class::isInstance).map(SourceItem.Refused.class::cast)
                .toList();
    }

    /** The context the hub would give an instance (its clock a minute ahead, so files count as settled). */
    static TestContext context() {
        return new TestContext("kho-hn", "hanoi", Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
    }
}
