import net from 'node:net';

/** Integration tests need the real services; say so plainly instead of failing in odd places. */
export default async function setup(): Promise<void> {
  for (const [name, port] of [
    ['Redis', 6379],
    ['PostgreSQL', 5432],
  ] as const) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!ok) throw new Error(`${name} is not reachable on 127.0.0.1:${port}. Start it (see docs/operations.md) or run .ci/run, which starts it.`);
  }
}
