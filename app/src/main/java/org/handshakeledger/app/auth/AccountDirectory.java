package org.handshakeledger.app.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The directory of accounts and their access keys ({@code --ledger.accounts-file}, or the built-in demo directory).
 * Immutable once loaded; every problem in the file is reported when it is loaded, never on a later request.
 */
public final class AccountDirectory {

    static final String DEMO_RESOURCE = "demo-accounts.yaml";

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    // The pattern and the length limits AWS Organizations uses for account emails.
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final int EMAIL_MIN_LENGTH = 6;
    private static final int EMAIL_MAX_LENGTH = 64;
    // A '/' or a blank would make the SigV4 credential scope ambiguous.
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\w+");
    // What a header value carries unchanged through every client and HTTP stack: HTTP trims the blanks around a
    // value and clients split or fold on others, so a token with a blank or a control character could never match.
    private static final Pattern SESSION_TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<DirectoryAccount> accounts;
    private final Map<String, DirectoryAccount> accountsById;
    private final Map<String, DirectoryAccount> accountsByEmail;
    private final Map<String, AccessKey> accessKeysById;

    private AccountDirectory(List<DirectoryAccount> accounts, List<AccessKey> accessKeys) {
        this.accounts = List.copyOf(accounts);
        Map<String, DirectoryAccount> byId = new LinkedHashMap<>();
        Map<String, DirectoryAccount> byEmail = new LinkedHashMap<>();
        for (DirectoryAccount account : accounts) {
            byId.put(account.id(), account);
            byEmail.put(normalizedEmail(account.email()), account);
        }
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        accessKeys.forEach(key -> keys.put(key.id(), key));
        this.accountsById = Map.copyOf(byId);
        this.accountsByEmail = Map.copyOf(byEmail);
        this.accessKeysById = Map.copyOf(keys);
    }

    /**
     * Loads and validates an accounts file.
     *
     * @throws IllegalArgumentException naming the file and the problem, if the file is missing, unreadable, not
     *                                  YAML of the expected shape, or breaks a rule of the directory
     */
    public static AccountDirectory load(Path yamlFile) {
        String source = yamlFile.toString();
        if (!Files.isRegularFile(yamlFile)) {
            throw invalid(source, "no such file");
        }
        try (InputStream in = Files.newInputStream(yamlFile)) {
            return parse(in, source);
        } catch (IOException e) {
            throw invalid(source, "cannot be read: " + e.getMessage());
        }
    }

    /** The built-in demo directory, the zero-setup path when no accounts file is configured. */
    public static AccountDirectory demo() {
        String source = "classpath:" + DEMO_RESOURCE;
        try (InputStream in = AccountDirectory.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw invalid(source, "resource not found");
            }
            return parse(in, source);
        } catch (IOException e) {
            throw invalid(source, "cannot be read: " + e.getMessage());
        }
    }

    public Optional<DirectoryAccount> account(String accountId) {
        return accountId == null ? Optional.empty() : Optional.ofNullable(accountsById.get(accountId));
    }

    /** Looks an account up by email, ignoring case, the way EMAIL-targeted invitations are matched. */
    public Optional<DirectoryAccount> accountByEmail(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(accountsByEmail.get(normalizedEmail(email)));
    }

    public Optional<AccessKey> accessKey(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(accessKeysById.get(accessKeyId));
    }

    /** All accounts, in the order of the file. */
    public List<DirectoryAccount> accounts() {
        return accounts;
    }

    private static AccountDirectory parse(InputStream in, String source) throws IOException {
        byte[] content = in.readAllBytes();
        if (new String(content, StandardCharsets.UTF_8).isBlank()) {
            throw invalid(source, "file is empty");
        }
        AccountsFile file;
        try {
            file = YAML.readValue(content, AccountsFile.class);
        } catch (JsonProcessingException e) {
            throw invalid(source, "not a valid accounts file: "
                    + e.getOriginalMessage().strip().replaceAll("\\s+", " ") + locationOf(e));
        }
        if (file == null || file.accounts() == null || file.accounts().isEmpty()) {
            throw invalid(source, "no accounts defined (expected a top-level 'accounts' list)");
        }
        return validate(file.accounts(), source);
    }

    private static AccountDirectory validate(List<AccountEntry> entries, String source) {
        List<DirectoryAccount> accounts = new ArrayList<>();
        List<AccessKey> accessKeys = new ArrayList<>();
        Map<String, Integer> seenIds = new LinkedHashMap<>();
        Map<String, Integer> seenEmails = new LinkedHashMap<>();
        Map<String, Integer> seenKeys = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            int number = i + 1;
            AccountEntry entry = entries.get(i);
            if (entry == null) {
                throw invalid(source, "account #" + number + " is empty");
            }
            String where = "account #" + number + (entry.id() == null ? "" : " (id '" + entry.id() + "')");
            if (entry.id() == null || !ACCOUNT_ID.matcher(entry.id()).matches()) {
                throw invalid(source, where + ": id must be exactly 12 digits, e.g. \"111111111111\"");
            }
            Integer firstWithId = seenIds.putIfAbsent(entry.id(), number);
            if (firstWithId != null) {
                throw invalid(source, where + ": duplicate account id, already used by account #" + firstWithId);
            }
            if (entry.name() == null || entry.name().isBlank()) {
                throw invalid(source, where + ": name is missing");
            }
            String email = entry.email();
            if (email == null || email.isBlank()) {
                throw invalid(source, where + ": email is missing");
            }
            if (email.length() < EMAIL_MIN_LENGTH || email.length() > EMAIL_MAX_LENGTH
                    || !EMAIL.matcher(email).matches()) {
                throw invalid(source, where + ": email '" + email + "' is not a valid email address");
            }
            Integer firstWithEmail = seenEmails.putIfAbsent(normalizedEmail(email), number);
            if (firstWithEmail != null) {
                throw invalid(source, where + ": duplicate email '" + email + "', already used by account #"
                        + firstWithEmail);
            }
            List<String> roles = entry.roles() == null ? List.of() : entry.roles();
            for (String role : roles) {
                if (role == null || role.isBlank()) {
                    throw invalid(source, where + ": roles must not contain an empty role");
                }
            }
            List<AccessKeyEntry> keys = entry.accessKeys() == null ? List.of() : entry.accessKeys();
            for (int k = 0; k < keys.size(); k++) {
                AccessKeyEntry key = keys.get(k);
                String keyWhere = where + ", access key #" + (k + 1);
                if (key == null || key.id() == null || key.id().isBlank()) {
                    throw invalid(source, keyWhere + ": id is missing");
                }
                if (!ACCESS_KEY_ID.matcher(key.id()).matches()) {
                    throw invalid(source, keyWhere + ": id '" + key.id()
                            + "' may contain only letters, digits and underscores");
                }
                Integer firstWithKey = seenKeys.putIfAbsent(key.id(), number);
                if (firstWithKey != null) {
                    throw invalid(source, keyWhere + ": duplicate access key id '" + key.id()
                            + "', already used by account #" + firstWithKey);
                }
                if (key.secret() == null || key.secret().isEmpty()) {
                    throw invalid(source, keyWhere + " ('" + key.id() + "'): secret is missing or empty");
                }
                if (key.sessionToken() != null && !SESSION_TOKEN.matcher(key.sessionToken()).matches()) {
                    throw invalid(source, keyWhere + " ('" + key.id() + "'): session-token must be printable ASCII"
                            + " without blanks, and not empty; leave it out for a key used without a session token");
                }
                accessKeys.add(new AccessKey(key.id(), key.secret(), entry.id(), key.sessionToken()));
            }
            accounts.add(new DirectoryAccount(entry.id(), entry.name(), email, roles));
        }
        return new AccountDirectory(accounts, accessKeys);
    }

    private static String normalizedEmail(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static InvalidAccountsFileException invalid(String source, String problem) {
        return new InvalidAccountsFileException("Invalid accounts file " + source + ": " + problem);
    }
}
