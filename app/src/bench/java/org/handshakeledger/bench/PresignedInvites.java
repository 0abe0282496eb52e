package org.handshakeledger.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@code InviteAccountToOrganization} requests signed in advance with the SDK's {@link AwsV4HttpSigner} and replayed
 * through the SDK's Netty HTTP client, the way issue 12 measured writes: the client spends no CPU on signing or on
 * the SDK's marshalling while the clock runs, so the figure is the ledger's. Each request invites an account id
 * never invited before in the run, so no invitation is refused as a duplicate; the ids are outside the accounts file,
 * which the ledger allows (any 12 digits, see InviteAccountToOrganizationOperation). Signatures are valid for 15
 * minutes around their X-Amz-Date, so a load is signed just before it runs.
 */
final class PresignedInvites {
    private static final String TARGET = "AWSOrganizationsV20161128.InviteAccountToOrganization";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** Enough of an error body to tell the AWS error shape and its message. */

    /** One signed request and the body its signature covers. */
    record Signed(SdkHttpRequest request, byte[] body) {
    }

    private final SdkAsyncHttpClient http;
    private final URI endpoint;
    private final AtomicLong handshakes;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AtomicInteger nextTarget = new AtomicInteger();

    /** @param handshakes counts every invitation the ledger answered with 200, that is every handshake it holds */
    PresignedInvites(SdkAsyncHttpClient http, URI endpoint, AtomicLong handshakes) {
        this.http = http;
        this.endpoint = endpoint.resolve("/");
        this.handshakes = handshakes;
    }

    /** Signs {@code count} invitations; request {@code i} is sent by the management account {@code managerOf(i)}. */
    List<Signed> sign(int count, IntFunction<String> managerOf) {
        long start = System.nanoTime();
        List<Signed> signed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            signed.add(sign(managerOf.apply(i), BenchAccounts.inviteTarget(nextTarget.getAndIncrement())));
        }
        System.out.printf(Locale.ROOT, "[bench] signed %,d invitations in %.1f s%n", count,
                (System.nanoTime() - start) / 1e9);
        return signed;
    }

    private Signed sign(String manager, String target) {
        byte[] body = ("{\"Target\":{\"Id\":\"" + target + "\",\"Type\":\"ACCOUNT\"}}")
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Type", CONTENT_TYPE)
                // signed like the SDK client signs it; Netty would otherwise send the body chunked
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SdkHttpRequest request = signer.sign(r -> r
                .identity(AwsCredentialsIdentity.create(BenchAccounts.accessKeyId(manager),
                        BenchAccounts.secret(manager)))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        return new Signed(request, body);
    }

    /** Sends one signed request; completes with 200, or fails with the status and the start of the body. */
    CompletableFuture<Integer> send(Signed signed) {
        return OkExchange.send(http, signed.request(), new BodyPublisher(signed.body()))
                .thenApply(status -> {
                    handshakes.incrementAndGet();
                    return status;
                });
    }

    /** The body in one buffer, once, on the first demand. */
    private static final class BodyPublisher implements SdkHttpContentPublisher {
        private final byte[] body;

        BodyPublisher(byte[] body) {
            this.body = body;
        }

        @Override
        public Optional<Long> contentLength() {
            return Optional.of((long) body.length);
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            AtomicBoolean sent = new AtomicBoolean();
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (n > 0 && sent.compareAndSet(false, true)) {
                        subscriber.onNext(ByteBuffer.wrap(body));
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    sent.set(true);
                }
            });
        }
    }
}
