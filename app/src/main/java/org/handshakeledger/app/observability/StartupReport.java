package org.handshakeledger.app.observability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.core.metrics.StartupStep;

/**
 * Where the start-up went, logged once when the application is ready, e.g. {@code Start-up split: JVM 0.9 s,
 * context 2.1 s, JPA 2.3 s, Axon 0.6 s, web server 0.4 s; ready 6.3 s after the JVM started}. The parts are taken
 * from Spring's own start-up steps: the time spent creating each bean, without the beans it created on the way, is
 * counted for JPA (the data source, Flyway, Hibernate and the repositories) or Axon by the bean's type, and the
 * embedded web server's creation for the web server; the context is everything else from {@code main} to ready. The
 * benchmark's start-up phase reads this line.
 */
public final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
    static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    /** Bean creations and the few steps around them of one start-up: a few thousand. */
    private static final int CAPACITY = 20_000;

    private final BufferingApplicationStartup steps;

    private StartupReport(BufferingApplicationStartup steps) {
        this.steps = steps;
    }

    /** Installs the recorder; call before {@code SpringApplication.run}. */
    public static StartupReport install(org.springframework.boot.SpringApplication application) {
        BufferingApplicationStartup steps = new BufferingApplicationStartup(CAPACITY);
        application.setApplicationStartup(steps);
        StartupReport report = new StartupReport(steps);
        application.addListeners(report);
        return report;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Instant ready = Instant.now();
        StartupTimeline timeline = steps.drainBufferedTimeline();
        // no more steps are kept once the start-up is over
        steps.addFilter(step -> false);
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
        // off the thread that is about to declare the application ready: looking up thousands of bean types takes a
        // few hundred milliseconds
        Thread report = new Thread(() -> {
            log.info("Start-up split: {}", Split.of(jvmStart, timeline.getStartTime(), ready, timeline.getEvents(),
                    name -> typeOf(beans, name)));
            if (log.isDebugEnabled()) {
                log.debug("Slowest beans to create (without the beans they created): {}",
                        Split.slowestBeans(timeline.getEvents(), 15));
            }
        }, "startup-report");
        report.setDaemon(true);
        report.start();
    }

    private static String typeOf(ConfigurableListableBeanFactory beans, String name) {
        try {
            Class<?> type = beans.getType(name, false);
            return type == null ? "" : type.getName();
        } catch (BeansException e) {
            return "";
        }
    }

    /** The parts of one start-up, in seconds. */
    record Split(Duration jvm, Duration context, Duration jpa, Duration axon, Duration webServer, Duration ready) {
        private static final Predicate<String> JPA = type -> type.startsWith("org.hibernate.")
                || type.startsWith("org.springframework.orm.") || type.startsWith("org.springframework.data.")
                || type.startsWith("org.flywaydb.") || type.startsWith("com.zaxxer.hikari.")
                || type.startsWith("org.springframework.boot.autoconfigure.flyway.");
        private static final Predicate<String> AXON = type -> type.startsWith("org.axonframework.");

        static Split of(Instant jvmStart, Instant mainStart, Instant ready, List<StartupTimeline.TimelineEvent> events,
                        Function<String, String> typeOfBean) {
            Map<Long, Duration> childTime = childTime(events);
            Duration jpa = Duration.ZERO;
            Duration axon = Duration.ZERO;
            Duration web = Duration.ZERO;
            for (StartupTimeline.TimelineEvent event : events) {
                StartupStep step = event.getStartupStep();
                Duration self = selfTime(event, childTime);
                if (step.getName().equals("spring.boot.webserver.create")) {
                    web = web.plus(event.getDuration());
                } else if (step.getName().equals("spring.beans.instantiate")) {
                    String type = typeOfBean.apply(beanName(step));
                    if (JPA.test(type)) {
                        jpa = jpa.plus(self);
                    } else if (AXON.test(type)) {
                        axon = axon.plus(self);
                    }
                }
            }
            Duration total = Duration.between(mainStart, ready);
            Duration context = total.minus(jpa).minus(axon).minus(web);
            return new Split(Duration.between(jvmStart, mainStart), context, jpa, axon, web,
                    Duration.between(jvmStart, ready));
        }

        /** The beans that took longest to create, each without the beans it created on the way. */
        static String slowestBeans(List<StartupTimeline.TimelineEvent> events, int count) {
            Map<Long, Duration> childTime = childTime(events);
            return events.stream().filter(event -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
                    .sorted(Comparator.comparing((StartupTimeline.TimelineEvent event) -> selfTime(event, childTime))
                            .reversed())
                    .limit(count)
                    .map(event -> String.format(Locale.ROOT, "%s %d ms", beanName(event.getStartupStep()),
                            selfTime(event, childTime).toMillis()))
                    .collect(Collectors.joining(", "));
        }

        private static Map<Long, Duration> childTime(List<StartupTimeline.TimelineEvent> events) {
            Map<Long, Duration> childTime = new HashMap<>();
            for (StartupTimeline.TimelineEvent event : events) {
                Long parent = event.getStartupStep().getParentId();
                if (parent != null) {
                    childTime.merge(parent, event.getDuration(), Duration::plus);
                }
            }
            return childTime;
        }

        private static Duration selfTime(StartupTimeline.TimelineEvent event, Map<Long, Duration> childTime) {
            return event.getDuration().minus(childTime.getOrDefault(event.getStartupStep().getId(), Duration.ZERO));
        }

        private static String beanName(StartupStep step) {
            for (StartupStep.Tag tag : step.getTags()) {
                if (tag.getKey().equals("beanName")) {
                    return tag.getValue();
                }
            }
            return "";
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "JVM %.1f s, context %.1f s, JPA %.1f s, Axon %.1f s, web server %.1f s;"
                            + " ready %.1f s after the JVM started", seconds(jvm), seconds(context), seconds(jpa),
                    seconds(axon), seconds(webServer), seconds(ready));
        }

        private static double seconds(Duration duration) {
            return duration.toNanos() / 1e9;
        }
    }
}
