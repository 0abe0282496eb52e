package org.handshakeledger.app.actor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.handshakeledger.projections.audit.AuditMetadata;

/**
 * Who made the request being handled, from where and when: becomes the metadata of the commands it sends and, by
 * correlation, of every event those commands cause.
 */
public record RequestActor(String accountId, String accessKeyId, String sourceIp, String userAgent,
                           String requestId, Instant requestTime, String operation, String requestParameters) {
    /** Name of the servlet request attribute that holds the actor while the request is handled. */
    public static final String ATTRIBUTE = RequestActor.class.getName();

    public Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(AuditMetadata.ACTOR_TYPE, AuditMetadata.ACCOUNT);
        metadata.put(AuditMetadata.ACCOUNT_ID, accountId);
        metadata.put(AuditMetadata.ACCESS_KEY_ID, accessKeyId);
        metadata.put(AuditMetadata.SOURCE_IP, sourceIp);
        if (userAgent != null) {
            metadata.put(AuditMetadata.USER_AGENT, userAgent);
        }
        metadata.put(AuditMetadata.REQUEST_ID, requestId);
        metadata.put(AuditMetadata.REQUEST_TIME, requestTime.toString());
        metadata.put(AuditMetadata.OPERATION, operation);
        metadata.put(AuditMetadata.REQUEST_PARAMETERS, requestParameters);
        return metadata;
    }
}
