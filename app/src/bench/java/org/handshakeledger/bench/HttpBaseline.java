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
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
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
        CompletableFuture<Integer> done = new CompletableFuture<>();
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(liveness).build();
        int[] status = new int[1];
        SdkAsyncHttpResponseHandler handler = new SdkAsyncHttpResponseHandler() {
            @Override
            public void onHeaders(SdkHttpResponse headers) {
                status[0] = headers.statusCode();
            }

            @Override
            public void onStream(Publisher<ByteBuffer> stream) {
                stream.subscribe(new Subscriber<>() {
                    @Override
                    public void onSubscribe(Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(ByteBuffer buffer) {
                        // drained and dropped
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onComplete() {
                        if (status[0] == 200) {
                            done.complete(status[0]);
                        } else {
                            done.completeExceptionally(new IllegalStateException("liveness answered " + status[0]));
                        }
                    }
                });
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
        http.execute(AsyncExecuteRequest.builder().request(request).requestContentPublisher(new EmptyContent())
                .responseHandler(handler).build()).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    }
                });
        return done;
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
