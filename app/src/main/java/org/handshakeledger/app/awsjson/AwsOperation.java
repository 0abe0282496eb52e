package org.handshakeledger.app.awsjson;

/** One AWS Organizations operation: parses its request body, does the work, returns the response record. */
public interface AwsOperation {
    /** The operation name as it appears after the target prefix, e.g. {@code AcceptHandshake}. */
    String name();

    Object handle(byte[] body, AwsRequest request);

    /** Whether the operation changes the ledger; a refused call of such an operation goes into the audit trail. */
    default boolean changesState() {
        return false;
    }
}
