/**
 * The password for the CLI: LIANFANG_PASSWORD when set (scripts, CI), else asked on the
 * terminal without echo, so it never lands in the shell's history or `ps`.
 */
export async function readPassword(prompt: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.LIANFANG_PASSWORD) return env.LIANFANG_PASSWORD;
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new Error('no terminal to ask the password on: set LIANFANG_PASSWORD');
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (finish: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      finish();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
