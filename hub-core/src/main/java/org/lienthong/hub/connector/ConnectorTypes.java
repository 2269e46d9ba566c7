package org.lienthong.hub.connector;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.config.HubConfig;

/**
 * The installed connector types: those on the hub's class path (the built-in connectors) and those in the jars of
 * {@code hub.connectors.dir}, found with {@link ServiceLoader}. A name claimed twice keeps the first type found and
 * logs the clash.
 */
@ApplicationScoped
public class ConnectorTypes {

    private static final Logger LOG = Logger.getLogger(ConnectorTypes.class);

    @Inject
    HubConfig config;

    private final Map<String, ConnectorType> types = new TreeMap<>();

    @PostConstruct
    void load() {
        ClassLoader base = Thread.currentThread().getContextClassLoader();
        add(ServiceLoader.load(ConnectorType.class, base), "class path");
        Path dir = config.connectors().dir();
        if (Files.isDirectory(dir)) {
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.toUri().toURL());
                }
            } catch (IOException e) {
                LOG.errorf("cannot read connector directory %s: %s", dir, e.getMessage());
            }
            if (!jars.isEmpty()) {
                @SuppressWarnings("resource") // lives as long as the hub
                URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), base);
                add(ServiceLoader.load(ConnectorType.class, loader), dir.toString());
            }
        }
        LOG.infof("connector types: %s", types.keySet());
    }

    private void add(ServiceLoader<ConnectorType> loader, String where) {
        for (ServiceLoader.Provider<ConnectorType> p : loader.stream().toList()) {
            ConnectorType type;
            try {
                type = p.get();
            } catch (RuntimeException | ServiceConfigurationError e) {
                LOG.errorf("cannot load connector type %s from %s: %s", p.type().getName(), where, e.getMessage());
                continue;
            }
            ConnectorType previous = types.putIfAbsent(type.name(), type);
            if (previous != null && previous.getClass() != type.getClass()) {
                LOG.errorf("connector type name %s is claimed by %s and %s; keeping the first", type.name(),
                        previous.getClass().getName(), type.getClass().getName());
            }
        }
    }

    public Optional<ConnectorType> get(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Collection<ConnectorType> all() {
        return types.values();
    }
}
