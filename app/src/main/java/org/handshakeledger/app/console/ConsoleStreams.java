package org.handshakeledger.app.console;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live parts of console pages, as Server-Sent Events: each stream watches one piece of state (a handshake's
 * newest audit record, the projections' progress), looks at it once a second on one shared thread, and sends it
 * to the page whenever it changed. A page's script then updates itself; a closed page ends its stream, and so does
 * the end of the session it was opened in (sign-out or timeout).
 */
@Component
class ConsoleStreams {
    static final Duration TICK = Duration.ofSeconds(1);
    /** A browser reconnects an ended stream by itself; a bound keeps forgotten tabs from holding on forever. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(ConsoleStreams.class);

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "console-streams");
        thread.setDaemon(true);
        return thread;
    });

    ConsoleStreams() {
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A stream of {@code state}, sent as events named {@code name} at once and then whenever it changes, for as long
     * as {@code session} is valid.
     */
    SseEmitter watch(String name, HttpSession session, Supplier<Object> state) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Stream stream = new Stream(name, session, state, emitter);
        emitter.onCompletion(() -> open.remove(stream));
        emitter.onTimeout(() -> open.remove(stream));
        emitter.onError(error -> open.remove(stream));
        open.add(stream);
        ticker.execute(() -> stream.sendIfChanged());
        return emitter;
    }

    int openStreams() {
        return open.size();
    }

    private void tick() {
        for (Stream stream : open) {
            stream.sendIfChanged();
        }
    }

    /** Ends the streams before the web server's graceful shutdown would wait for them. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        ticker.shutdownNow();
        open.forEach(stream -> stream.emitter.complete());
        open.clear();
    }

    private final class Stream {
        private final String name;
        private final HttpSession session;
        private final Supplier<Object> state;
        private final SseEmitter emitter;
        private Object sent;

        private Stream(String name, HttpSession session, Supplier<Object> state, SseEmitter emitter) {
            this.name = name;
            this.session = session;
            this.state = state;
            this.emitter = emitter;
        }

        private synchronized void sendIfChanged() {
            try {
                // throws IllegalStateException once the session was invalidated: the stream ends with it
                session.getLastAccessedTime();
                Object now = state.get();
                if (Objects.equals(now, sent)) {
                    return;
                }
                emitter.send(SseEmitter.event().name(name).data(now));
                sent = now;
            } catch (IOException | IllegalStateException e) {
                // the page was closed, the stream or the session ended: nothing to tell
                open.remove(this);
                emitter.complete();
            } catch (RuntimeException e) {
                log.warn("A console stream ({}) could not read its state; it ends", name, e);
                open.remove(this);
                emitter.completeWithError(e);
            }
        }
    }
}
