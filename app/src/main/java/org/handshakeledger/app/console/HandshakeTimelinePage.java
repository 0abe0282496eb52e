package org.handshakeledger.app.console;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.handshakeledger.app.auditor.AuditTrailAccess;
import org.handshakeledger.app.auditor.PointInTimeReads;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.ConsoleUser;
import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.projections.audit.AuditRecord;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One handshake: its timeline (every audit record the account may see: state changes with who, from where and
 * which request; refused attempts; what the ledger did by itself), the handshake as it is now, and as it was at a
 * chosen moment (the {@code asOf} read of {@link PointInTimeReads}). The timeline grows while the page is open.
 */
@Controller
class HandshakeTimelinePage {
    /** More records than any handshake's history has, short of a caller hammering it with refused calls. */
    static final int MAX_RECORDS = 1000;

    private final ConsoleCallers callers;
    private final AuditTrailAccess trail;
    private final PointInTimeReads pointInTime;
    private final ConsoleStreams streams;
    private final AwsJson awsJson;
    private final Clock clock;

    HandshakeTimelinePage(ConsoleCallers callers, AuditTrailAccess trail, PointInTimeReads pointInTime,
                          ConsoleStreams streams, AwsJson awsJson, Clock clock) {
        this.callers = callers;
        this.trail = trail;
        this.pointInTime = pointInTime;
        this.streams = streams;
        this.awsJson = awsJson;
        this.clock = clock;
    }

    @GetMapping("/console/handshakes/{id}")
    String handshake(@AuthenticationPrincipal ConsoleUser user, @PathVariable("id") String id,
                     @RequestParam(name = "at", required = false) String at, Model model) {
        AuthenticatedCaller caller = callers.of(user);
        live(caller, id, model);
        model.addAttribute("at", at == null ? "" : at.trim());
        if (at != null && !at.isBlank()) {
            Instant moment = instant(at);
            model.addAttribute("asOf", AsOfCard.of(pointInTime.handshake(caller, id, moment), moment, awsJson));
        }
        return "console/handshake";
    }

    /** The part of the page that changes as the handshake does: its state now and its timeline. */
    @GetMapping("/console/handshakes/{id}/live")
    String liveFragment(@AuthenticationPrincipal ConsoleUser user, @PathVariable("id") String id, Model model) {
        live(callers.of(user), id, model);
        return "console/handshake :: live";
    }

    /** The handshake as it was at {@code at}. */
    @GetMapping("/console/handshakes/{id}/as-of")
    String asOfFragment(@AuthenticationPrincipal ConsoleUser user, @PathVariable("id") String id,
                        @RequestParam("at") String at, Model model) {
        AuthenticatedCaller caller = callers.of(user);
        model.addAttribute("id", requireId(id));
        model.addAttribute("at", at.trim());
        Instant moment = instant(at);
        model.addAttribute("asOf", AsOfCard.of(pointInTime.handshake(caller, id, moment), moment, awsJson));
        return "console/handshake :: as-of";
    }

    /** The sequence number of the newest record the account may see, sent whenever it changes. */
    @GetMapping(path = "/console/handshakes/{id}/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter changes(@AuthenticationPrincipal ConsoleUser user, @PathVariable("id") String id,
                       HttpSession session) {
        AuthenticatedCaller caller = callers.of(user);
        pointInTime.eventTimes(caller, requireId(id));
        long[] newest = {0};
        return streams.watch("changed", session, () -> {
            List<AuditRecord> records = trail.handshakeRecords(caller, id, newest[0], MAX_RECORDS);
            if (!records.isEmpty()) {
                newest[0] = records.get(records.size() - 1).seq();
            }
            return newest[0];
        });
    }

    private void live(AuthenticatedCaller caller, String id, Model model) {
        requireId(id);
        // the point-in-time read decides who may see the handshake (404 otherwise, as for an unknown id)
        Instant now = clock.instant();
        AsOfCard current = AsOfCard.of(pointInTime.handshake(caller, id, now), now, awsJson);
        List<TimelineEntry> timeline = trail.handshakeRecords(caller, id, 0, MAX_RECORDS).stream()
                .map(TimelineEntry::of).toList();
        model.addAttribute("id", id);
        model.addAttribute("now", current);
        model.addAttribute("timeline", timeline);
        model.addAttribute("timelineCut", timeline.size() == MAX_RECORDS);
    }

    private static String requireId(String id) {
        if (!HandshakeId.isValid(id)) {
            throw ConsoleProblem.badInput("'" + id + "' is not a handshake id: one looks like "
                    + "h-0123456789abcdef0123456789abcdef.");
        }
        return id;
    }

    private static Instant instant(String at) {
        try {
            return Instant.parse(at.trim());
        } catch (DateTimeParseException e) {
            throw ConsoleProblem.badInput("'" + at + "' is not a moment in time: write it as an ISO-8601 instant "
                    + "such as 2026-03-03T12:00:00Z.");
        }
    }
}
