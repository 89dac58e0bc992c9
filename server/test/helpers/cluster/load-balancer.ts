/**
 * The load balancer of the process-level deployment (infra/local): one address
 * in front of N Lianfang instances, round-robin, HTTP and WebSocket upgrades.
 * The Docker deployment uses nginx for the same job (infra/nginx.conf).
 *
 * A WebSocket session is one TCP connection and any instance can serve it (the
 * live picture and the seq come from PostgreSQL + Redis, not from the instance);
 * Socket.IO's long-polling fallback is pinned to the instance that opened it
 * (socket-affinity.ts), as nginx's ip_hash would.
 * A backend that refuses a connection is skipped for a while and the request
 * goes to the next one (nothing was sent yet, so this is safe even for a POST);
 * a backend that dies mid-request costs that request a 502 — never a 2xx.
 *
 *   as a command: npx tsx bench/cluster/load-balancer.ts --port=8080 --backends=127.0.0.1:8081,127.0.0.1:8082
 */
import http from 'node:http';
import net from 'node:net';
import { SocketAffinity, type Backend } from './socket-affinity.js';

export type { Backend } from './socket-affinity.js';

export interface LoadBalancer {
  port: number;
  backends: Backend[];
  close(): Promise<void>;
}

const DOWN_FOR_MS = 2000;

function parseBackends(list: string): Backend[] {
  return list
    .split(',')
    .filter(Boolean)
    .map((b) => {
      const [host, port] = b.split(':');
      if (!host || !port || host !== '127.0.0.1') throw new Error(`backend ${b}: expected 127.0.0.1:<port>`);
      return { host, port: Number(port), downUntil: 0 };
    });
}

export async function startLoadBalancer(backendList: string | Backend[], port = 0): Promise<LoadBalancer> {
  const backends = typeof backendList === 'string' ? parseBackends(backendList) : backendList;
  let next = 0;
  /** Backends in round-robin order from the next one, healthy ones first. */
  const order = (): Backend[] => {
    const start = next++ % backends.length;
    const rotated = [...backends.slice(start), ...backends.slice(0, start)];
    const now = Date.now();
    return [...rotated.filter((b) => b.downUntil <= now), ...rotated.filter((b) => b.downUntil > now)];
  };
  /** Opens a TCP connection to the first backend that accepts one. */
  const connect = (candidates: Backend[]): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const attempt = (i: number) => {
        const b = candidates[i];
        if (!b) return reject(new Error('no backend accepted the connection'));
        const socket = net.connect(b.port, b.host);
        socket.once('connect', () => {
          socket.removeAllListeners('error');
          resolve(socket);
        });
        socket.once('error', () => {
          b.downUntil = Date.now() + DOWN_FOR_MS;
          socket.destroy();
          attempt(i + 1);
        });
      };
      attempt(0);
    });

  const affinity = new SocketAffinity();
  const server = http.createServer((req, res) => {
    const pinned = affinity.pinned(req.url);
    const candidates = pinned ? [pinned] : order();
    const handshake = affinity.isHandshake(req.url);
    const forward = (i: number) => {
      const b = candidates[i];
      if (!b) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        return res.end('no backend available');
      }
      let connected = false;
      const upstream = http.request(
        {
          host: b.host,
          port: b.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
        },
        (up) => {
          if (!handshake) {
            res.writeHead(up.statusCode ?? 502, up.headers);
            return void up.pipe(res);
          }
          // A polling handshake reply is small: read it to learn the session id, then pass it on.
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const body = Buffer.concat(chunks);
            affinity.learn(body.toString('latin1'), b);
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(body);
          });
        },
      );
      // A kept-alive socket is connected already; a new one is once it connects.
      upstream.once('socket', (s) => {
        if (!s.connecting) connected = true;
        else
          s.once('connect', () => {
            connected = true;
          });
      });
      upstream.on('error', () => {
        // Refused before anything was sent: try the next backend. Lost mid-way: 502 (the client did not get a 2xx).
        if (!connected) {
          b.downUntil = Date.now() + DOWN_FOR_MS;
          return forward(i + 1);
        }
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end();
      });
      req.pipe(upstream);
    };
    forward(0);
  });
  // The client's body is piped to whichever upstream accepts; buffer nothing else.
  server.keepAliveTimeout = 65_000;

  const tunnels = new Set<net.Socket>();
  server.on('upgrade', (req, client: net.Socket, head) => {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    const pinned = affinity.pinned(req.url);
    connect(pinned ? [pinned] : order()).then(
      (upstream) => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        upstream.pipe(client).pipe(upstream);
        // Either side gone: close the other, so a screen learns at once that its instance died.
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      },
      () => {
        client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
      },
    );
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    backends,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of tunnels) t.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
