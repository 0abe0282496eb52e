package org.handshakeledger.app.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudTrailFilesTest {
    private static final String RECORD = "{\"eventVersion\":\"1.08\",\"eventID\":\"%s\"}";

    @TempDir
    Path dir;

    @Test
    void readsCloudTrailsRecordsArrayAlsoGzipped() throws IOException {
        Path log = dir.resolve("a.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(log))) {
            out.write(("{\"Records\": [" + RECORD.formatted("e-1") + "," + RECORD.formatted("e-2") + "]}")
                    .getBytes(StandardCharsets.UTF_8));
        }

        assertThat(eventIds(log)).containsExactly("e-1", "e-2");
    }

    @Test
    void readsTheLedgersExportOneRecordPerLine() throws IOException {
        Path export = Files.writeString(dir.resolve("export.jsonl"),
                RECORD.formatted("e-1") + "\n" + RECORD.formatted("e-2") + "\n" + RECORD.formatted("e-3") + "\n");

        assertThat(eventIds(export)).containsExactly("e-1", "e-2", "e-3");
    }

    @Test
    void aFileThatBreaksOffHasHandedOnTheRecordsBeforeTheFault() throws IOException {
        Path export = Files.writeString(dir.resolve("cut.jsonl"),
                RECORD.formatted("e-1") + "\n" + RECORD.formatted("e-2") + "\n{\"eventVersion\": \"1.0");
        List<String> read = new ArrayList<>();

        assertThatThrownBy(() -> CloudTrailFiles.forEachRecord(export, r -> read.add(r.get("eventID").asText())))
                .isInstanceOfSatisfying(CloudTrailFiles.UnreadableFileException.class, e -> {
                    assertThat(e.getMessage()).startsWith("not valid JSON");
                    assertThat(e.recordsBefore()).isEqualTo(2);
                });
        assertThat(read).containsExactly("e-1", "e-2");
    }

    @Test
    void aFileOfAnotherShapeIsNotRead() throws IOException {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"Items\": []}");

        assertThatThrownBy(() -> CloudTrailFiles.forEachRecord(other, r -> { }))
                .isInstanceOf(CloudTrailFiles.UnreadableFileException.class)
                .hasMessageContaining("no \"Records\" array");
    }

    private static List<String> eventIds(Path file) {
        List<String> ids = new ArrayList<>();
        long handed = CloudTrailFiles.forEachRecord(file, (JsonNode r) -> ids.add(r.get("eventID").asText()));
        assertThat(handed).isEqualTo(ids.size());
        return ids;
    }
}
