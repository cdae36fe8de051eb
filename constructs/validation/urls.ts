// Addresses of services a construct talks to (an ACME directory, Vault, AdGuard Home) are URLs their
// clients parse: a host name alone (`bao.example.org:8200`) parses as a scheme and fails at runtime.

/** Whether `value` is an absolute URL with one of `schemes` (without the colon) and a host. Pure. */
export function isUrlWithScheme(value: unknown, schemes: readonly string[]): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol.replace(/:$/, '')) && url.hostname !== '' && value.includes('://');
  } catch {
    return false;
  }
}

/** The host part of something written as a URL or as `host:port`, for hints: `bao.example.org:8200`. */
export function hostOf(value: string): string {
  return value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
}
