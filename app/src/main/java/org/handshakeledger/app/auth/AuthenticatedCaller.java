package org.handshakeledger.app.auth;

/**
 * The caller behind a request whose SigV4 signature checked out.
 *
 * @param account     the directory account the access key belongs to
 * @param accessKeyId the access key that signed the request
 * @param region      the region of the credential scope, exactly as the client signed it (any value is accepted)
 */
public record AuthenticatedCaller(DirectoryAccount account, String accessKeyId, String region) {

    public String accountId() {
        return account.id();
    }
}
