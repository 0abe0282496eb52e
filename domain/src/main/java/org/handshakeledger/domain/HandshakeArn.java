package org.handshakeledger.domain;

/**
 * What a handshake's ARN says, {@code arn:aws:organizations::<management account>:handshake/<organization>/<action>/
 * <handshake id>}: read from handshakes AWS answered (the mirror's lists, CloudTrail's records), so it may be absent
 * or of another shape, and then says nothing.
 */
public final class HandshakeArn {
    private static final String HANDSHAKE = ":handshake/";

    private HandshakeArn() {
    }

    /** The organization segment of the path, or null. */
    public static String organizationId(String arn) {
        if (arn == null || !arn.contains(HANDSHAKE)) {
            return null;
        }
        String[] path = arn.substring(arn.indexOf(HANDSHAKE) + HANDSHAKE.length()).split("/");
        return path[0].isEmpty() ? null : path[0];
    }

    /** The account field, the management account of the originating organization, or null. */
    public static String managementAccountId(String arn) {
        if (arn == null) {
            return null;
        }
        String[] fields = arn.split(":", 6);
        return fields.length == 6 && !fields[4].isEmpty() ? fields[4] : null;
    }
}
