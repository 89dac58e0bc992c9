import WebSocket from 'ws';

/**
 * A Socket.IO client speaking the wire protocol by hand (engine.io v4 over a WebSocket), for
 * payloads the real client cannot even encode (its encoder recurses) and for malformed frames.
 */
export class RawSocket {
  private nextAck = 1;
  private readonly waiting = new Map<number, (reply: unknown) => void>();
  closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text === '2') ws.send('3');
      const ack = /^43(\d+)(.*)$/s.exec(text);
      if (ack) {
        const [reply] = JSON.parse(ack[2]!) as unknown[];
        this.waiting.get(Number(ack[1]))?.(reply);
      }
    });
    ws.on('close', () => {
      this.closed = true;
      for (const resolve of this.waiting.values()) resolve(undefined);
    });
  }

  /** Opens a socket and logs in with `token` in the connect packet; rejects when refused. */
  static async open(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('raw socket: no connect')), 5000);
      ws.on('message', function first(data: Buffer) {
        const text = data.toString();
        if (text.startsWith('0{')) ws.send(`40${JSON.stringify({ token })}`);
        else if (text.startsWith('40')) {
          ws.off('message', first);
          clearTimeout(timer);
          resolve(new RawSocket(ws));
        } else if (text.startsWith('44')) {
          clearTimeout(timer);
          ws.close();
          reject(new Error(text));
        }
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** A handshake with any connect packet text (hostile auth) and headers: how the server answered it. */
  static async tryConnect(baseUrl: string, connectPacket: string, headers: Record<string, string> = {}): Promise<'connected' | 'refused' | 'closed'> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers });
    const verdict = await new Promise<'connected' | 'refused' | 'closed'>((resolve) => {
      const timer = setTimeout(() => resolve('closed'), 5000);
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('0{')) ws.send(connectPacket);
        else if (text.startsWith('40')) {
          clearTimeout(timer);
          resolve('connected');
        } else if (text.startsWith('44')) {
          clearTimeout(timer);
          resolve('refused');
        }
      });
      ws.on('close', () => {
        clearTimeout(timer);
        resolve('closed');
      });
      ws.on('error', () => {
        clearTimeout(timer);
        resolve('closed');
      });
    });
    ws.close();
    return verdict;
  }

  /** Emits `event` with arguments given as raw JSON text (any depth) and resolves with the ack (undefined on close or timeout). */
  ask(event: string, argsJson: string, timeoutMs = 5000): Promise<unknown> {
    const id = this.nextAck++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(reply);
      });
      this.send(`42${id}[${JSON.stringify(event)}${argsJson ? `,${argsJson}` : ''}]`);
    });
  }

  /** Sends a frame as is (text or binary). */
  send(frame: string | Buffer): void {
    if (!this.closed) this.ws.send(frame);
  }

  close(): void {
    this.ws.close();
  }
}
