package org.handshakeledger.app.web;

import org.springframework.http.HttpStatus;

/**
 * Why a {@code /ledger} request was refused: its HTTP status and the {@code __type} of the error body. Several
 * reasons may share a type (a malformed parameter and an oversized body are both {@code InvalidInputException}, as
 * AWS would say); the reason keeps them apart in the code.
 */
public enum LedgerError {
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "InvalidInputException"),
    BODY_NOT_EXPECTED(HttpStatus.PAYLOAD_TOO_LARGE, "InvalidInputException"),
    ACCESS_DENIED(HttpStatus.FORBIDDEN, "AccessDeniedException"),
    HANDSHAKE_NOT_FOUND(HttpStatus.NOT_FOUND, "HandshakeNotFoundException"),
    ORGANIZATION_NOT_FOUND(HttpStatus.NOT_FOUND, "OrganizationNotFoundException"),
    NO_SUCH_ENDPOINT(HttpStatus.NOT_FOUND, "NotFoundException"),
    NO_SUCH_PROJECTION(HttpStatus.NOT_FOUND, "NotFoundException"),
    NOT_A_VIEW(HttpStatus.BAD_REQUEST, "InvalidInputException"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowedException"),
    REBUILD_IN_PROGRESS(HttpStatus.CONFLICT, "RebuildInProgressException"),
    BACKUP_NOT_SUPPORTED(HttpStatus.CONFLICT, "BackupNotSupportedException"),
    BACKUP_FAILED(HttpStatus.INTERNAL_SERVER_ERROR, "BackupFailedException"),
    TOO_MANY_STREAMS(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequestsException"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "ServiceException");

    private final HttpStatus status;
    private final String type;

    LedgerError(HttpStatus status, String type) {
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    /** The {@code __type} member of the error body. */
    public String type() {
        return type;
    }
}
