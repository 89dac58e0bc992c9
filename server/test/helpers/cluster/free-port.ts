import net from 'node:net';

/** Ports this process handed out lately, and when: a service may not have bound its port yet when the next is asked for. */
const handedOut = new Map<number, number>();
/** Long enough for any service we start to bind its port; after that a free port is free again. */
const RESERVED_MS = 60_000;

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A port nobody listens on right now, for a service we start ourselves: the OS
 * picks it, or, with `LF_PORTS=3621-3639` set (a shared machine where each
 * person has a range), the first free one of that range not yet handed out.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.LF_PORTS ?? '');
  if (!range) {
    const port = await tryListen(0);
    if (port === null) throw new Error('no free port');
    return port;
  }
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    if (Date.now() - (handedOut.get(port) ?? 0) < RESERVED_MS) continue;
    if ((await tryListen(port)) !== null) {
      handedOut.set(port, Date.now());
      return port;
    }
  }
  throw new Error(`no free port left in LF_PORTS=${process.env.LF_PORTS}`);
}
