package org.lienthong.hub.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the change feed: the (transaction id, sequence) of the last change delivered. Opaque to clients:
 * {@code c1.} followed by base64url of {@code txid:seq}.
 */
public record ChangeCursor(long txid, long seq) {

    public static final ChangeCursor START = new ChangeCursor(0, 0);

    private static final String PREFIX = "c1.";
    private static final Pattern BODY = Pattern.compile("(\\d{1,19}):(\\d{1,19})");

    public String encode() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString((txid + ":" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor, or {@code null} when the text is not one this hub issued. */
    public static ChangeCursor decode(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > 64) {
            return null;
        }
        try {
            String body = new String(Base64.getUrlDecoder().decode(text.substring(PREFIX.length())),
                    StandardCharsets.US_ASCII);
            Matcher m = BODY.matcher(body);
            if (!m.matches()) {
                return null;
            }
            long txid = Long.parseLong(m.group(1));
            long seq = Long.parseLong(m.group(2));
            return txid < 0 || seq < 0 ? null : new ChangeCursor(txid, seq);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
