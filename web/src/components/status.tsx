/**
 * What a page shows while it waits, when it failed and when there is nothing to show. Errors are built
 * from the API's error object: a title for its kind, its own one-sentence message, and a retry where
 * trying again can help.
 */
import { Alert, Button, Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError, ErrorKind } from '../lib/api.js';
import type { ApiState } from '../lib/use-api.js';

const ERROR_TITLES: Record<ErrorKind, string> = {
  bad_request: 'The request was not accepted',
  not_found: 'Not found',
  too_large: 'The request asks for too much',
  rate_limited: 'Too many requests: wait a moment',
  internal: 'The server failed on this request',
  network: 'No connection to the sitrep server',
  bad_response: 'The server gave an unexpected answer',
};

const RETRYABLE = new Set<ErrorKind>(['rate_limited', 'internal', 'network', 'bad_response']);

export function ErrorNotice({ error, onRetry, what }: { error: ApiError; onRetry?: () => void; what?: string }) {
  return (
    <Alert color="red" variant="light" title={ERROR_TITLES[error.kind]} role="alert" data-testid="error">
      <Stack gap="xs">
        <Text size="sm">
          {what ? `Could not load ${what}. ` : ''}
          {error.message}
        </Text>
        {onRetry && RETRYABLE.has(error.kind) && (
          <div>
            <Button size="xs" variant="outline" color="red" onClick={onRetry}>
              Try again
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text c="dimmed" size="sm">
          Loading {what}…
        </Text>
      </Stack>
    </Center>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return <EmptyState title={title} description={children} py="lg" data-testid="empty" />;
}

/** Renders a route's data once loaded; its loading and error states otherwise. */
export function Loaded<T>({ state, what, children }: { state: ApiState<T>; what: string; children: (data: T) => ReactNode }) {
  if (state.error) return <ErrorNotice error={state.error} onRetry={state.reload} what={what} />;
  if (state.data === undefined) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}
