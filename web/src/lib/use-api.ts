/**
 * Loading state for one API route. The path is the cache key: when it changes, the previous request is
 * aborted, so a fast typist never sees an older answer overwrite a newer one.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from './api.js';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export interface ApiOptions {
  /** Keep showing the previous answer while the next one loads (result lists that change with each keystroke). */
  keepPrevious?: boolean;
}

export function useApi<T>(path: string | null, options: ApiOptions = {}): ApiState<T> {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError }>({ path: null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    getJson<T>(path, controller.signal).then(
      (data) => setState({ path, data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ path, error: error instanceof ApiError ? error : new ApiError('bad_response', String(error)) });
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const current = state.path === path;
  return {
    data: current || options.keepPrevious ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && !current,
    reload,
  };
}
