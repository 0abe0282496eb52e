package org.handshakeledger.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * One request through the SDK's async HTTP client, as the baselines and the pre-signed loads send it: completes with
 * 200 once the body is drained, or fails with the status and the start of the body.
 */
final class OkExchange {
    private static final int MAX_ERROR_BODY = 2_000;

    private OkExchange() {
    }

    static CompletableFuture<Integer> send(SdkAsyncHttpClient http, SdkHttpRequest request,
                                           SdkHttpContentPublisher content) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        int[] status = new int[1];
        SdkAsyncHttpResponseHandler handler = new SdkAsyncHttpResponseHandler() {
            @Override
            public void onHeaders(SdkHttpResponse headers) {
                status[0] = headers.statusCode();
            }

            @Override
            public void onStream(Publisher<ByteBuffer> stream) {
                stream.subscribe(new Subscriber<>() {
                    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

                    @Override
                    public void onSubscribe(Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(ByteBuffer buffer) {
                        // a 200 body is drained unread; only an error's body is worth the copy
                        if (status[0] != 200 && errorBody.size() < MAX_ERROR_BODY) {
                            byte[] bytes = new byte[Math.min(buffer.remaining(), MAX_ERROR_BODY - errorBody.size())];
                            buffer.get(bytes);
                            errorBody.writeBytes(bytes);
                        }
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
                            done.completeExceptionally(new IllegalStateException("HTTP " + status[0] + " "
                                    + errorBody.toString(StandardCharsets.UTF_8)));
                        }
                    }
                });
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
        http.execute(AsyncExecuteRequest.builder().request(request).requestContentPublisher(content)
                .responseHandler(handler).build()).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    }
                });
        return done;
    }
}
