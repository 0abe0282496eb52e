package org.handshakeledger.app.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.rebuild.ProjectionStatus;
import org.handshakeledger.app.rebuild.ProjectionStatuses;
import org.handshakeledger.app.rebuild.RebuildInProgressException;
import org.handshakeledger.app.rebuild.RebuildProgress;
import org.handshakeledger.app.rebuild.ViewRebuilds;
import org.handshakeledger.app.rebuild.ViewSwapLock;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.handshakeledger.projections.rebuild.ViewChecksum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of the event processors, for accounts with the role {@value #OPERATOR}:
 * <ul>
 *   <li>{@code GET /ledger/projections}: every processor with its position, the head of the event store, its lag,
 *   whether it is replaying, and the progress of the running or last rebuild of its view;</li>
 *   <li>{@code POST /ledger/projections/{name}/replay}: rebuilds a view from the event store in the background
 *   (202); the old view serves until the rebuilt one is swapped in; 409 while another rebuild runs;</li>
 *   <li>{@code GET /ledger/projections/{name}/checksum}: a SHA-256 digest of the view's content, to compare before
 *   and after a rebuild.</li>
 * </ul>
 */
@RestController
public class ProjectionsController {
    public static final String OPERATOR = "operator";
    private static final Logger log = LoggerFactory.getLogger(ProjectionsController.class);

    private final LedgerAuthenticator authenticator;
    private final ProjectionStatuses statuses;
    private final ViewRebuilds rebuilds;
    private final ViewChecksum checksums;
    private final ViewSwapLock swapLock;
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public ProjectionsController(LedgerAuthenticator authenticator, ProjectionStatuses statuses,
                                 ViewRebuilds rebuilds, ViewChecksum checksums, ViewSwapLock swapLock) {
        this.authenticator = authenticator;
        this.statuses = statuses;
        this.rebuilds = rebuilds;
        this.checksums = checksums;
        this.swapLock = swapLock;
    }

    @GetMapping("/ledger/projections")
    public ResponseEntity<byte[]> list(HttpServletRequest http, HttpServletResponse response) {
        operator(http, response);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", statuses.head());
        body.put("projections", statuses.all());
        return LedgerResponses.json(json, HttpStatus.OK, body);
    }

    @PostMapping("/ledger/projections/{name}/replay")
    public ResponseEntity<byte[]> replay(@PathVariable("name") String name, HttpServletRequest http,
                                         HttpServletResponse response) {
        operator(http, response);
        RebuildProgress started = rebuilds.start(view(name));
        return LedgerResponses.json(json, HttpStatus.ACCEPTED, started);
    }

    @GetMapping("/ledger/projections/{name}/checksum")
    public ResponseEntity<byte[]> checksum(@PathVariable("name") String name, HttpServletRequest http,
                                           HttpServletResponse response) {
        operator(http, response);
        RebuildableView view = view(name);
        ViewChecksum.Digest digest = swapLock.shared(() -> checksums.of(view));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", digest.view());
        body.put("algorithm", "SHA-256");
        body.put("checksum", digest.sha256());
        body.put("rows", digest.rows());
        body.put("lag", statuses.named(name).map(ProjectionStatus::lag).orElse(null));
        return LedgerResponses.json(json, HttpStatus.OK, body);
    }

    @RequestMapping("/ledger/projections/{name}/replay")
    public ResponseEntity<byte[]> replayWithOtherMethod(HttpServletRequest http, HttpServletResponse response) {
        operator(http, response);
        response.setHeader(HttpHeaders.ALLOW, "POST");
        throw new LedgerException(HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowedException",
                http.getMethod() + " is not supported here; a replay is started with POST.");
    }

    @ExceptionHandler(LedgerException.class)
    public ResponseEntity<byte[]> refused(LedgerException e) {
        return LedgerResponses.error(json, e);
    }

    @ExceptionHandler(RebuildInProgressException.class)
    public ResponseEntity<byte[]> busy(RebuildInProgressException e) {
        return LedgerResponses.error(json, HttpStatus.CONFLICT, "RebuildInProgressException", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> failed(Exception e, HttpServletResponse response) {
        String requestId = response.getHeader(LedgerController.REQUEST_ID);
        log.error("Projections request {} failed unexpectedly", requestId, e);
        return LedgerResponses.internalError(json, requestId);
    }

    private void operator(HttpServletRequest http, HttpServletResponse response) {
        response.setHeader(LedgerController.REQUEST_ID, UUID.randomUUID().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        AuthenticatedCaller caller = authenticator.authenticate(http);
        if (!caller.account().hasRole(OPERATOR)) {
            throw LedgerException.accessDenied("Only an account with the role '" + OPERATOR
                    + "' may see or rebuild the projections.");
        }
    }

    private RebuildableView view(String name) {
        return RebuildableView.named(name).orElseThrow(() -> statuses.named(name).isPresent()
                ? new LedgerException(HttpStatus.BAD_REQUEST, "InvalidInputException", name
                        + " is not a view: it passes events on and keeps no state to rebuild.")
                : new LedgerException(HttpStatus.NOT_FOUND, "NotFoundException", "There is no projection '"
                        + name + "'; GET /ledger/projections lists them."));
    }
}
