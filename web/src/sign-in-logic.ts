// What the sign-in page says, pure (tested without a browser).

/** "Wait 14 minutes", "wait 40 seconds": a rate limit's Retry-After as the page says it. */
export function waitText(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  const n = Math.max(1, Math.round(seconds));
  return n === 1 ? "1 second" : `${n} seconds`;
}
