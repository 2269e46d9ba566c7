package org.lienthong.hub.audit.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.lienthong.hub.record.StoreException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The Ed25519 key that signs checkpoints.
 *
 * <ul>
 * <li>With {@code hub.audit.signing-key} set (env {@code HUB_AUDIT_SIGNING_KEY}): a PKCS#8 PEM file
 * ({@code -----BEGIN PRIVATE KEY-----}, e.g. from {@code openssl genpkey -algorithm ed25519}). This is what production
 * should use, mounted from a Secret. Only its public key is written to the database.</li>
 * <li>Without it: a key generated the first time and stored, private part included, in {@code audit_key}, so that it
 * survives restarts and is shared by hub processes on the same database. Anyone who can read the database can then sign
 * checkpoints: fine for development, not for production.</li>
 * </ul>
 *
 * Every public key that ever signed stays in {@code audit_key} and is listed by {@code GET /api/v1/audit/keys}, so
 * checkpoints signed before a key change remain verifiable. The key id is the first 16 hex digits of the SHA-256 of the
 * public key's X.509 (SubjectPublicKeyInfo) encoding.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    public static final String ALGORITHM = "Ed25519";

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** The key in use. */
    public record SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {

        /** Base64 (RFC 4648, with padding) of the Ed25519 signature of {@code data}. */
        public String sign(byte[] data) {
            try {
                Signature s = Signature.getInstance(ALGORITHM);
                s.initSign(privateKey);
                s.update(data);
                return Base64.getEncoder().encodeToString(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with the audit key", e);
            }
        }
    }

    /** A public key as {@code /api/v1/audit/keys} lists it. */
    public record PublicKeyEntry(String keyId, byte[] x509, boolean generated, Instant createdAt) {

        public String pem() {
            return SigningKeys.pem(x509);
        }

        /** The JWK {@code x} member (RFC 8037): base64url of the raw 32-byte public key. */
        public String jwkX() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOfRange(x509, X509_PREFIX.length, x509.length));
        }
    }

    @Inject
    AuditConfig config;

    @Inject
    DataSource dataSource;

    private volatile SigningKey current;

    /** Loads (or creates) the key at start, so that a bad key file stops the hub instead of a later checkpoint. */
    void onStart(@Observes StartupEvent event) {
        current();
    }

    /** The key that signs new checkpoints. */
    public SigningKey current() {
        SigningKey key = current;
        if (key == null) {
            synchronized (this) {
                key = current;
                if (key == null) {
                    key = QuarkusTransaction.requiringNew().call(this::load);
                    current = key;
                }
            }
        }
        return key;
    }

    /** Every public key that signed or signs checkpoints, the current one first, then newest first. */
    public List<PublicKeyEntry> all() {
        String currentId = current().keyId();
        List<PublicKeyEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select key_id, public_key, generated, created_at"
                        + " from audit_key order by key_id = ? desc, created_at desc, key_id")) {
            ps.setString(1, currentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PublicKeyEntry(rs.getString(1), rs.getBytes(2), rs.getBoolean(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    private SigningKey load() {
        try (Connection c = dataSource.getConnection()) {
            Optional<Path> keyFile = config.signingKey();
            if (keyFile.isPresent()) {
                KeyPair pair = readPkcs8Pem(keyFile.get());
                String id = keyId(pair.getPublic());
                try (PreparedStatement ps = c.prepareStatement("insert into audit_key (key_id, algorithm, public_key,"
                        + " private_key, generated) values (?, 'Ed25519', ?, null, false) on conflict do nothing")) {
                    ps.setString(1, id);
                    ps.setBytes(2, pair.getPublic().getEncoded());
                    ps.executeUpdate();
                }
                LOG.infof("Audit checkpoints are signed with key %s from %s", id, keyFile.get());
                return new SigningKey(id, pair.getPrivate(), pair.getPublic());
            }
            Optional<SigningKey> stored = generatedKey(c);
            if (stored.isEmpty()) {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                try (PreparedStatement ps = c.prepareStatement("insert into audit_key (key_id, algorithm, public_key,"
                        + " private_key, generated) values (?, 'Ed25519', ?, ?, true) on conflict do nothing")) {
                    ps.setString(1, keyId(pair.getPublic()));
                    ps.setBytes(2, pair.getPublic().getEncoded());
                    ps.setBytes(3, pair.getPrivate().getEncoded());
                    ps.executeUpdate();
                }
                stored = generatedKey(c); // ours, or the one another hub process stored first
            }
            SigningKey key = stored.orElseThrow(() -> new IllegalStateException("the generated audit key vanished"));
            LOG.warnf(
                    "Audit checkpoints are signed with key %s, generated by the hub and stored in the database;"
                            + " set hub.audit.signing-key to a PKCS#8 PEM file (from a Secret) in production",
                    key.keyId());
            return key;
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the audit signing key: " + e.getMessage(), e);
        }
    }

    private static Optional<SigningKey> generatedKey(Connection c) throws SQLException, GeneralSecurityException {
        try (PreparedStatement ps = c
                .prepareStatement("select key_id, public_key, private_key from audit_key where generated");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
            return Optional
                    .of(new SigningKey(rs.getString(1), kf.generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes(3))),
                            kf.generatePublic(new X509EncodedKeySpec(rs.getBytes(2)))));
        }
    }

    /** First 16 hex digits of SHA-256 over the X.509 encoding of the public key. */
    public static String keyId(PublicKey key) {
        return keyId(key.getEncoded());
    }

    static String keyId(byte[] x509) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String pem(byte[] x509) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(x509)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Reads an Ed25519 private key from a PKCS#8 PEM file and derives its public key. The JDK has no API for the
     * derivation, so the key pair generator is run with the private key as its only "random" bytes: Ed25519 key
     * generation is exactly "take 32 random bytes, derive the public key". The result is checked with a signature.
     */
    static KeyPair readPkcs8Pem(Path file) throws GeneralSecurityException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read hub.audit.signing-key " + file + ": " + e.getMessage(), e);
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("hub.audit.signing-key " + file
                    + " is not a PKCS#8 PEM file (-----BEGIN PRIVATE KEY-----); create one with"
                    + " openssl genpkey -algorithm ed25519");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new IllegalStateException("the audit key's private bytes are not accessible"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] probe = "lienthong audit key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(pair.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("could not derive the public key of hub.audit.signing-key " + file);
        }
        return new KeyPair(pair.getPublic(), privateKey);
    }

    /** A "random" source that yields the given bytes once. */
    private static final class FixedBytes extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (bytes == null || out.length != bytes.length) {
                throw new IllegalStateException("unexpected use of the key derivation source");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            bytes = null;
        }
    }
}
