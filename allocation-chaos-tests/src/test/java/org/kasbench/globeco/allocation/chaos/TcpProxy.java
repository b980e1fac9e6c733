package org.kasbench.globeco.allocation.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between one service process and PostgreSQL that the test controls: it can
 * pause (stop forwarding both ways and keep every socket open, as when a node or its
 * network vanishes: the peer neither answers nor closes), cut (close every connection and
 * refuse new ones), and heal. A pause can be armed to fall right after the client sends a
 * given statement, so the process is cut off while it holds that statement's locks.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Object gate = new Object();

	private boolean paused;

	private boolean refusing;

	private volatile byte[] pauseAfter;

	private volatile boolean pausedByTrigger;

	private TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::accept);
	}

	static TcpProxy start(String targetHost, int targetPort) {
		try {
			return new TcpProxy(targetHost, targetPort);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	int port() {
		return listener.getLocalPort();
	}

	/** Stops forwarding both ways; every socket stays open. */
	void pause() {
		synchronized (gate) {
			paused = true;
		}
	}

	/**
	 * Pauses right after forwarding the first client message that contains {@code text}
	 * (its answer is held back too).
	 */
	void pauseAfterClientSends(String text) {
		pausedByTrigger = false;
		pauseAfter = text.getBytes(StandardCharsets.UTF_8);
	}

	/** Whether an armed pause has fallen. */
	boolean pausedByTrigger() {
		return pausedByTrigger;
	}

	/** Closes every connection and refuses new ones. */
	void cut() {
		synchronized (gate) {
			refusing = true;
		}
		closeAll();
	}

	/** Forwards and accepts again. */
	void heal() {
		pauseAfter = null;
		synchronized (gate) {
			paused = false;
			refusing = false;
			gate.notifyAll();
		}
	}

	@Override
	public void close() {
		heal();
		try {
			listener.close();
		}
		catch (IOException e) {
			// closing anyway
		}
		closeAll();
	}

	private void accept() {
		while (!listener.isClosed()) {
			try {
				Socket client = listener.accept();
				boolean refuse;
				synchronized (gate) {
					refuse = refusing;
				}
				if (refuse) {
					client.close();
					continue;
				}
				Socket server = new Socket(targetHost, targetPort);
				sockets.add(client);
				sockets.add(server);
				Thread.ofPlatform().daemon().name("tcp-proxy-up").start(() -> pump(client, server, true));
				Thread.ofPlatform().daemon().name("tcp-proxy-down").start(() -> pump(server, client, false));
			}
			catch (IOException e) {
				// the listener closed, or the target refused this one connection
			}
		}
	}

	private void pump(Socket from, Socket to, boolean fromClient) {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				waitWhilePaused();
				out.write(buffer, 0, n);
				out.flush();
				byte[] trigger = pauseAfter;
				if (fromClient && trigger != null && contains(buffer, n, trigger)) {
					pauseAfter = null;
					pause();
					pausedByTrigger = true;
				}
			}
		}
		catch (IOException e) {
			// one side closed or was cut
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void waitWhilePaused() throws IOException {
		synchronized (gate) {
			while (paused) {
				try {
					gate.wait();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted");
				}
			}
		}
	}

	private void closeAll() {
		sockets.forEach(TcpProxy::closeQuietly);
		sockets.clear();
	}

	private static boolean contains(byte[] data, int length, byte[] text) {
		outer: for (int i = 0; i + text.length <= length; i++) {
			for (int j = 0; j < text.length; j++) {
				if (data[i + j] != text[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException e) {
			// already closed
		}
	}

}
