package org.handshakeledger.app.console;

import org.springframework.http.HttpStatus;

/** A console page that cannot be shown, with the status and the sentence the error page shows for it. */
class ConsoleProblem extends RuntimeException {
    private final HttpStatus status;

    ConsoleProblem(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    static ConsoleProblem notFound(String message) {
        return new ConsoleProblem(HttpStatus.NOT_FOUND, message);
    }

    static ConsoleProblem badInput(String message) {
        return new ConsoleProblem(HttpStatus.BAD_REQUEST, message);
    }

    HttpStatus status() {
        return status;
    }
}
