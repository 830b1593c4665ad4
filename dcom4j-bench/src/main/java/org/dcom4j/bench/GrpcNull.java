package org.dcom4j.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-java's null call without protoc: one unary method {@code dcom4j.bench.Null/Nothing} whose request
 * and response are empty messages, carried by a {@code byte[]} marshaller (an empty protobuf message is
 * zero bytes on the wire, so this is what a generated stub would send). Server and channel use the
 * netty-shaded transport on 127.0.0.1 with gRPC's defaults: the server runs handlers on its default
 * executor (a cached pool of platform threads), the client's blocking call waits on the calling thread.
 */
final class GrpcNull {
    static final byte[] EMPTY = new byte[0];

    /** A message is its bytes; gRPC bounds a message's size (4 MiB by default) before it reaches us. */
    enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final MethodDescriptor<byte[], byte[]> NOTHING = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("dcom4j.bench.Null", "Nothing"))
            .setRequestMarshaller(Bytes.INSTANCE)
            .setResponseMarshaller(Bytes.INSTANCE)
            .build();

    private final Server server;
    private final ManagedChannel channel;

    GrpcNull() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("dcom4j.bench.Null")
                .addMethod(NOTHING, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(EMPTY);
                    response.onCompleted();
                }))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(service)
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress(InetAddress.getLoopbackAddress().getHostAddress(), server.getPort())
                .usePlaintext()
                .build();
    }

    /** One unary call; returns the (empty) response. */
    byte[] call() {
        return ClientCalls.blockingUnaryCall(channel, NOTHING, CallOptions.DEFAULT, EMPTY);
    }

    /** Closes the channel, then the server. */
    void shutdown() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
