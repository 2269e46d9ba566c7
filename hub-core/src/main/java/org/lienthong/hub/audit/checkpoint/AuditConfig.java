package org.lienthong.hub.audit.checkpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the signed audit checkpoints, under {@code hub.audit.} (environment: {@code HUB_AUDIT_…}). */
@ConfigMapping(prefix = "hub.audit")
public interface AuditConfig {

    /**
     * The Ed25519 key that signs checkpoints: a PKCS#8 PEM file ({@code openssl genpkey -algorithm ed25519}), mounted
     * from a Secret in production. Env: {@code HUB_AUDIT_SIGNING_KEY}. When unset, the hub generates a key once and
     * keeps it in the database (development only: whoever reads the database can then sign).
     */
    Optional<Path> signingKey();

    /** How often a checkpoint is made in the background; zero turns it off. */
    @WithDefault("1h")
    Duration checkpointInterval();
}
