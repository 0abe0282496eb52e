package org.handshakeledger.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * The HTTP baseline: {@code GET /actuator/health/liveness} of the same server, sent through the SDK's own Netty HTTP
 * client ({@link SdkAsyncHttpClient}, built exactly as the benchmark's SDK client's) with the same concurrency. It is
 * the cost of one loopback HTTP round trip to this Tomcat and Spring MVC: no signing, no SigV4 check, no JSON, no
 * database (the liveness group holds no database check).
 */
final class HttpBaseline {
    private final SdkAsyncHttpClient http;
    private final URI liveness;

    HttpBaseline(SdkAsyncHttpClient http, URI endpoint) {
        this.http = http;
        this.liveness = endpoint.resolve("/actuator/health/liveness");
    }

    CompletableFuture<Integer> call() {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(liveness).build();
        return OkExchange.send(http, request, new EmptyContent());
    }

    private static final class EmptyContent implements SdkHttpContentPublisher {
        @Override
        public Optional<Long> contentLength() {
            return Optional.of(0L);
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    // nothing to send
                }

                @Override
                public void cancel() {
                    // nothing to stop
                }
            });
            subscriber.onComplete();
        }
    }
}
