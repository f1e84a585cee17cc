/**
 * The API's one error shape: `{"error": {"code", "message"}}` with a 4xx/5xx status. A message is one
 * sentence naming what was wrong (the parameter, the id), so a person or a script can act on it.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode = 'bad_request' | 'not_found' | 'too_large' | 'rate_limited' | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (Allow, Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
