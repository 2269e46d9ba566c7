package org.lienthong.hub.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Merkle tree of RFC 6962 / RFC 9162 §2.1 over a log of leaves, and the proofs of §2.1.3 (inclusion) and §2.1.4
 * (consistency), computed from the hashes of perfect subtrees ({@link PerfectSubtrees}): the subtree of level {@code j}
 * and index {@code i} holds leaves {@code [i·2^j, (i+1)·2^j)}. Those are what a log stores; any other range is on the
 * tree's right edge and is hashed here from at most one perfect subtree per level. A proof reads each subtree once
 * ({@link #memo}), so it costs O(log n) reads.
 *
 * <p>
 * Leaf hash {@code SHA-256(0x00 || data)}, interior {@code SHA-256(0x01 || left || right)}, the empty tree
 * {@code SHA-256()}. Written here because the JDK and the libraries this project builds from have no RFC 6962 code
 * (Trillian and transparency-dev are Go); every step follows the RFC's definitions, named below.
 */
public final class MerkleTree {

    /** The stored hashes of perfect subtrees. */
    @FunctionalInterface
    public interface PerfectSubtrees {
        /** MTH of leaves {@code [index·2^level, (index+1)·2^level)}, all of which exist. */
        byte[] hash(int level, long index);
    }

    private MerkleTree() {
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest d = sha256();
        d.update((byte) 0x00);
        return d.digest(data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 0x01);
        d.update(left);
        return d.digest(right);
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** MTH(D[n]): the root of the first {@code size} leaves. */
    public static byte[] root(long size, PerfectSubtrees tree) {
        return size == 0 ? emptyRoot() : range(0, size, tree);
    }

    /** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf {@code index} in the tree of {@code size}. */
    public static List<byte[]> inclusionProof(long index, long size, PerfectSubtrees tree) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, tree, path);
        return path;
    }

    /** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of {@code from} leaves is a prefix of that of {@code to}. */
    public static List<byte[]> consistencyProof(long from, long to, PerfectSubtrees tree) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(from, 0, to, true, tree, proof);
        }
        return proof;
    }

    /** A reader that asks {@code tree} for each perfect subtree once. */
    public static PerfectSubtrees memo(PerfectSubtrees tree) {
        Map<Long, byte[]> seen = new HashMap<>();
        return (level, index) -> seen.computeIfAbsent((index << 6) | level, k -> tree.hash(level, index));
    }

    // PATH(m, D[start:end]) with m relative to start
    private static void path(long m, long start, long end, PerfectSubtrees tree, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, tree, out);
            out.add(range(start + k, end, tree));
        } else {
            path(m - k, start + k, end, tree, out);
            out.add(range(start, start + k, tree));
        }
    }

    // SUBPROOF(m, D[start:end], b)
    private static void subproof(long m, long start, long end, boolean b, PerfectSubtrees tree, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!b) {
                out.add(range(start, end, tree));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, b, tree, out);
            out.add(range(start + k, end, tree));
        } else {
            subproof(m - k, start + k, end, false, tree, out);
            out.add(range(start, start + k, tree));
        }
    }

    /** MTH(D[start:end]) for a range that is a perfect subtree or reaches the tree's right edge. */
    static byte[] range(long start, long end, PerfectSubtrees tree) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return tree.hash(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(range(start, start + k, tree), range(start + k, end, tree));
    }

    /** The largest power of two smaller than {@code n} (n ≥ 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
