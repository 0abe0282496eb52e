package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus}, as a Prometheus server reads it: samples by name and labels. */
final class PrometheusScrape {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One line: a metric name, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusScrape of(LedgerHttp http) {
        RawSignedRequests.Response response = http.unsigned("GET", "/actuator/prometheus");
        assertThat(response.status()).as("GET /actuator/prometheus").isEqualTo(200);
        return parse(response.body());
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int open = line.indexOf('{');
            int close = line.lastIndexOf('}');
            String value = line.substring(line.lastIndexOf(' ') + 1);
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            if (open < 0) {
                name = line.substring(0, line.indexOf(' '));
            } else {
                name = line.substring(0, open);
                Matcher label = LABEL.matcher(line.substring(open + 1, close));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(value)));
        }
        return new PrometheusScrape(samples);
    }

    /** The samples of the metric whose labels include {@code labels}. */
    List<Sample> samples(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The sum of those samples; 0 when there is none (a counter not yet incremented has no series). */
    double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The value of the one sample of the metric with exactly these labels among others. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples(name, labels);
        assertThat(matching).as("samples of %s%s", name, labels).hasSize(1);
        return matching.get(0).value();
    }
}
