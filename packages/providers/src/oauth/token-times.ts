/** An absolute expiry from a relative `expires_in` (seconds), or null when the platform gave none. */
export function expiresAt(now: Date, expiresInSeconds: number | undefined | null): Date | null {
  if (expiresInSeconds === undefined || expiresInSeconds === null) return null;
  return new Date(now.getTime() + expiresInSeconds * 1000);
}

/** Scopes as platforms send them: a space- or comma-separated string, or a list. */
export function scopeList(scope: string | readonly (string | number)[] | undefined | null): string[] {
  if (scope === undefined || scope === null) return [];
  const items = typeof scope === 'string' ? scope.split(/[\s,]+/) : scope.map(String);
  return [...new Set(items.filter(Boolean))];
}
