/**
 * Starts moto in server mode on 127.0.0.1 for the client-flow test, on a free port, and stops
 * it. moto emulates user pools for real and identity pools as a stub; it is evidence for the
 * client's code path, never for authorization (that is proven by IAM simulation elsewhere).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';

/** A running moto server. */
export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/** The Python interpreter that has moto (CI installs it from .ci/requirements.txt). */
export const PYTHON = process.env.MOTO_PYTHON ?? 'python3';

/** Whether `python3 -c 'import moto.server'` works; the test is skipped only when it does not. */
export function motoAvailable(): { available: boolean; reason: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import moto.server'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return { available: false, reason: `${PYTHON} could not run: ${probe.error.message}` };
  if (probe.status !== 0) return { available: false, reason: `${PYTHON} -c 'import moto.server' failed: ${probe.stderr.trim().split('\n').pop()}` };
  return { available: true, reason: '' };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts moto and waits until it accepts connections, at most startTimeoutMs.
 *
 * @param env extra environment (e.g. MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true)
 */
export async function startMoto(env: Record<string, string> = {}, startTimeoutMs = 30_000): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Safety net: a jest worker that exits without afterAll (timeout, crash) must not leave moto running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString('utf8')).slice(-4_000); });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(timer);
  };

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited with ${child.exitCode} before it listened:\n${stderr}`);
    if (await canConnect(port)) return { endpoint: `http://127.0.0.1:${port}`, port, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`moto server did not listen on 127.0.0.1:${port} within ${startTimeoutMs} ms:\n${stderr}`);
}
