package org.handshakeledger.app.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.handshakeledger.app.auditor.HandshakeAsOf;
import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.wire.HandshakeResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.handshakeledger.projections.handshake.HandshakeView;

/**
 * A handshake at one moment, as a page shows it: described (with the very JSON DescribeHandshake answered then),
 * not created yet, or deleted by the retention (with how it was last described).
 */
record AsOfCard(String kind, Instant at, HandshakeView view, Instant createdAt, Instant deletedAt, String json) {
    static final String DESCRIBED = "described";
    static final String NOT_YET_CREATED = "not-yet-created";
    static final String DELETED = "deleted";

    private static final ObjectMapper PRETTY = new ObjectMapper();

    static AsOfCard of(HandshakeAsOf asOf, Instant at, AwsJson awsJson) {
        if (asOf instanceof HandshakeAsOf.Described described) {
            return new AsOfCard(DESCRIBED, at, described.view(), null, null,
                    describeHandshake(described.view(), awsJson));
        }
        if (asOf instanceof HandshakeAsOf.Deleted deleted) {
            return new AsOfCard(DELETED, at, deleted.lastDescribed(), null, deleted.deletedAt(),
                    describeHandshake(deleted.lastDescribed(), awsJson));
        }
        HandshakeAsOf.NotYetCreated notYet = (HandshakeAsOf.NotYetCreated) asOf;
        return new AsOfCard(NOT_YET_CREATED, at, null, notYet.createdAt(), null, null);
    }

    private static String describeHandshake(HandshakeView view, AwsJson awsJson) {
        try {
            byte[] wire = awsJson.write(new HandshakeResponse(HandshakeShape.of(view)));
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(wire));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
