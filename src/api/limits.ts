/**
 * Request limits, checked before any route runs: a per-client token bucket, a read-only method set, no
 * request bodies, a bounded query string, and (when serving on loopback) only loopback Host names, so that
 * a web page elsewhere cannot reach the store through DNS rebinding.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import { checkWellFormed } from './wellformed.js';

export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: the most requests a client may make at once. */
  burst: number;
}

export interface Limits {
  rate: RateLimit;
  /** Longest query string accepted, in characters. */
  maxQueryLength: number;
  /** Largest request body accepted, in bytes (the API is read-only, so 0: none). */
  maxBodyBytes: number;
  /** Host names (without port) accepted in the Host header; empty accepts any. */
  allowedHosts: string[];
}

export const DEFAULT_LIMITS: Limits = {
  rate: { perSecond: 50, burst: 200 },
  maxQueryLength: 2048,
  maxBodyBytes: 0,
  allowedHosts: [],
};

/** Buckets kept before full (idle) ones are dropped, so that many clients cannot grow memory without end. */
const MAX_BUCKETS = 10_000;

/** One token bucket per client: a request takes a token; tokens come back at `perSecond` up to `burst`. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Clients with a bucket. */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes a token for `client`: 0 when granted, else the seconds until one is available. */
  take(client: string): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.rate.burst, at: now };
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond);
    bucket.at = now;
    if (!this.buckets.has(client)) {
      if (this.buckets.size >= MAX_BUCKETS) this.dropFull(now);
      this.buckets.set(client, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.rate.perSecond;
  }

  private dropFull(now: number): void {
    for (const [client, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.rate.perSecond >= this.rate.burst) this.buckets.delete(client);
    }
  }
}

/** The client's address: the socket's peer under @hono/node-server; null for a request made in-process (no client to limit). */
function clientOf(env: unknown): string | null {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

export function requestLimits(limits: Limits, now?: () => number): MiddlewareHandler {
  const buckets = new TokenBuckets(limits.rate, now);
  const hosts = new Set(limits.allowedHosts.map((h) => h.toLowerCase()));
  return async (c, next) => {
    const client = clientOf(c.env);
    const wait = client === null ? 0 : buckets.take(client);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw new ApiError(429, 'rate_limited', `too many requests: at most ${limits.rate.burst} at once and ${limits.rate.perSecond} a second; retry in ${seconds} s`, {
        'Retry-After': String(seconds),
      });
    }
    if (hosts.size > 0) {
      const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
      if (!hosts.has(host)) throw new ApiError(400, 'bad_request', `Host "${host.slice(0, 100)}" is not served here; sitrep answers ${[...hosts].join(', ')} (start it with --host to listen elsewhere)`);
    }
    if (!READ_METHODS.has(c.req.method)) {
      throw new ApiError(405, 'bad_request', `method ${c.req.method.slice(0, 20)} is not allowed: sitrep's API and dashboard are read-only (GET, HEAD)`, { Allow: 'GET, HEAD' });
    }
    const length = Number(c.req.header('content-length') ?? 0);
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (chunked || !Number.isFinite(length) || length > limits.maxBodyBytes) {
      const sent = chunked ? 'a chunked body' : `a body of ${c.req.header('content-length')} bytes`;
      throw new ApiError(413, 'too_large', `requests carry no body here (at most ${limits.maxBodyBytes} bytes); this ${c.req.method} sends ${sent.slice(0, 60)}`);
    }
    const url = c.req.url;
    const query = url.indexOf('?') === -1 ? '' : url.slice(url.indexOf('?') + 1);
    if (query.length > limits.maxQueryLength) {
      throw new ApiError(414, 'too_large', `the query string has ${query.length} characters; at most ${limits.maxQueryLength} are accepted`);
    }
    checkWellFormed(url);
    await next();
  };
}
