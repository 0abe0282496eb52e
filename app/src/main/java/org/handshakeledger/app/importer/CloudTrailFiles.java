package org.handshakeledger.app.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The CloudTrail log files under a path, and the records in each. A file is {@code *.json} or {@code *.json.gz}:
 * either one object {@code {"Records": [...]}}, as CloudTrail writes them to S3 (under
 * {@code AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/}), or one record per line, as the ledger's own
 * {@code GET /ledger/audit?format=cloudtrail} exports them.
 */
final class CloudTrailFiles {
    /** JSON numbers are kept as they were written, so that a record is exported again unchanged. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CloudTrailFiles() {
    }

    /**
     * {@code path} itself when it is a file, else the log files under it, at any depth, in path order.
     *
     * @throws IllegalArgumentException when {@code path} does not exist or holds no log file
     */
    static List<Path> under(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("ledger.import.cloudtrail names " + path.toAbsolutePath().normalize()
                    + ", which does not exist");
        }
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            List<Path> logs = files.filter(Files::isRegularFile).filter(CloudTrailFiles::isLogFile).sorted().toList();
            if (logs.isEmpty()) {
                throw new IllegalArgumentException("ledger.import.cloudtrail names the directory "
                        + path.toAbsolutePath().normalize() + ", which holds no CloudTrail log file (*.json or "
                        + "*.json.gz)");
            }
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Hands the records of one file to {@code sink}, in their order, as they are read: a file of CloudTrail's is a few
     * megabytes, but an export of the ledger's own can hold a year of records, more than fits in memory.
     *
     * @return how many records were handed on
     * @throws UnreadableFileException saying why, when the file is not JSON or not CloudTrail's shape; the records
     *                                 before the fault have been handed on
     */
    static long forEachRecord(Path file, Consumer<JsonNode> sink) {
        long handed = 0;
        try (InputStream in = open(file);
             MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(in)) {
            boolean first = true;
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                if (first && value.has("Records")) {
                    if (!value.get("Records").isArray()) {
                        throw new UnreadableFileException("\"Records\" is not an array", handed);
                    }
                    for (JsonNode record : value.get("Records")) {
                        sink.accept(record);
                        handed++;
                    }
                } else if (value.isObject() && value.has("eventVersion")) {
                    sink.accept(value);
                    handed++;
                } else {
                    throw new UnreadableFileException("no \"Records\" array, and not one CloudTrail record per line",
                            handed);
                }
                first = false;
            }
            return handed;
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException("not valid JSON: " + e.getOriginalMessage(), handed);
        } catch (IOException e) {
            throw new UnreadableFileException(e.getMessage() == null ? e.toString() : e.getMessage(), handed);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException json) {
                throw new UnreadableFileException("not valid JSON: " + json.getOriginalMessage(), handed);
            }
            throw e;
        }
    }

    private static boolean isLogFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".json.gz");
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** A file that could not be read as CloudTrail records; the message says why, and after how many records. */
    static final class UnreadableFileException extends RuntimeException {
        private final long recordsBefore;

        UnreadableFileException(String reason, long recordsBefore) {
            super(reason);
            this.recordsBefore = recordsBefore;
        }

        long recordsBefore() {
            return recordsBefore;
        }
    }
}
