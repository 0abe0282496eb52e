package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.DuplicateHandshakeException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeResource;
import software.amazon.awssdk.services.organizations.model.HandshakeResourceType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.InviteAccountToOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.Tag;

/** InviteAccountToOrganization against spec §9 cases 9–29, through the AWS SDK for Java v2. */
class InviteAccountToOrganizationIT extends AbstractLedgerIT {
    private static final String HANDSHAKE_ID = "^h-[0-9a-z]{8,32}$";

    @Test
    void invitationToAnAccountIsAnOpenInviteHandshakeWithTheDocumentedArn() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        Handshake handshake = invite(m, a);

        // then
        assertThat(handshake.action()).isEqualTo(ActionType.INVITE);
        assertThat(handshake.state()).isEqualTo(HandshakeState.OPEN);
        assertThat(handshake.id()).matches(HANDSHAKE_ID);
        assertThat(handshake.arn())
                .isEqualTo("arn:aws:organizations::" + m + ":handshake/" + organization + "/invite/" + handshake.id());
    }

    @Test
    void invitationExpiresExactlyFifteenDaysAfterItWasRequested() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        Handshake handshake = invite(m, LedgerActors.next());

        // then
        assertThat(Duration.between(handshake.requestedTimestamp(), handshake.expirationTimestamp()))
                .isEqualTo(Duration.ofSeconds(1_296_000));
    }

    @Test
    void invitationNamesTheOrganizationFirstAndDescribesItsManagementAccount() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        Handshake handshake = invite(m, a);

        // then
        assertThat(handshake.parties()).extracting(p -> p.id(), p -> p.type())
                .containsExactly(tuple(organization, HandshakePartyType.ORGANIZATION),
                        tuple(a, HandshakePartyType.ACCOUNT));
        assertThat(handshake.resources()).extracting(HandshakeResource::type, HandshakeResource::value)
                .containsExactly(tuple(HandshakeResourceType.ORGANIZATION, organization),
                        tuple(HandshakeResourceType.ACCOUNT, a));
        assertThat(handshake.resources().get(0).resources())
                .extracting(HandshakeResource::type, HandshakeResource::value)
                .containsExactly(tuple(HandshakeResourceType.MASTER_EMAIL, LedgerActors.email(m)),
                        tuple(HandshakeResourceType.MASTER_NAME, LedgerActors.name(m)),
                        tuple(HandshakeResourceType.ORGANIZATION_FEATURE_SET, "CONSOLIDATED_BILLING"));
        assertThat(handshake.resources().get(1).hasResources()).isFalse();
    }

    @Test
    void invitationByEmailCarriesTheAddressAndTheNotes() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        Handshake handshake = client(m).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.email(a)).type(HandshakePartyType.EMAIL))
                .notes("hi")).handshake();

        // then
        assertThat(handshake.parties()).extracting(p -> p.id(), p -> p.type())
                .containsExactly(tuple(organization, HandshakePartyType.ORGANIZATION),
                        tuple(LedgerActors.email(a), HandshakePartyType.EMAIL));
        assertThat(handshake.resources()).extracting(HandshakeResource::type, HandshakeResource::value)
                .containsExactly(tuple(HandshakeResourceType.ORGANIZATION, organization),
                        tuple(HandshakeResourceType.EMAIL, LedgerActors.email(a)),
                        tuple(HandshakeResourceType.NOTES, "hi"));
    }

    @Test
    void invitationWithoutNotesOrWithEmptyNotesHasNoNotesResource() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        String withoutNotes = LedgerActors.next();
        String withEmptyNotes = LedgerActors.next();

        // when
        Handshake first = invite(m, withoutNotes);
        Handshake second = client(m).inviteAccountToOrganization(r -> r
                .target(t -> t.id(withEmptyNotes).type(HandshakePartyType.ACCOUNT)).notes("")).handshake();

        // then
        assertThat(first.resources()).extracting(HandshakeResource::type)
                .containsExactly(HandshakeResourceType.ORGANIZATION, HandshakeResourceType.ACCOUNT);
        assertThat(second.resources()).extracting(HandshakeResource::type)
                .containsExactly(HandshakeResourceType.ORGANIZATION, HandshakeResourceType.ACCOUNT);
    }

    @Test
    void tagsOfAnInvitationAreNotPartOfTheHandshake() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        Handshake handshake = client(m).inviteAccountToOrganization(r -> r
                .target(t -> t.id(a).type(HandshakePartyType.ACCOUNT)).tags(tag("env", "dev"))).handshake();

        // then
        assertThat(handshake.resources()).extracting(HandshakeResource::type, HandshakeResource::value)
                .containsExactly(tuple(HandshakeResourceType.ORGANIZATION, handshake.parties().get(0).id()),
                        tuple(HandshakeResourceType.ACCOUNT, a));
    }

    @Test
    void accountWhoseEmailWasInvitedSeesTheInvitationInItsList() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = client(m).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.email(a)).type(HandshakePartyType.EMAIL))
                .notes("hi")).handshake();

        // when
        List<Handshake> received = client(a).listHandshakesForAccount(r -> { }).handshakes();

        // then
        assertThat(received).containsExactly(invitation);
    }

    @Test
    void describingTheInvitationReturnsWhatTheInviteReturned() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = invite(m, LedgerActors.next());

        // when
        Handshake described = client(m).describeHandshake(r -> r.handshakeId(invitation.id())).handshake();

        // then
        assertThat(described).isEqualTo(invitation);
    }

    @Test
    void memberMayNotInvite() {
        // given
        String m = LedgerActors.next();
        String c = LedgerActors.next();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        AccessDeniedException denied = catchThrowableOfType(
                () -> invite(c, LedgerActors.next()), AccessDeniedException.class);

        // then
        assertThat(denied).isNotNull();
        assertThat(denied.statusCode()).isEqualTo(400);
    }

    @Test
    void standaloneAccountMayNotInvite() {
        // given
        String a = LedgerActors.next();

        // when
        AwsOrganizationsNotInUseException notInUse = catchThrowableOfType(
                () -> invite(a, LedgerActors.next()), AwsOrganizationsNotInUseException.class);

        // then
        assertThat(notInUse).isNotNull();
        assertThat(notInUse.awsErrorDetails().errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
    }

    @Test
    void secondInvitationWhileTheFirstIsOpenIsADuplicate() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        invite(m, a);

        // when
        DuplicateHandshakeException duplicate = catchThrowableOfType(
                () -> invite(m, a), DuplicateHandshakeException.class);

        // then
        assertThat(duplicate).isNotNull();
        assertThat(openInvitationsOf(m)).hasSize(1);
    }

    @Test
    void invitationByEmailOfAnAccountAlreadyInvitedByIdIsADuplicate() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        invite(m, a);

        // when
        DuplicateHandshakeException duplicate = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id(LedgerActors.email(a)).type(HandshakePartyType.EMAIL))),
                DuplicateHandshakeException.class);

        // then
        assertThat(duplicate).isNotNull();
    }

    @Test
    void invitationByIdOfAnAccountAlreadyInvitedByEmailIsADuplicate() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        client(m).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.email(a)).type(HandshakePartyType.EMAIL)));

        // when
        DuplicateHandshakeException duplicate = catchThrowableOfType(
                () -> invite(m, a), DuplicateHandshakeException.class);

        // then
        assertThat(duplicate).isNotNull();
    }

    @Test
    void accountCanBeInvitedAgainOnceTheEarlierInvitationWasCanceled() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake first = invite(m, a);
        client(m).cancelHandshake(r -> r.handshakeId(first.id()));

        // when
        Handshake second = invite(m, a);

        // then
        assertThat(second.state()).isEqualTo(HandshakeState.OPEN);
        assertThat(second.id()).matches(HANDSHAKE_ID).isNotEqualTo(first.id());
    }

    @Test
    void organizationIsNotAnInvitationTarget() {
        // given
        String m = LedgerActors.next();
        String other = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        String otherOrganization = createOrganization(other, OrganizationFeatureSet.ALL);

        // when
        InvalidInputException invalid = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id(otherOrganization).type(HandshakePartyType.ORGANIZATION))),
                InvalidInputException.class);

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_PARTY_TYPE_TARGET");
    }

    @Test
    void accountTargetMustBeTwelveDigits() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        InvalidInputException invalid = catchThrowableOfType(
                () -> invite(m, "12345"), InvalidInputException.class);

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_PATTERN");
    }

    @Test
    void emailTargetMustBeAnEmailAddress() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        InvalidInputException invalid = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id("not-an-email").type(HandshakePartyType.EMAIL))),
                InvalidInputException.class);

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_EMAIL_ADDRESS_TARGET");
    }

    @Test
    void targetTypeOutsideTheEnumIsInvalidEnum() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when: the Java SDK sends an unknown enum string as it is
        InvalidInputException invalid = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id(LedgerActors.next()).type("FOO"))),
                InvalidInputException.class);

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_ENUM");
    }

    @Test
    void notesLongerThan1024CharactersAreRefusedAnd1024AreAccepted() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        String longest = "n".repeat(1024);

        // when
        InvalidInputException tooLong = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id(LedgerActors.next()).type(HandshakePartyType.ACCOUNT))
                        .notes(longest + "n")),
                InvalidInputException.class);
        Handshake accepted = client(m).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.next()).type(HandshakePartyType.ACCOUNT))
                .notes(longest)).handshake();

        // then
        assertThat(tooLong.reasonAsString()).isEqualTo("MAX_LENGTH_EXCEEDED");
        assertThat(accepted.resources()).extracting(HandshakeResource::type, HandshakeResource::value)
                .contains(tuple(HandshakeResourceType.NOTES, longest));
    }

    @Test
    void duplicateTagKeysAreRefusedAndNoHandshakeIsCreated() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        InvalidInputException invalid = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id(LedgerActors.next()).type(HandshakePartyType.ACCOUNT))
                        .tags(tag("k", "v"), tag("k", "w"))),
                InvalidInputException.class);

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("DUPLICATE_TAG_KEY");
        assertThat(client(m).listHandshakesForOrganization(r -> { }).handshakes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInvitations")
    void invalidTargetOrTagIsRefusedWithTheReasonOfTheValidationOrder(
            String description, Consumer<InviteAccountToOrganizationRequest.Builder> request, String reason) {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        InvalidInputException invalid = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(request), InvalidInputException.class);

        // then
        assertThat(invalid).as(description).isNotNull();
        assertThat(invalid.reasonAsString()).isEqualTo(reason);
        assertThat(client(m).listHandshakesForOrganization(r -> { }).handshakes()).isEmpty();
    }

    static Stream<Arguments> invalidInvitations() {
        String account = "123456789012";
        return Stream.of(
                invalid("Target without Id", r -> r.target(t -> t.type(HandshakePartyType.ACCOUNT)), "INPUT_REQUIRED"),
                invalid("Target without Type", r -> r.target(t -> t.id(account)), "INPUT_REQUIRED"),
                invalid("Target.Id longer than 64", r -> r.target(t -> t.id("a".repeat(53) + "@example.com")
                        .type(HandshakePartyType.EMAIL)), "MAX_LENGTH_EXCEEDED"),
                invalid("empty Target.Id", r -> r.target(t -> t.id("").type(HandshakePartyType.ACCOUNT)),
                        "MIN_LENGTH_EXCEEDED"),
                invalid("tag key longer than 128", r -> r.target(t -> t.id(account).type(HandshakePartyType.ACCOUNT))
                        .tags(tag("k".repeat(129), "v")), "MAX_LENGTH_EXCEEDED"),
                invalid("empty tag key", r -> r.target(t -> t.id(account).type(HandshakePartyType.ACCOUNT))
                        .tags(tag("", "v")), "MIN_LENGTH_EXCEEDED"),
                invalid("tag value longer than 256", r -> r.target(t -> t.id(account).type(HandshakePartyType.ACCOUNT))
                        .tags(tag("k", "v".repeat(257))), "MAX_LENGTH_EXCEEDED"),
                invalid("tag key in the aws: namespace", r -> r
                        .target(t -> t.id(account).type(HandshakePartyType.ACCOUNT))
                        .tags(tag("aws:owner", "v")), "INVALID_SYSTEM_TAGS_PARAMETER"));
    }

    @Test
    void moreThanFiftyTagsAreAConstraintViolation() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        List<Tag> tags = IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList();

        // when
        ConstraintViolationException violation = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id(LedgerActors.next()).type(HandshakePartyType.ACCOUNT)).tags(tags)),
                ConstraintViolationException.class);

        // then
        assertThat(violation.reasonAsString()).isEqualTo("MAX_TAG_LIMIT_EXCEEDED");
    }

    @Test
    void invitationWithoutTargetIsInputRequired() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when: the Java SDK does not check required members, so it sends {"Notes":"no target"}
        InvalidInputException invalid = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r.notes("no target")), InvalidInputException.class);

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INPUT_REQUIRED");
    }

    @Test
    void memberOfTheOrganizationCannotBeInvitedAgain() {
        // given
        String m = LedgerActors.next();
        String c = LedgerActors.next();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        HandshakeConstraintViolationException byId = catchThrowableOfType(
                () -> invite(m, c), HandshakeConstraintViolationException.class);
        HandshakeConstraintViolationException byEmail = catchThrowableOfType(
                () -> client(m).inviteAccountToOrganization(r -> r
                        .target(t -> t.id(LedgerActors.email(c)).type(HandshakePartyType.EMAIL))),
                HandshakeConstraintViolationException.class);

        // then
        assertThat(byId.reasonAsString()).isEqualTo("ALREADY_IN_AN_ORGANIZATION");
        assertThat(byEmail.reasonAsString()).isEqualTo("ALREADY_IN_AN_ORGANIZATION");
    }

    @Test
    void managementAccountCannotInviteItself() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        HandshakeConstraintViolationException violation = catchThrowableOfType(
                () -> invite(m, m), HandshakeConstraintViolationException.class);

        // then
        assertThat(violation.reasonAsString()).isEqualTo("ALREADY_IN_AN_ORGANIZATION");
    }

    @Test
    void thirtyTwoConcurrentInvitationsIntoOneOrganizationAllSucceedAndEachTakesOneSlot() throws Exception {
        // given: quota 100, only the management account so far
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        OrganizationsClient management = client(m);
        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Handshake>> outcomes = new ArrayList<>();

        // when: 32 invitations at once, then as many more one by one as the quota should still allow
        try {
            for (int i = 0; i < 32; i++) {
                String target = syntheticAccount(6, i);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return management.inviteAccountToOrganization(r -> r
                            .target(t -> t.id(target).type(HandshakePartyType.ACCOUNT))).handshake();
                }));
            }
            start.countDown();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        List<Handshake> racing = new ArrayList<>();
        for (Future<Handshake> outcome : outcomes) {
            racing.add(outcome.get());
        }
        for (int i = 0; i < 100 - 1 - 32; i++) {
            invite(m, syntheticAccount(7, i));
        }
        HandshakeConstraintViolationException full = catchThrowableOfType(HandshakeConstraintViolationException.class,
                () -> invite(m, syntheticAccount(8, 0)));

        // then: every racing invitation succeeded, and each one took exactly one of the 99 slots
        assertThat(racing).hasSize(32).allSatisfy(h -> assertThat(h.state()).isEqualTo(HandshakeState.OPEN));
        assertThat(racing).extracting(Handshake::id).doesNotHaveDuplicates();
        assertThat(full).isNotNull();
        assertThat(full.reasonAsString()).isEqualTo("ACCOUNT_NUMBER_LIMIT_EXCEEDED");
        assertThat(openInvitationsOf(m)).hasSize(99)
                .extracting(Handshake::id).containsAll(racing.stream().map(Handshake::id).toList());
    }

    @Test
    void concurrentInvitationsNeverOvershootTheAccountQuota() throws Exception {
        // given: quota 100, management + 94 open invitations, so 5 slots are left
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        OrganizationsClient management = client(m);
        for (int i = 0; i < 94; i++) {
            invite(m, syntheticAccount(1, i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> outcomes = new ArrayList<>();

        // when
        try {
            for (int i = 0; i < 20; i++) {
                String target = syntheticAccount(2, i);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    try {
                        return management.inviteAccountToOrganization(r -> r
                                .target(t -> t.id(target).type(HandshakePartyType.ACCOUNT))).handshake();
                    } catch (AwsServiceException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        // then
        List<Object> results = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            results.add(outcome.get());
        }
        assertThat(results).filteredOn(Handshake.class::isInstance).hasSize(5)
                .allSatisfy(h -> assertThat(((Handshake) h).state()).isEqualTo(HandshakeState.OPEN));
        assertThat(results).filteredOn(r -> !(r instanceof Handshake)).hasSize(15)
                .allSatisfy(e -> {
                    assertThat(e).isInstanceOf(HandshakeConstraintViolationException.class);
                    assertThat(((HandshakeConstraintViolationException) e).statusCode()).isEqualTo(400);
                    assertThat(((HandshakeConstraintViolationException) e).reasonAsString())
                            .isEqualTo("ACCOUNT_NUMBER_LIMIT_EXCEEDED");
                });
        assertThat(openInvitationsOf(m)).hasSize(99);
    }

    /** spec §9 cases 27 and 28, with quotas of 3 accounts and 20 invitations a day. */
    @Nested
    class WithSmallQuotas extends AbstractSmallQuotasIT {
        @Test
        void openInvitationTakesTheLastAccountSlotUntilItIsCanceled() {
            // given: management + member + one open invitation = 3 accounts
            String m = LedgerActors.next();
            String c = LedgerActors.next();
            String a = LedgerActors.next();
            String b = LedgerActors.next();
            organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
            Handshake toA = invite(m, a);

            // when
            HandshakeConstraintViolationException full = catchThrowableOfType(
                    () -> invite(m, b), HandshakeConstraintViolationException.class);
            client(m).cancelHandshake(r -> r.handshakeId(toA.id()));
            Handshake toB = invite(m, b);

            // then
            assertThat(full.reasonAsString()).isEqualTo("ACCOUNT_NUMBER_LIMIT_EXCEEDED");
            assertThat(full.awsErrorDetails().errorMessage()).isNotBlank();
            assertThat(toB.state()).isEqualTo(HandshakeState.OPEN);
        }

        @Test
        void declinedInvitationGivesItsAccountSlotBack() {
            // given
            String m = LedgerActors.next();
            String c = LedgerActors.next();
            String a = LedgerActors.next();
            organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
            Handshake toA = invite(m, a);
            client(a).declineHandshake(r -> r.handshakeId(toA.id()));

            // when
            Handshake toB = invite(m, LedgerActors.next());

            // then
            assertThat(toB.state()).isEqualTo(HandshakeState.OPEN);
        }

        @Test
        void twentyFirstInvitationAttemptOfTheDayIsRefusedEvenWhenTheAttemptsWereCanceled() {
            // given: 20 attempts, each canceled, so the account quota never stands in the way
            String m = LedgerActors.next();
            createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
            for (int i = 0; i < INVITATIONS_PER_DAY; i++) {
                Handshake attempt = invite(m, syntheticAccount(3, i));
                client(m).cancelHandshake(r -> r.handshakeId(attempt.id()));
            }

            // when
            HandshakeConstraintViolationException limited = catchThrowableOfType(
                    () -> invite(m, syntheticAccount(3, INVITATIONS_PER_DAY)),
                    HandshakeConstraintViolationException.class);

            // then
            assertThat(limited.reasonAsString()).isEqualTo("HANDSHAKE_RATE_LIMIT_EXCEEDED");
            assertThat(client(m).listHandshakesForOrganization(r -> { }).handshakes())
                    .hasSize(INVITATIONS_PER_DAY)
                    .allSatisfy(h -> assertThat(h.state()).isEqualTo(HandshakeState.CANCELED));
        }

        @Test
        void acceptedInvitationDoesNotCountAsAnAttempt() {
            // given: 19 canceled attempts and one accepted invitation
            String m = LedgerActors.next();
            String a = LedgerActors.next();
            createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
            for (int i = 0; i < INVITATIONS_PER_DAY - 1; i++) {
                Handshake attempt = invite(m, syntheticAccount(4, i));
                client(m).cancelHandshake(r -> r.handshakeId(attempt.id()));
            }
            Handshake toA = invite(m, a);
            client(a).acceptHandshake(r -> r.handshakeId(toA.id()));

            // when
            Handshake twentieth = invite(m, syntheticAccount(4, INVITATIONS_PER_DAY));
            client(m).cancelHandshake(r -> r.handshakeId(twentieth.id()));
            HandshakeConstraintViolationException limited = catchThrowableOfType(
                    () -> invite(m, syntheticAccount(4, INVITATIONS_PER_DAY + 1)),
                    HandshakeConstraintViolationException.class);

            // then
            assertThat(twentieth.state()).isEqualTo(HandshakeState.OPEN);
            assertThat(limited.reasonAsString()).isEqualTo("HANDSHAKE_RATE_LIMIT_EXCEEDED");
        }
    }

    private List<Handshake> openInvitationsOf(String management) {
        return client(management).listHandshakesForOrganizationPaginator(r -> r.maxResults(20))
                .stream()
                .flatMap(page -> page.handshakes().stream())
                .filter(h -> h.state() == HandshakeState.OPEN)
                .toList();
    }

    private static Arguments invalid(String description,
                                     Consumer<InviteAccountToOrganizationRequest.Builder> request, String reason) {
        return Arguments.of(description, request, reason);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** A well-formed account id outside the accounts file (spec §10 #8: any well-formed target is accepted). */
    private static String syntheticAccount(int series, int index) {
        return String.format("9%02d%09d", series, index);
    }
}
