package org.lienthong.it.image;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the repository, this module's build directory, the packaged hub; and the project version. */
final class Paths {

    private Paths() {
    }

    /** The repository root (surefire passes it as {@code lienthong.root}). */
    static Path root() {
        String configured = System.getProperty("lienthong.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    /** {@code image-it/target}. */
    static Path target() {
        String configured = System.getProperty("lienthong.it.target");
        Path target = configured != null ? Path.of(configured) : root().resolve("image-it/target");
        return target.toAbsolutePath().normalize();
    }

    /** The project version, which the image's tag and version label must be. */
    static String version() {
        String version = System.getProperty("lienthong.version");
        if (version == null || version.isBlank()) {
            fail("the system property lienthong.version is not set (image-it's pom passes ${project.version})");
        }
        return version;
    }

    /** hub-core's packaged application, which the image must carry. */
    static Path quarkusApp() {
        Path app = root().resolve("hub-core/target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            fail("The hub is not packaged: " + app + "/quarkus-run.jar is missing. Run these tests through bin/test,"
                    + " which packages hub-core (and builds its image) first.");
        }
        return app;
    }

    /** The sample organisation registry the hub in the image is seeded with. */
    static Path organizations() {
        Path file = root().resolve("config/organizations.sample.json");
        if (!Files.isRegularFile(file)) {
            fail("missing " + file);
        }
        return file;
    }
}
