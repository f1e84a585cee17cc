/**
 * `sitrep serve`: the dashboard and the HTTP API (docs/api.md) on a loopback port until Ctrl-C, when the
 * server stops and the store is closed cleanly (PGlite's lock is released). `sitrep start` ends here too.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Store } from '../store/store.js';
import { DEFAULT_HOST, DEFAULT_PORT, serve } from '../api/server.js';
import { dbOption, withStore } from './common.js';

export interface ServeFlags {
  host: string;
  port: number;
}

/** A TCP port; 0 lets the system choose a free one. */
export function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

/** Adds --host and --port to a command that serves. */
export function withServeOptions(command: Command): Command {
  return command
    .option('--host <address>', 'address to listen on (loopback by default; another address serves the network)', DEFAULT_HOST)
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber, DEFAULT_PORT);
}

/** Serves `store` until SIGINT or SIGTERM, printing the URL; resolves once the server has stopped. */
export async function serveUntilStopped(store: Store, flags: ServeFlags): Promise<void> {
  const server = await serve(store, { host: flags.host, port: flags.port });
  process.stdout.write(`\nsitrep is serving the dashboard and the API at ${server.url} (Ctrl-C stops it)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('sitrep: stopped serving\n');
}

export function registerServe(program: Command): void {
  withServeOptions(program.command('serve').description('serve the dashboard and the HTTP API (docs/api.md) until Ctrl-C').addOption(dbOption())).action(
    async (opts: ServeFlags & { db?: string }) => {
      await withStore(opts.db, (store) => serveUntilStopped(store, opts));
    },
  );
}
