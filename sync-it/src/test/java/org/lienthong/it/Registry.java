package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The private registry bin/test starts ({@code LIENTHONG_TEST_REGISTRY}, host:port), read over the Docker Registry HTTP
 * API v2 without credentials. Every blob read here is checked against its digest.
 */
final class Registry {

    static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json,"
            + " application/vnd.docker.distribution.manifest.v2+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String address;

    private Registry(String address) {
        this.address = address;
    }

    /** The registry of this test run; fails (does not skip) when the tests are not run through bin/test. */
    static Registry ofTestRun() {
        String address = System.getenv("LIENTHONG_TEST_REGISTRY");
        if (address == null || address.isBlank()) {
            fail("LIENTHONG_TEST_REGISTRY is not set, so hub-core built no image. bin/test starts a private registry"
                    + " (Debian's docker-registry, which it installs with apt-get when run as root), builds the base"
                    + " image and has hub-core push the hub's image there; run these tests through it, e.g."
                    + " bash bin/test -pl hub-core,sync-it -am -Dtest='ImageIT*' -Dsurefire.failIfNoSpecifiedTests=false."
                    + " If bin/test printed an error about docker-registry or the base image, fix that first.");
        }
        return new Registry(address.trim());
    }

    String address() {
        return address;
    }

    /** {@code GET /v2/<repository>/tags/list}. */
    JsonNode tags(String repository) {
        return json(get("/v2/" + repository + "/tags/list", "application/json"));
    }

    /** The manifest of {@code repository:reference}, checked against the digest the registry names. */
    JsonNode manifest(String repository, String reference) {
        HttpResponse<byte[]> r = get("/v2/" + repository + "/manifests/" + reference, MANIFEST_TYPES);
        String digest = r.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new AssertionError("no Docker-Content-Digest for " + repository + ":" + reference));
        assertEquals(digest, "sha256:" + sha256(r.body()), "the manifest's digest");
        return json(r);
    }

    /** A small blob (a configuration), checked against its digest. */
    JsonNode jsonBlob(String repository, String digest) {
        HttpResponse<byte[]> r = get("/v2/" + repository + "/blobs/" + digest, "*/*");
        assertEquals(digest, "sha256:" + sha256(r.body()), "the digest of blob " + digest);
        return json(r);
    }

    /**
     * Downloads a blob to {@code file} (unless it is there already with the right digest) and checks its digest.
     */
    Path blob(String repository, String digest, Path file) {
        try {
            if (Files.isRegularFile(file) && digest.equals("sha256:" + sha256(file))) {
                return file;
            }
            Files.createDirectories(file.getParent());
            HttpRequest request = HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest))
                    .timeout(Duration.ofMinutes(2)).GET().build();
            HttpResponse<Path> r = HTTP.send(request, HttpResponse.BodyHandlers.ofFile(file));
            if (r.statusCode() != 200) {
                fail("GET blob " + digest + " from " + address + ": HTTP " + r.statusCode());
            }
            assertEquals(digest, "sha256:" + sha256(file), "the digest of the downloaded blob " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> get(String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Accept", accept)
                .GET().build();
        try {
            HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                fail("GET " + request.uri() + ": HTTP " + r.statusCode() + " " + new String(r.body()));
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError("GET " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + address + path);
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.uri() + " answered with a body that is not JSON", e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
