package org.lienthong.hub.audit.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file: a PKCS#8 PEM Ed25519 key, whose public key the hub derives itself. */
class SigningKeysTest {

    /** RFC 8032, section 7.1, test 1. */
    static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String SIGNATURE_OF_EMPTY = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @TempDir
    Path dir;

    @Test
    void thePublicKeyIsDerivedFromAPkcs8PemFile() throws Exception {
        // what openssl genpkey -algorithm ed25519 writes: PKCS#8 v1, private key only
        byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420" + SEED);
        Path file = dir.resolve("audit-key.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        KeyPair pair = SigningKeys.readPkcs8Pem(file);
        byte[] x509 = pair.getPublic().getEncoded();
        assertEquals(PUBLIC, HexFormat.of().formatHex(Arrays.copyOfRange(x509, x509.length - 32, x509.length)));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        assertArrayEquals(HexFormat.of().parseHex(SIGNATURE_OF_EMPTY), s.sign());

        SigningKeys.SigningKey key = new SigningKeys.SigningKey(SigningKeys.keyId(pair.getPublic()), pair.getPrivate(),
                pair.getPublic());
        assertEquals(16, key.keyId().length());
        assertTrue(new SigningKeys.PublicKeyEntry(key.keyId(), x509, false, java.time.Instant.EPOCH).pem()
                .startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(PUBLIC)),
                new SigningKeys.PublicKeyEntry(key.keyId(), x509, false, java.time.Instant.EPOCH).jwkX());
    }

    @Test
    void aFileThatIsNotAPkcs8KeyIsRefusedWithAHint() throws Exception {
        Path file = dir.resolve("public.pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SigningKeys.readPkcs8Pem(file));
        assertTrue(e.getMessage().contains("openssl genpkey -algorithm ed25519"), e.getMessage());
    }

    @Test
    void chainVectors() {
        // the same vectors as the verifier's (computed with sha256sum)
        String c1 = HashChain.next(HashChain.GENESIS,
                "ac4efb0cf53d3f5ba81c77ca1528813e66a49e2ad3ccd51d21a51075e951226c");
        assertEquals("15f33322f8fb6164187f24fca83de79dfd49adae10ca0cf1a80c2d72fb2c3aee", c1);
        assertEquals("f5258ad37d1a959790ba5f90af1a4547357011090d58028979a1cbb8f01f96d8",
                HashChain.next(c1, "8cdf1b49a851fb838de96d3798680fc1be39290c4308049c55084075d123f3ec"));
    }
}
