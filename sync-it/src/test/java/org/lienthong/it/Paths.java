package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the repository, this module's build directory, the hub jar. */
final class Paths {

    private Paths() {
    }

    /** The repository root (surefire passes it as {@code lienthong.root}). */
    static Path root() {
        String configured = System.getProperty("lienthong.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    /** {@code sync-it/target}. */
    static Path target() {
        String configured = System.getProperty("lienthong.it.target");
        Path target = configured != null ? Path.of(configured) : root().resolve("sync-it/target");
        return target.toAbsolutePath().normalize();
    }

    /** The packaged hub; fails with a hint when hub-core has not been packaged. */
    static Path hubJar() {
        Path jar = root().resolve("hub-core/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            fail("The hub is not packaged: " + jar + " is missing. Run these tests through bin/test, which packages"
                    + " hub-core first, e.g. bash bin/test -pl hub-core,sync-it -am -Dtest='SmokeIT*'"
                    + " -Dsurefire.failIfNoSpecifiedTests=false");
        }
        return jar;
    }

    /** The project version (surefire passes it as {@code lienthong.version}): the image's tag. */
    static String version() {
        String version = System.getProperty("lienthong.version");
        if (version == null || version.isBlank()) {
            fail("the system property lienthong.version is not set (sync-it's pom passes ${project.version})");
        }
        return version;
    }

    /** hub-core's packaged application, which the image must carry. */
    static Path quarkusApp() {
        return hubJar().getParent();
    }

    /** The sample organisation registry every test hub is seeded with. */
    static Path organizations() {
        Path file = root().resolve("config/organizations.sample.json");
        if (!Files.isRegularFile(file)) {
            fail("missing " + file);
        }
        return file;
    }
}
