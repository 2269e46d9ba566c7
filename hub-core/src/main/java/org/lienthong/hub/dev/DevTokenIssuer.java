package org.lienthong.hub.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.security.Roles;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;

/**
 * On a developer's machine ({@code hub.dev.token-file} set, as {@code bin/start} does) signs a token with every role
 * for the organisation {@code hub.dev.token-org} and writes it to that file, readable by its owner only. The token
 * itself is never logged. In production the setting is absent and this does nothing.
 */
public class DevTokenIssuer {

    private static final Logger LOG = Logger.getLogger(DevTokenIssuer.class);

    void onStart(@Observes StartupEvent event, HubConfig config) throws IOException {
        if (config.dev().tokenFile().isEmpty()) {
            return;
        }
        Path file = config.dev().tokenFile().get().toAbsolutePath();
        String token = Jwt.subject("dev").claim("org", config.dev().tokenOrg())
                .groups(Set.of(Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN))
                .expiresIn(config.dev().tokenLifetime()).sign();
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("Development token for org %s (all roles) written to %s", config.dev().tokenOrg(), file);
    }
}
