package org.kasbench.globeco.allocation.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback between one service process and a server (PostgreSQL) that the
 * test controls: {@link #pause()} stops forwarding bytes both ways but keeps every socket
 * open (a peer that neither answers nor closes, as when a node or its network vanishes),
 * {@link #cut()} closes every connection and refuses new ones (the server is gone),
 * {@link #heal()} forwards and accepts again.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Object gate = new Object();

	private boolean paused;

	private volatile boolean cut;

	private TcpProxy(ServerSocket listener, String targetHost, int targetPort) {
		this.listener = listener;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	static TcpProxy start(String targetHost, int targetPort) {
		try {
			TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetHost,
					targetPort);
			Thread.ofVirtual().name("tcp-proxy-accept").start(proxy::accept);
			return proxy;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	int port() {
		return listener.getLocalPort();
	}

	void pause() {
		synchronized (gate) {
			paused = true;
		}
	}

	void cut() {
		cut = true;
		sockets.forEach(TcpProxy::closeQuietly);
		sockets.clear();
	}

	void heal() {
		cut = false;
		synchronized (gate) {
			paused = false;
			gate.notifyAll();
		}
	}

	@Override
	public void close() {
		closeQuietly(listener);
		cut();
		heal(); // lets pumps waiting at the gate see their closed sockets
	}

	private void accept() {
		while (!listener.isClosed()) {
			Socket client;
			try {
				client = listener.accept();
			}
			catch (IOException e) {
				return; // closed
			}
			if (cut) {
				closeQuietly(client);
				continue;
			}
			try {
				Socket server = new Socket(targetHost, targetPort);
				sockets.add(client);
				sockets.add(server);
				Thread.ofVirtual().name("tcp-proxy-up").start(() -> pump(client, server));
				Thread.ofVirtual().name("tcp-proxy-down").start(() -> pump(server, client));
			}
			catch (IOException e) {
				closeQuietly(client);
			}
		}
	}

	/** Copies from one side to the other, holding each chunk at the gate while paused. */
	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				awaitOpenGate();
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (SocketException e) {
			// closed by cut() or by the other pump
		}
		catch (IOException e) {
			// the peer went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			sockets.remove(from);
			sockets.remove(to);
		}
	}

	private void awaitOpenGate() throws IOException {
		synchronized (gate) {
			while (paused) {
				try {
					gate.wait();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted while paused", e);
				}
			}
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception e) {
			// already closed
		}
	}

}
