package dev.kafkaplayground.crosscheck;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A TCP proxy in front of the broker's PROXIED listener, through which the producer (and
 * only it) talks to the broker, that can lose the next Produce request or its response.
 *
 * <p>Kafka's framing: a 4-byte big-endian size, then the message. A request starts with its
 * header, apiKey int16, apiVersion int16, correlationId int32; a response with its
 * correlationId. Responses on one connection come in request order, so dropping one by
 * correlation id leaves the rest of the stream intact; the client then times out after
 * {@code request.timeout.ms}, closes the connection and retries as on a real network.
 */
final class FaultProxy implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(FaultProxy.class);
    private static final short PRODUCE = 0;
    private static final int MAX_FRAME = 256 * 1024 * 1024;

    enum Fault {
        /** The request never reaches the broker. */
        LOST_REQUEST,
        /** The broker handles the request; its response never reaches the client. */
        LOST_ACK;

        static Fault parse(String name) {
            return switch (name) {
                case "lost-request" -> LOST_REQUEST;
                case "lost-ack" -> LOST_ACK;
                default -> throw new IllegalArgumentException("unknown fault " + name);
            };
        }
    }

    private final ServerSocket server;
    /** {@link #route(int)}'s listeners, one per broker of a multi-broker cluster. */
    private final Set<ServerSocket> routes = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Fault> armed = new AtomicReference<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile int upstreamPort = -1;
    private volatile boolean closed;

    FaultProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** The port clients connect to (the PROXIED listener's advertised port). */
    int port() {
        return server.getLocalPort();
    }

    /** Starts accepting; each connection is relayed to {@code 127.0.0.1:upstreamPort}. */
    void start(int upstream) {
        this.upstreamPort = upstream;
        Thread t = new Thread(() -> acceptLoop(server, upstreamPort), "crosscheck-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A further listener, relaying each connection to {@code 127.0.0.1:upstream} (one
     * broker of a multi-broker cluster, KraftCluster); the armed fault is shared with every
     * other listener, so it strikes the next Produce request whichever broker it goes to.
     * Accepts from now on; a connection made while that broker is down is closed at once.
     * Returns the listener's port.
     */
    int route(int upstream) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        routes.add(s);
        Thread t = new Thread(() -> acceptLoop(s, upstream), "crosscheck-proxy-accept-" + upstream);
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    /** The next Produce request (on any connection) suffers {@code fault}. */
    void arm(Fault fault) {
        synchronized (armed) {
            armed.set(fault);
        }
    }

    /**
     * Waits up to {@code timeoutMs} for the armed fault to strike (with acks=0 the send
     * completes as soon as the request is written, before it passes through here), then
     * disarms; true if it struck (or none was armed).
     */
    boolean disarm(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (armed) {
            while (armed.get() != null) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                armed.wait(left);
            }
            return armed.getAndSet(null) == null;
        }
    }

    /** Takes the armed fault for a Produce request going through. */
    private Fault strike() {
        synchronized (armed) {
            Fault f = armed.getAndSet(null);
            armed.notifyAll();
            return f;
        }
    }

    private void acceptLoop(ServerSocket server, int upstreamPort) {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy accept failed: {}", e.toString());
                }
                return;
            }
            try {
                client.setTcpNoDelay(true);
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                upstream.setTcpNoDelay(true);
                Connection c = new Connection(client, upstream);
                c.start();
            } catch (IOException e) {
                LOG.warn("proxy cannot reach the broker: {}", e.toString());
                closeQuietly(client);
            }
        }
    }

    private final class Connection {
        final Socket client;
        final Socket upstream;
        final Set<Integer> dropResponses = ConcurrentHashMap.newKeySet();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            sockets.add(client);
            sockets.add(upstream);
        }

        void start() {
            Thread requests = new Thread(this::requests, "crosscheck-proxy-requests");
            Thread responses = new Thread(this::responses, "crosscheck-proxy-responses");
            requests.setDaemon(true);
            responses.setDaemon(true);
            requests.start();
            responses.start();
        }

        private void requests() {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(upstream.getOutputStream()))) {
                while (true) {
                    byte[] frame = readFrame(in);
                    if (frame.length >= 8) {
                        ByteBuffer header = ByteBuffer.wrap(frame);
                        short apiKey = header.getShort(0);
                        int correlationId = header.getInt(4);
                        if (apiKey == PRODUCE) {
                            Fault f = strike();
                            if (f == Fault.LOST_REQUEST) {
                                LOG.info("lost-request: dropped Produce request correlationId={}", correlationId);
                                continue;
                            }
                            if (f == Fault.LOST_ACK) {
                                LOG.info("lost-ack: will drop the response to correlationId={}", correlationId);
                                dropResponses.add(correlationId);
                            }
                        }
                    }
                    out.writeInt(frame.length);
                    out.write(frame);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                shut();
            }
        }

        private void responses() {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(upstream.getInputStream()));
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()))) {
                while (true) {
                    byte[] frame = readFrame(in);
                    if (frame.length >= 4 && dropResponses.remove(ByteBuffer.wrap(frame).getInt(0))) {
                        LOG.info("lost-ack: dropped a Produce response");
                        continue;
                    }
                    out.writeInt(frame.length);
                    out.write(frame);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                shut();
            }
        }

        private void shut() {
            closeQuietly(client);
            closeQuietly(upstream);
            sockets.remove(client);
            sockets.remove(upstream);
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > MAX_FRAME) {
            throw new SocketException("bad frame size " + size);
        }
        byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (ServerSocket r : routes) {
            try {
                r.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

}
