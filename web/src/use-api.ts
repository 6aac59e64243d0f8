// Loads an API answer for a page: data, the ApiError if it failed, and whether it is still loading; a
// newer request replaces an older one (its late answer is dropped).
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "./api.ts";

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
}

export function useApi<T>(load: (() => Promise<T>) | null, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: load !== null });
  useEffect(() => {
    if (!load) {
      setState({ loading: false });
      return;
    }
    let current = true;
    setState({ loading: true });
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({
          loading: false,
          error: error instanceof ApiError ? error : new ApiError(String(error), 0),
        }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}
