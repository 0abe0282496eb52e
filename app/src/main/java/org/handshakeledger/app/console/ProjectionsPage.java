package org.handshakeledger.app.console;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.handshakeledger.app.auth.ConsoleUser;
import org.handshakeledger.app.operator.ProjectionStatuses;
import org.handshakeledger.app.operator.RebuildInProgressException;
import org.handshakeledger.app.operator.ViewRebuilds;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For operators (the security configuration admits no one else under {@code /console/projections}): every event
 * processor with its position, lag and the progress of its view's rebuild, updated live, and a rebuild started
 * from a confirmation page, exactly as {@code POST /ledger/projections/{name}/replay} starts it.
 */
@Controller
class ProjectionsPage {
    private static final Logger log = LoggerFactory.getLogger(ProjectionsPage.class);

    private final ProjectionStatuses statuses;
    private final ViewRebuilds rebuilds;
    private final ConsoleStreams streams;

    ProjectionsPage(ProjectionStatuses statuses, ViewRebuilds rebuilds, ConsoleStreams streams) {
        this.statuses = statuses;
        this.rebuilds = rebuilds;
        this.streams = streams;
    }

    @GetMapping("/console/projections")
    String projections(Model model) {
        model.addAttribute("head", statuses.head());
        model.addAttribute("projections", statuses.all());
        return "console/projections";
    }

    @GetMapping(path = "/console/projections/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(HttpSession session) {
        return streams.watch("projections", session, () -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("head", statuses.head());
            state.put("projections", statuses.all());
            return state;
        });
    }

    @GetMapping("/console/projections/{name}/rebuild")
    String confirmRebuild(@PathVariable("name") String name, Model model) {
        model.addAttribute("view", view(name).processingGroup());
        model.addAttribute("status", statuses.named(name).orElse(null));
        return "console/rebuild";
    }

    @PostMapping("/console/projections/{name}/rebuild")
    String rebuild(@AuthenticationPrincipal ConsoleUser user, @PathVariable("name") String name,
                   RedirectAttributes redirect) {
        RebuildableView view = view(name);
        try {
            rebuilds.start(view);
            log.info("Rebuild of {} started from the console by account {}", name, user.accountId());
            redirect.addFlashAttribute("notice", "The rebuild of " + name + " has started.");
        } catch (RebuildInProgressException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/projections";
    }

    private RebuildableView view(String name) {
        return RebuildableView.named(name).orElseThrow(() -> ConsoleProblem.notFound(statuses.named(name).isPresent()
                ? name + " is not a view: it passes events on and keeps no state to rebuild."
                : "There is no projection '" + name + "'."));
    }
}
