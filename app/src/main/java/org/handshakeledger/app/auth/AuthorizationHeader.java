package org.handshakeledger.app.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a SigV4 {@code Authorization} header, which looks like {@code AWS4-HMAC-SHA256
 * Credential=AKID/20250314/eu-west-3/organizations/aws4_request, SignedHeaders=host;x-amz-date, Signature=...}.
 */
record AuthorizationHeader(
        String accessKeyId,
        String date,
        String region,
        String service,
        List<String> signedHeaders,
        String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String TERMINATOR = "aws4_request";
    private static final Pattern SCOPE_DATE = Pattern.compile("\\d{8}");
    private static final List<String> PARAMETERS = List.of("Credential", "SignedHeaders", "Signature");

    AuthorizationHeader {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** @throws AuthenticationFailedException IncompleteSignatureException if the header is not well-formed */
    static AuthorizationHeader parse(String value) {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            throw AuthenticationFailedException.incompleteSignature(
                    "Unsupported AWS 'algorithm': '" + algorithm + "'. Expected '" + ALGORITHM + "'.");
        }
        Map<String, String> parameters = parameters(space < 0 ? "" : trimmed.substring(space + 1));
        String credential = parameters.get("Credential");
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !SCOPE_DATE.matcher(scope[1]).matches()
                || scope[2].isEmpty() || scope[3].isEmpty() || !TERMINATOR.equals(scope[4])) {
            throw AuthenticationFailedException.incompleteSignature("Authorization header's 'Credential' parameter '"
                    + credential + "' is malformed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3],
                signedHeaders(parameters.get("SignedHeaders")), parameters.get("Signature"));
    }

    private static Map<String, String> parameters(String list) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String part : list.split(",")) {
            String parameter = part.strip();
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? "" : parameter.substring(0, equals);
            if (!PARAMETERS.contains(name)) {
                continue;
            }
            if (parameters.put(name, parameter.substring(equals + 1).strip()) != null) {
                throw AuthenticationFailedException.incompleteSignature(
                        "Authorization header has a duplicate '" + name + "' parameter.");
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String name : PARAMETERS) {
            String parameterValue = parameters.get(name);
            if (parameterValue == null || parameterValue.isEmpty()) {
                missing.append(missing.isEmpty() ? "" : " ")
                        .append("Authorization header requires '").append(name).append("' parameter.");
            }
        }
        if (!missing.isEmpty()) {
            throw AuthenticationFailedException.incompleteSignature(missing.toString());
        }
        return parameters;
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(";", -1)) {
            if (name.isBlank()) {
                throw AuthenticationFailedException.incompleteSignature(
                        "Authorization header's 'SignedHeaders' parameter '" + value + "' has an empty header name.");
            }
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
