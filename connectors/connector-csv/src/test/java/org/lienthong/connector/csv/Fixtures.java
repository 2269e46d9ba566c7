package org.lienthong.connector.csv;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorContext;
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
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                values.remove((String) overrides[i]);
            } else {
                values.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return new ConnectorConfig(values);
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

    /** The context the hub would give an instance; its clock runs a minute ahead, so files just written are settled. */
    record TestContext(String instanceName, String hubId, RecordingLogger logger, Clock clock)
            implements ConnectorContext {

        TestContext() {
            this("kho-hn", "hanoi", new RecordingLogger(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        }
    }

    /** Keeps every line logged, formatted. */
    static final class RecordingLogger implements System.Logger {

        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "csv-test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg + (thrown == null ? "" : " " + thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " "
                    + (params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params)));
        }
    }
}
