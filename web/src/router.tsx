// Client-side routing over the History API: the current location as a hook, navigation that pushes a
// history entry, and a Link that navigates in place for a plain click (new tabs work as usual).
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

export interface Where {
  path: string;
  query: URLSearchParams;
  key: string;
}

const here = (): Where => ({
  path: location.pathname,
  query: new URLSearchParams(location.search),
  key: location.pathname + location.search,
});

export function useLocation(): Where {
  const [where, setWhere] = useState(here);
  useEffect(() => {
    const update = () => setWhere(here());
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return where;
}

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  id?: string;
  "aria-label"?: string;
  "aria-current"?: "page" | undefined;
}

export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
