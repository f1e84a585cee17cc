/**
 * The API on a socket: `serve` listens (loopback by default) and resolves once it does, with the URL.
 * On a loopback address only loopback Host names are answered, so that a web page elsewhere cannot read
 * the store through DNS rebinding; listening on another address (--host) drops that check.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve as listen } from '@hono/node-server';
import type { Store } from '../store/store.js';
import { createApi, type ApiOptions } from './app.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8750;

export interface ServeOptions extends ApiOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  /** Where it answers, e.g. http://127.0.0.1:8750/ */
  url: string;
  /** Stops listening and ends open connections; the store stays open (it is the caller's). */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function serve(store: Store, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const allowedHosts = LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [];
  const app = createApi(store, { ...options, limits: { allowedHosts, ...options.limits } });
  return new Promise((resolve, reject) => {
    const server = listen({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', onError);
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}/`,
        close: () =>
          new Promise<void>((done, fail) => {
            (server as Server).closeAllConnections?.();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    }) as Server;
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is in use (another sitrep serve?); choose another with --port`
          : error.code === 'EACCES'
            ? `not allowed to listen on ${host}:${port}; choose a port above 1023 with --port`
            : error.message;
      reject(new Error(`cannot serve on ${host}:${port}: ${reason}`));
    };
    server.once('error', onError);
  });
}
