package org.handshakeledger.app.awsjson.operation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.handshakeledger.app.auth.AccountDirectory;
import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.FreeTextScreen;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.InvalidInputException;
import org.handshakeledger.app.awsjson.wire.HandshakePartyShape;
import org.handshakeledger.app.awsjson.wire.HandshakeResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.handshakeledger.app.awsjson.wire.InviteAccountToOrganizationRequest;
import org.handshakeledger.app.awsjson.wire.TagShape;
import org.handshakeledger.app.config.IdGenerator;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.ConstraintViolationException;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.InviteAccountToOrganizationCommand;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.InvitationLimits;
import org.springframework.stereotype.Component;

/** InviteAccountToOrganization: the management account invites an account by id or by email address. */
@Component
class InviteAccountToOrganizationOperation implements AwsOperation {
    private static final Pattern ACCOUNT_ID = Pattern.compile("^\\d{12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
    /** Tag keys and values (spec §2): letters, separators and numbers of any script, and {@code _.:/=+-@}. */
    private static final Pattern TAG = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final int MAX_TAGS = 50;

    private final AwsJson json;
    private final Callers callers;
    private final LedgerGateway ledger;
    private final AccountDirectory directory;
    private final IdGenerator ids;
    private final LedgerProperties properties;

    InviteAccountToOrganizationOperation(AwsJson json, Callers callers, LedgerGateway ledger,
                                         AccountDirectory directory, IdGenerator ids, LedgerProperties properties) {
        this.json = json;
        this.callers = callers;
        this.ledger = ledger;
        this.directory = directory;
        this.ids = ids;
        this.properties = properties;
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String name() {
        return "InviteAccountToOrganization";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        InviteAccountToOrganizationRequest input = json.read(body, InviteAccountToOrganizationRequest.class);
        validateShape(input);
        HandshakeParty target = target(input.target());
        List<Tag> tags = tags(input.tags());
        OrganizationId organization = new OrganizationId(callers.managedOrganizationOf(request));

        AccountId recipient = target.type() == PartyType.ACCOUNT
                ? new AccountId(target.id())
                : directory.accountByEmail(target.id()).map(DirectoryAccount::id).map(AccountId::new).orElse(null);
        HandshakeId id = ids.newHandshakeId();
        LedgerProperties.Handshake lifetimes = properties.handshake();
        ledger.send(new InviteAccountToOrganizationCommand(id, organization, request.callerId(), target, recipient,
                input.notes(), tags, request.now(), request.now().plus(lifetimes.inviteExpiry()),
                lifetimes.retention(), new InvitationLimits(properties.limits().accountsPerOrganization(),
                properties.limits().invitationsPerDay())));
        return new HandshakeResponse(HandshakeShape.of(callers.visibleHandshake(id, request)));
    }

    /**
     * The model's own constraints, one kind after the other over all members (spec §3.10 steps 2 to 5): required,
     * length, pattern, enum. The meaning of the values comes after, in {@link #target} and {@link #tags}.
     */
    private static void validateShape(InviteAccountToOrganizationRequest input) {
        HandshakePartyShape target = input.target();
        List<TagShape> tags = input.tags() == null ? List.of() : input.tags();
        Inputs.required("Target", target);
        Inputs.required("Target.Id", target.id());
        Inputs.required("Target.Type", target.type());
        for (int i = 0; i < tags.size(); i++) {
            Inputs.required(tagMember(i, "Key"), tags.get(i).key());
            Inputs.required(tagMember(i, "Value"), tags.get(i).value());
        }

        Inputs.minLength("Target.Id", target.id(), 1);
        Inputs.maxLength("Target.Id", target.id(), 64);
        Inputs.maxLength("Notes", input.notes(), 1024);
        for (int i = 0; i < tags.size(); i++) {
            Inputs.minLength(tagMember(i, "Key"), tags.get(i).key(), 1);
            Inputs.maxLength(tagMember(i, "Key"), tags.get(i).key(), 128);
            Inputs.maxLength(tagMember(i, "Value"), tags.get(i).value(), 256);
        }

        Inputs.freeText("Notes", input.notes());
        for (int i = 0; i < tags.size(); i++) {
            Inputs.pattern(tagMember(i, "Key"), tags.get(i).key(), TAG);
            Inputs.pattern(tagMember(i, "Value"), tags.get(i).value(), TAG);
        }

        Inputs.enumValue("Target.Type", target.type(), PartyType.class);
    }

    private static String tagMember(int index, String member) {
        return "Tags[" + index + "]." + member;
    }

    private static HandshakeParty target(HandshakePartyShape target) {
        PartyType type = PartyType.valueOf(target.type());
        return switch (type) {
            case ORGANIZATION -> throw new InvalidInputException(InvalidInputException.INVALID_PARTY_TYPE_TARGET,
                    "You can't invite an organization: the target must be an ACCOUNT or an EMAIL.");
            case ACCOUNT -> {
                Inputs.pattern("Target.Id", target.id(), ACCOUNT_ID);
                yield new HandshakeParty(target.id(), type);
            }
            case EMAIL -> {
                if (Inputs.length(target.id()) < 6 || !EMAIL.matcher(target.id()).matches()
                        || FreeTextScreen.findActiveContent(target.id()).isPresent()) {
                    throw new InvalidInputException(InvalidInputException.INVALID_EMAIL_ADDRESS_TARGET,
                            "The value of Target.Id is not a valid email address.");
                }
                yield new HandshakeParty(target.id(), type);
            }
        };
    }

    /** The meaning of valid tags: no reserved keys, no key twice, at most 50. */
    private static List<Tag> tags(List<TagShape> input) {
        if (input == null) {
            return List.of();
        }
        Set<String> keys = new HashSet<>();
        for (TagShape tag : input) {
            if (tag.key().regionMatches(true, 0, "aws:", 0, 4)) {
                throw new InvalidInputException(InvalidInputException.INVALID_SYSTEM_TAGS_PARAMETER,
                        "Tag keys that start with aws: are reserved for AWS.");
            }
            if (!keys.add(tag.key())) {
                // the key matched the tag pattern and is at most 128 characters: safe to repeat
                throw new InvalidInputException(InvalidInputException.DUPLICATE_TAG_KEY,
                        "The tag key " + tag.key() + " appears more than once.");
            }
        }
        if (input.size() > MAX_TAGS) {
            throw new ConstraintViolationException("You can attach at most " + MAX_TAGS + " tags.",
                    "MAX_TAG_LIMIT_EXCEEDED");
        }
        return input.stream().map(tag -> new Tag(tag.key(), tag.value())).toList();
    }
}
