package org.handshakeledger.app.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the {@code /ledger} endpoints: its failures are answered by {@link LedgerErrorAdvice}, and
 * each of its responses carries a request id (see {@link LedgerRequestHeaders}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LedgerEndpoint {
}
