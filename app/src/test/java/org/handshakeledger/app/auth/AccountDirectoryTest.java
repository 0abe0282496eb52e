package org.handshakeledger.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountDirectoryTest {

    private static final String TWO_ACCOUNTS = """
            accounts:
              - id: "111111111111"
                name: Management
                email: mgmt@example.com
                roles: [auditor]
                access-keys:
                  - id: AKIAMGMT0000000000001
                    secret: mgmt-secret-0001
                  - id: AKIAMGMT0000000000002
                    secret: mgmt-secret-0002
              - id: "222222222222"
                name: Member
                email: Member@Example.com
            """;

    @TempDir
    Path dir;

    @Nested
    class Load {

        @Test
        void readsAccountsRolesAndAccessKeysInFileOrder() throws IOException {
            // given
            Path file = write(TWO_ACCOUNTS);

            // when
            AccountDirectory directory = AccountDirectory.load(file);

            // then
            assertThat(directory.accounts()).containsExactly(
                    new DirectoryAccount("111111111111", "Management", "mgmt@example.com", List.of("auditor")),
                    new DirectoryAccount("222222222222", "Member", "Member@Example.com", List.of()));
            assertThat(directory.accessKey("AKIAMGMT0000000000002"))
                    .contains(new AccessKey("AKIAMGMT0000000000002", "mgmt-secret-0002", "111111111111"));
            assertThat(directory.account("111111111111").orElseThrow().hasRole("auditor")).isTrue();
            assertThat(directory.account("222222222222").orElseThrow().hasRole("auditor")).isFalse();
        }

        @Test
        void findsAccountsByEmailIgnoringCase() throws IOException {
            // given
            AccountDirectory directory = AccountDirectory.load(write(TWO_ACCOUNTS));

            // when / then
            assertThat(directory.accountByEmail("member@example.COM")).map(DirectoryAccount::id)
                    .contains("222222222222");
            assertThat(directory.accountByEmail("MGMT@example.com")).map(DirectoryAccount::id)
                    .contains("111111111111");
            assertThat(directory.accountByEmail("nobody@example.com")).isEmpty();
        }

        @Test
        void answersEmptyForUnknownIdsAndKeys() throws IOException {
            // given
            AccountDirectory directory = AccountDirectory.load(write(TWO_ACCOUNTS));

            // when / then
            assertThat(directory.account("999999999999")).isEmpty();
            assertThat(directory.account(null)).isEmpty();
            assertThat(directory.accessKey("AKIAUNKNOWN000000000")).isEmpty();
            assertThat(directory.accessKey(null)).isEmpty();
            assertThat(directory.accountByEmail(null)).isEmpty();
        }

        @Test
        void acceptsAnAccountWithoutAccessKeys() throws IOException {
            // given
            Path file = write("""
                    accounts:
                      - id: "333333333333"
                        name: Invitee only
                        email: invitee@example.com
                    """);

            // when
            AccountDirectory directory = AccountDirectory.load(file);

            // then
            assertThat(directory.accounts()).extracting(DirectoryAccount::id).containsExactly("333333333333");
        }

        @Test
        void keepsUnquotedIdsAndSecretsAsWritten() throws IOException {
            // given
            Path file = write("""
                    accounts:
                      - id: 012345678901
                        name: Leading zero
                        email: zero@example.com
                        access-keys:
                          - id: AKIAZERO000000000001
                            secret: 0001
                    """);

            // when
            AccountDirectory directory = AccountDirectory.load(file);

            // then
            assertThat(directory.account("012345678901")).isPresent();
            assertThat(directory.accessKey("AKIAZERO000000000001")).map(AccessKey::secret).contains("0001");
        }

        @Test
        void neverPrintsSecretsInToString() throws IOException {
            // given
            AccountDirectory directory = AccountDirectory.load(write(TWO_ACCOUNTS));

            // when
            String printed = directory.accessKey("AKIAMGMT0000000000001").orElseThrow().toString();

            // then
            assertThat(printed).contains("AKIAMGMT0000000000001").doesNotContain("mgmt-secret-0001");
        }

        @Test
        void readsASessionTokenOfAnAccessKey() throws IOException {
            // given
            Path file = write(TWO_ACCOUNTS.replace("        secret: mgmt-secret-0002\n",
                    "        secret: mgmt-secret-0002\n        session-token: IQoJb3JpZ2luX2VjEJr//////////wEaCXVz\n"));

            // when
            AccountDirectory directory = AccountDirectory.load(file);

            // then
            assertThat(directory.accessKey("AKIAMGMT0000000000002")).contains(new AccessKey("AKIAMGMT0000000000002",
                    "mgmt-secret-0002", "111111111111", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVz"));
            assertThat(directory.accessKey("AKIAMGMT0000000000001").orElseThrow().hasSessionToken()).isFalse();
        }

        @Test
        void neverPrintsASessionTokenInToString() {
            // given
            AccessKey key = new AccessKey("ASIATEMP000000000001", "temp-secret", "111111111111", "token-0001");

            // when
            String printed = key.toString();

            // then
            assertThat(printed).contains("ASIATEMP000000000001", "sessionToken=****")
                    .doesNotContain("temp-secret", "token-0001");
        }
    }

    @Nested
    class Demo {

        @Test
        void holdsTheSevenDemoAccounts() {
            // when
            AccountDirectory demo = AccountDirectory.demo();

            // then
            assertThat(demo.accounts()).containsExactly(
                    new DirectoryAccount("111111111111", "Management", "mgmt@example.com", List.of()),
                    new DirectoryAccount("222222222222", "Alice", "a@example.com", List.of()),
                    new DirectoryAccount("333333333333", "Bob", "b@example.com", List.of()),
                    new DirectoryAccount("444444444444", "Carol", "c@example.com", List.of()),
                    new DirectoryAccount("555555555555", "Xavier", "x@example.com", List.of()),
                    new DirectoryAccount("666666666666", "Yvonne", "y@example.com", List.of()),
                    new DirectoryAccount("777777777777", "Auditor", "auditor@example.com",
                            List.of("auditor", "operator")));
        }

        @Test
        void givesEveryAccountOneKeyNamedAfterIt() {
            // given
            AccountDirectory demo = AccountDirectory.demo();

            // when / then
            for (DirectoryAccount account : demo.accounts()) {
                String keyId = "AKIADEMO" + account.id();
                assertThat(keyId).hasSize(20);
                assertThat(demo.accessKey(keyId))
                        .contains(new AccessKey(keyId, "demo-secret-" + account.id(), account.id()));
            }
        }

        @Test
        void givesAliceASecondKeyWithASessionToken() {
            // when
            AccessKey key = AccountDirectory.demo().accessKey("ASIADEMO222222222222").orElseThrow();

            // then
            assertThat(key).isEqualTo(new AccessKey("ASIADEMO222222222222", "demo-session-secret-222222222222",
                    "222222222222", "demo-session-token-222222222222"));
        }
    }

    @Nested
    class RejectsFile {

        @Test
        void thatDoesNotExist() {
            // given
            Path missing = dir.resolve("nope.yaml");

            // when / then
            assertThatThrownBy(() -> AccountDirectory.load(missing))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid accounts file " + missing + ": no such file");
        }

        @Test
        void thatIsADirectory() {
            // when / then
            assertThatThrownBy(() -> AccountDirectory.load(dir))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid accounts file " + dir + ": no such file");
        }

        @Test
        void thatIsEmpty() throws IOException {
            assertRejected("\n", "file is empty");
        }

        @Test
        void thatIsNotYaml() throws IOException {
            assertRejected("accounts: [ {id: \"111111111111\"\n  name: : :\n", "not a valid accounts file");
        }

        @Test
        void withoutAccountsList() throws IOException {
            assertRejected("accounts:\n", "no accounts defined");
        }

        @Test
        void withAMisspelledField() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("access-keys", "access-key"),
                    "not a valid accounts file: Unrecognized field \"access-key\"");
        }

        @Test
        void withAnAccountIdThatIsNotTwelveDigits() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("\"222222222222\"", "\"22222222222x\""),
                    "account #2 (id '22222222222x'): id must be exactly 12 digits");
        }

        @Test
        void withAnAccountIdThatIsTooShort() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("\"222222222222\"", "\"2222\""),
                    "account #2 (id '2222'): id must be exactly 12 digits");
        }

        @Test
        void withoutAnAccountId() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("  - id: \"222222222222\"\n    name: Member",
                    "  - name: Member"), "account #2: id must be exactly 12 digits");
        }

        @Test
        void withADuplicateAccountId() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("\"222222222222\"", "\"111111111111\""),
                    "account #2 (id '111111111111'): duplicate account id, already used by account #1");
        }

        @Test
        void withoutAName() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("    name: Member\n", ""),
                    "account #2 (id '222222222222'): name is missing");
        }

        @Test
        void withoutAnEmail() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("    email: Member@Example.com\n", ""),
                    "account #2 (id '222222222222'): email is missing");
        }

        @Test
        void withAnInvalidEmail() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("Member@Example.com", "member.example.com"),
                    "account #2 (id '222222222222'): email 'member.example.com' is not a valid email address");
        }

        @Test
        void withAnEmailUsedTwiceInAnyCase() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("Member@Example.com", "MGMT@example.com"),
                    "account #2 (id '222222222222'): duplicate email 'MGMT@example.com', already used by account #1");
        }

        @Test
        void withADuplicateAccessKeyId() throws IOException {
            assertRejected(TWO_ACCOUNTS + """
                        access-keys:
                          - id: AKIAMGMT0000000000001
                            secret: other
                    """, "account #2 (id '222222222222'), access key #1: duplicate access key id"
                    + " 'AKIAMGMT0000000000001', already used by account #1");
        }

        @Test
        void withAnEmptySecret() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("secret: mgmt-secret-0002", "secret: \"\""),
                    "account #1 (id '111111111111'), access key #2 ('AKIAMGMT0000000000002'): secret is missing or"
                            + " empty");
        }

        @Test
        void withAMissingSecret() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("        secret: mgmt-secret-0002\n", ""),
                    "access key #2 ('AKIAMGMT0000000000002'): secret is missing or empty");
        }

        @Test
        void withAnAccessKeyIdThatCannotAppearInACredentialScope() throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("AKIAMGMT0000000000002", "AKIA/MGMT"),
                    "access key #2: id 'AKIA/MGMT' may contain only letters, digits and underscores");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"\"", "\" token\"", "\"tok en\"", "\"token\\t\"", "\"tök\""})
        void withASessionTokenThatNoHeaderCanCarry(String token) throws IOException {
            assertRejected(TWO_ACCOUNTS.replace("        secret: mgmt-secret-0002\n",
                    "        secret: mgmt-secret-0002\n        session-token: " + token + "\n"),
                    "account #1 (id '111111111111'), access key #2 ('AKIAMGMT0000000000002'): session-token must be"
                            + " printable ASCII without blanks, and not empty");
        }

        private void assertRejected(String yaml, String problem) throws IOException {
            // given
            Path file = write(yaml);

            // when / then
            assertThatThrownBy(() -> AccountDirectory.load(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid accounts file " + file + ": ")
                    .hasMessageContaining(problem);
        }
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), yaml);
    }
}
