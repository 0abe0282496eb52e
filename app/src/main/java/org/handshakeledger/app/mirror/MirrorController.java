package org.handshakeledger.app.mirror;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.app.web.LedgerAuthenticator;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.LedgerResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ledger/mirror}: whether mirror mode is on, what it reads, and how its polls go (last poll, next poll,
 * last error, handshakes seen), for accounts with the role auditor or operator.
 */
@RestController
@LedgerEndpoint
public class MirrorController {
    /** The db-scheduler task that polls. */
    public static final String TASK = "handshake-mirror";

    private final LedgerAuthenticator authenticator;
    private final MirrorSettings settings;
    private final MirrorState state;
    private final ObjectProvider<SchedulerClient> scheduler;

    public MirrorController(LedgerAuthenticator authenticator, MirrorSettings settings, MirrorState state,
                            ObjectProvider<SchedulerClient> scheduler) {
        this.authenticator = authenticator;
        this.settings = settings;
        this.state = state;
        this.scheduler = scheduler;
    }

    @GetMapping("/ledger/mirror")
    public ResponseEntity<byte[]> status(HttpServletRequest http) {
        AuthenticatedCaller caller = authenticator.authenticate(http);
        if (!caller.account().hasRole(DirectoryAccount.AUDITOR) && !caller.account().hasRole(DirectoryAccount.OPERATOR)) {
            throw LedgerException.accessDenied("Only an account with the role '" + DirectoryAccount.AUDITOR + "' or '"
                    + DirectoryAccount.OPERATOR + "' may see the mirror's status.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", settings.enabled());
        body.put("endpoint", settings.endpoint());
        body.put("region", settings.region());
        body.put("interval", settings.interval());
        Optional<MirrorState.PollStatus> polls = state.status(settings.endpoint());
        body.put("organizationId", polls.map(MirrorState.PollStatus::organizationId).orElse(null));
        body.put("accountId", polls.map(MirrorState.PollStatus::accountId).orElse(null));
        body.put("lastPollStartedAt", polls.map(MirrorState.PollStatus::lastPollStartedAt).orElse(null));
        body.put("lastPollEndedAt", polls.map(MirrorState.PollStatus::lastPollEndedAt).orElse(null));
        body.put("lastSuccessAt", polls.map(MirrorState.PollStatus::lastSuccessAt).orElse(null));
        body.put("nextPollAt", settings.enabled() ? nextPoll() : null);
        body.put("lastError", polls.filter(p -> p.lastError() != null)
                .map(p -> Map.of("at", p.lastErrorAt(), "message", p.lastError())).orElse(null));
        body.put("failuresInARow", polls.map(MirrorState.PollStatus::failuresInARow).orElse(0));
        body.put("handshakesListed", polls.map(MirrorState.PollStatus::handshakesListed).orElse(0));
        body.put("handshakesSeen", polls.map(MirrorState.PollStatus::handshakesSeen).orElse(0L));
        body.put("handshakesVanished", polls.map(MirrorState.PollStatus::handshakesVanished).orElse(0L));
        return LedgerResponses.json(HttpStatus.OK, body);
    }

    private Instant nextPoll() {
        SchedulerClient client = scheduler.getIfAvailable();
        return client == null ? null : client.getScheduledExecution(TaskInstanceId.of(TASK, RecurringTask.INSTANCE))
                .map(ScheduledExecution::getExecutionTime).orElse(null);
    }
}
