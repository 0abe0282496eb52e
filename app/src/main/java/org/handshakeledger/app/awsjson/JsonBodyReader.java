package org.handshakeledger.app.awsjson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a request body into a JSON tree, or refuses it with a {@code SerializationException} whose message the
 * ledger wrote: never the parser's own text, which names its classes and settings. The body must be strict UTF-8
 * (no other encoding is guessed), strict JSON, one object, nested at most {@value #MAX_DEPTH} levels, with numbers of
 * at most {@value #MAX_NUMBER_LENGTH} characters, every member named once and every string valid Unicode (no unpaired
 * surrogate escape, which no store and no JSON writer can take).
 */
final class JsonBodyReader {
    static final String SERIALIZATION_EXCEPTION = "SerializationException";
    /** Far above any Organizations input (three levels: request, Tags, Tag), far below what a stack can take. */
    static final int MAX_DEPTH = 32;
    /** No valid member holds a number longer than 10 digits; longer ones are never turned into numbers. */
    static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // the parser's own limits sit above the body limit, so that only the checks here, with their messages, refuse
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(RequestBodies.MAX_BYTES)
                    .maxNameLength(RequestBodies.MAX_BYTES)
                    .maxStringLength(RequestBodies.MAX_BYTES)
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .build())
            .build();

    private JsonBodyReader() {
    }

    /** The body's one JSON object; an empty body, or one of only whitespace, counts as {@code {}}. */
    static ObjectNode read(byte[] body) {
        String text = utf8(body);
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NODES.objectNode();
            }
            if (first != JsonToken.START_OBJECT) {
                // a scalar or an array is read to the end first, so that broken JSON is reported as such
                value(parser, first, "", 1);
                requireEnd(parser);
                throw refused("The request body must be a JSON object.");
            }
            ObjectNode root = (ObjectNode) value(parser, first, "", 1);
            requireEnd(parser);
            return root;
        } catch (JsonEOFException e) {
            throw refused("The request body ends before its JSON is complete" + at(e.getLocation()) + ".");
        } catch (StreamReadException e) {
            throw refused("The request body is not valid JSON" + at(e.getLocation()) + ".");
        } catch (IOException e) {
            throw refused("The request body could not be read as JSON.");
        }
    }

    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw refused("The request body is not valid UTF-8: the byte at offset " + in.position()
                    + " does not begin a valid UTF-8 sequence.");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static JsonNode value(JsonParser parser, JsonToken token, String path, int depth) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser, path, depth);
            case START_ARRAY -> array(parser, path, depth);
            case VALUE_STRING -> NODES.textNode(validUnicode(parser.getText(), parser, path));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, token);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw refused("The request body is not valid JSON" + at(parser.currentLocation()) + ".");
        };
    }

    private static ObjectNode object(JsonParser parser, String path, int depth) throws IOException {
        requireDepth(depth);
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            String name = validUnicode(parser.currentName(), parser, path);
            String member = path.isEmpty() ? name : path + "." + name;
            if (object.has(name)) {
                throw refused("The request body names the member " + shortened(member) + " more than once.");
            }
            object.set(name, value(parser, parser.nextToken(), member, depth + 1));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser, String path, int depth) throws IOException {
        requireDepth(depth);
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(parser, token, path + "[" + array.size() + "]", depth + 1));
        }
        return array;
    }

    private static JsonNode number(JsonParser parser, JsonToken token) throws IOException {
        if (parser.getTextLength() > MAX_NUMBER_LENGTH) {
            throw refused("The request body holds a number longer than " + MAX_NUMBER_LENGTH + " characters"
                    + at(parser.currentTokenLocation()) + ".");
        }
        // no member takes a fraction: a float only has to be recognised as one, whatever its size (1e400 is Infinity)
        return token == JsonToken.VALUE_NUMBER_INT
                ? NODES.numberNode(parser.getBigIntegerValue())
                : NODES.numberNode(parser.getDoubleValue());
    }

    private static void requireDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw refused("The request body is nested too deeply: at most " + MAX_DEPTH
                    + " levels of objects and arrays are allowed.");
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw refused("The request body holds more than one JSON value" + at(parser.currentTokenLocation())
                    + ".");
        }
    }

    private static String validUnicode(String text, JsonParser parser, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw refused("The request body is not valid Unicode: a string" + in(path)
                        + " holds an unpaired surrogate escape" + at(parser.currentTokenLocation()) + ".");
            }
        }
        return text;
    }

    private static String in(String path) {
        return path.isEmpty() ? "" : " in " + shortened(path);
    }

    /**
     * Member paths are the client's own text: long ones are cut and control characters replaced, so that a message
     * stays a short line that any store can keep.
     */
    static String shortened(String path) {
        String cut = path.codePointCount(0, path.length()) <= 100 ? path
                : path.substring(0, path.offsetByCodePoints(0, 100)) + "...";
        StringBuilder printable = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return printable.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static AwsProtocolException refused(String message) {
        return new AwsProtocolException(SERIALIZATION_EXCEPTION, message);
    }
}
