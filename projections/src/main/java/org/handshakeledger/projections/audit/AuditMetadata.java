package org.handshakeledger.projections.audit;

import java.util.List;

/**
 * The message metadata keys that say who caused an event: set on every command the AWS endpoint sends, copied onto
 * every event by correlation, and read by the audit trail. Deadline-driven events carry {@link #ACTOR_TYPE}
 * {@link #LEDGER} instead of an account; calls imported from CloudTrail logs carry {@link #CLOUDTRAIL} and the caller
 * that CloudTrail logged.
 */
public final class AuditMetadata {
    public static final String ACTOR_TYPE = "actorType";
    public static final String ACCOUNT_ID = "accountId";
    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String SOURCE_IP = "sourceIp";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID = "requestId";
    public static final String REQUEST_TIME = "requestTime";
    public static final String OPERATION = "operation";
    public static final String REQUEST_PARAMETERS = "requestParameters";

    /** The actor type of a request made with an account's access key. */
    public static final String ACCOUNT = "ACCOUNT";
    /** The actor type of what the ledger does by itself: expiry and deletion deadlines. */
    public static final String LEDGER = "LEDGER";
    /**
     * The actor type of what the mirror saw happen to a handshake upstream: who did it is not known, only the
     * account whose credentials read it ({@link #ACCOUNT_ID}, {@link #ACCESS_KEY_ID}).
     */
    public static final String OBSERVED = "OBSERVED";
    /** The actor type of a call imported from a CloudTrail log: the caller is the one CloudTrail logged. */
    public static final String CLOUDTRAIL = "CLOUDTRAIL";

    public static final List<String> KEYS = List.of(ACTOR_TYPE, ACCOUNT_ID, ACCESS_KEY_ID, SOURCE_IP, USER_AGENT,
            REQUEST_ID, REQUEST_TIME, OPERATION, REQUEST_PARAMETERS);

    private AuditMetadata() {
    }
}
