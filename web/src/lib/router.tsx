/**
 * Client-side routing over the History API. The location is the app's state: the path names the page
 * and the query string holds its filters, so any view can be shared or bookmarked as a link.
 */
import { Anchor, type AnchorProps } from '@mantine/core';
import { useCallback, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  const samePage = new URL(to, window.location.href).pathname === window.location.pathname;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  // A new page starts at its top; a filter change on the same page keeps the reader where they are.
  if (!samePage) window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

export type QueryPatch = Record<string, string | null | undefined>;

/** A copy of the current URL with some query parameters set or (null, undefined, '') removed. */
export function withQuery(path: string, query: URLSearchParams, patch: QueryPatch): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The page's query parameters and a setter that writes them to the URL. */
export function useQueryState(): [URLSearchParams, (patch: QueryPatch, options?: { replace?: boolean }) => void] {
  const { path, query } = useLocation();
  const key = query.toString();
  const setQuery = useCallback(
    (patch: QueryPatch, options: { replace?: boolean } = {}) => {
      navigate(withQuery(path, new URLSearchParams(key), patch), options);
    },
    [path, key],
  );
  return [query, setQuery];
}

/** Named query parameters of the page (null when absent), and the setter. */
export function useQueryParams<K extends string>(names: readonly K[]): [Record<K, string | null>, (patch: QueryPatch, options?: { replace?: boolean }) => void] {
  const [query, setQuery] = useQueryState();
  return [Object.fromEntries(names.map((n) => [n, query.get(n)])) as Record<K, string | null>, setQuery];
}

/** Whether a click should be left to the browser (new tab, download, another window). */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** Follows an in-app link without a page load, unless the reader asked for a new tab or window. */
export function followLink(to: string) {
  return (event: MouseEvent<HTMLElement>) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    navigate(to);
  };
}

export interface LinkProps extends AnchorProps {
  to: string;
  children: ReactNode;
  title?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
  onFocus?: () => void;
  onBlur?: () => void;
  onMouseEnter?: () => void;
  onMouseLeave?: () => void;
}

export function Link({ to, children, ...props }: LinkProps) {
  return (
    <Anchor href={to} onClick={followLink(to)} {...props}>
      {children}
    </Anchor>
  );
}
