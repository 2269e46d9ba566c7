package org.lienthong.connector.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link System.Logger} that keeps every line, formatted as {@code LEVEL message}, so that a test can check what a
 * connector logged, and above all that it never logged a secret.
 */
public final class RecordingLogger implements System.Logger {

    /** Every line logged so far, oldest first; safe to read while the connector logs. */
    public final List<String> lines = new CopyOnWriteArrayList<>();

    private final String name;

    public RecordingLogger(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
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
        lines.add(level + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
    }
}
