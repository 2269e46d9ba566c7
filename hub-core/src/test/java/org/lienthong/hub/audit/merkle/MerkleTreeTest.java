package org.lienthong.hub.audit.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * {@link MerkleTree} against the tree and the verifiers of RFC 9162 written out here from the RFC's text: MTH by its
 * recursive definition (§2.1.1), inclusion verification (§2.1.3.2) and consistency verification (§2.1.4.2).
 */
class MerkleTreeTest {

    static final HexFormat HEX = HexFormat.of();

    // --- the RFC, written independently of the code under test

    static byte[] mth(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        if (leaves.size() == 1) {
            return MerkleTree.leafHash(leaves.get(0));
        }
        int k = 1;
        while (k * 2 < leaves.size()) {
            k *= 2;
        }
        return MerkleTree.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }

    static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> proof) {
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstHash, secondHash);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    // --- a log of leaves, its perfect subtrees computed naively

    static List<byte[]> leaves(int n, long seed) {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[32];
            random.nextBytes(data);
            out.add(data);
        }
        return out;
    }

    static MerkleTree.PerfectSubtrees perfect(List<byte[]> leaves, AtomicInteger reads) {
        return (level, index) -> {
            reads.incrementAndGet();
            int size = 1 << level;
            int start = Math.toIntExact(index * size);
            assertTrue(start + size <= leaves.size(), "only perfect subtrees of existing leaves are read");
            return mth(leaves.subList(start, start + size));
        };
    }

    @Test
    void knownRoots() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(MerkleTree.emptyRoot()));
        // RFC 6962 leaf hash of the empty leaf: SHA-256(0x00)
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                HEX.formatHex(MerkleTree.leafHash(new byte[0])));
    }

    @Test
    void rootsInclusionAndConsistencyForEverySmallTree() {
        List<byte[]> all = leaves(70, 1);
        MerkleTree.PerfectSubtrees tree = perfect(all, new AtomicInteger());
        for (int n = 1; n <= all.size(); n++) {
            byte[] root = mth(all.subList(0, n));
            assertArrayEquals(root, MerkleTree.root(n, tree), "root of " + n);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionProof(m, n, tree);
                assertTrue(verifyInclusion(m, n, MerkleTree.leafHash(all.get(m)), path, root), m + " in " + n);
                if (n > 1) {
                    assertFalse(verifyInclusion(m, n, MerkleTree.leafHash(all.get((m + 1) % n)), path, root),
                            "another leaf does not verify at " + m + " in " + n);
                }
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = MerkleTree.consistencyProof(m, n, tree);
                assertTrue(verifyConsistency(m, n, mth(all.subList(0, m)), root, proof), m + " → " + n);
            }
        }
    }

    @Test
    void aChangedHistoryIsNotConsistent() {
        List<byte[]> all = leaves(40, 2);
        List<byte[]> rewritten = new ArrayList<>(all);
        rewritten.set(5, leaves(1, 3).get(0));
        MerkleTree.PerfectSubtrees tree = perfect(rewritten, new AtomicInteger());
        for (int m = 6; m < 40; m += 3) {
            byte[] oldRoot = mth(all.subList(0, m));
            List<byte[]> proof = MerkleTree.consistencyProof(m, 40, tree);
            assertFalse(verifyConsistency(m, 40, oldRoot, MerkleTree.root(40, tree), proof), m + " → 40");
        }
    }

    @Test
    void aProofOfALargeTreeReadsLogarithmicallyManySubtrees() {
        // leaves are never read: every subtree hash is synthetic, and the proof is checked for its size and reads
        long size = (1L << 40) + 12_345;
        AtomicInteger reads = new AtomicInteger();
        MerkleTree.PerfectSubtrees synthetic = (level, index) -> {
            reads.incrementAndGet();
            return MerkleTree.leafHash((level + ":" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
        // a leaf of the left, perfect subtree of 2^40 leaves: 40 siblings there and the right subtree's root
        List<byte[]> path = MerkleTree.inclusionProof(7, size, MerkleTree.memo(synthetic));
        assertEquals(41, path.size());
        assertTrue(reads.get() <= 2 * 41, "reads " + reads.get());
        // leaf 12 338 of the 12 345 on the right: 12 345 = 8 192 + 4 096 + 32 + 16 + 8 + 1, so five splits lead down
        // to the perfect subtree of 8 that holds it (3 more siblings), plus the left subtree's root
        reads.set(0);
        path = MerkleTree.inclusionProof(size - 7, size, MerkleTree.memo(synthetic));
        assertEquals(1 + 5 + 3, path.size());
        assertTrue(reads.get() <= 2 * 41, "reads " + reads.get());
        reads.set(0);
        List<byte[]> proof = MerkleTree.consistencyProof((1L << 39) + 3, size, MerkleTree.memo(synthetic));
        assertTrue(proof.size() <= 2 * 41, "proof of " + proof.size());
        assertTrue(reads.get() <= 3 * 41, "reads " + reads.get());
    }

    @Test
    void proofsOutsideTheTreeAreRefused() {
        MerkleTree.PerfectSubtrees none = (level, index) -> {
            throw new AssertionError("not read");
        };
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(5, 5, none));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.consistencyProof(6, 5, none));
        assertEquals(List.of(), MerkleTree.consistencyProof(0, 5, none));
        assertEquals(List.of(), MerkleTree.consistencyProof(5, 5, none));
    }
}
