/**
 * The one way the dashboard talks to the server: GET a JSON route and turn any failure (an API error
 * object, a server that is down, a body that is not JSON) into an ApiError a page can explain.
 */
import type { ApiErrorBody, ApiErrorCode } from './api-types.js';

export type ErrorKind = ApiErrorCode | 'network' | 'bad_response';

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | null | undefined;

/** A route with its query string; empty values are left out so that URLs stay short and shareable. */
export function apiPath(route: string, params: Record<string, QueryValue> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  const qs = query.toString();
  return qs ? `${route}?${qs}` : route;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('network', 'The sitrep server cannot be reached. Is `sitrep serve` still running?');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('bad_response', `The server answered ${response.status} ${response.statusText} without JSON.`, response.status);
  }
  if (isErrorBody(body)) throw new ApiError(body.error.code, body.error.message, response.status);
  if (!response.ok) throw new ApiError('bad_response', `The server answered ${response.status} ${response.statusText}.`, response.status);
  return body as T;
}
