// A URL path carries some characters only percent-escaped (RFC 3986): controls, space, characters beyond
// ASCII and " < > \ ^ ` { | }. A route path holding one as written routes in no flavor alike: Gateway API's
// HTTPRoute schema refuses it, ingress-nginx writes it into nginx's configuration unquoted, and Traefik
// alone would match it. A route path is therefore written as requests carry it, escaped, and each flavor
// renders it as its proxy compares request paths (Traefik and nginx compare the decoded path).

/** A character a URL path holds only escaped. */
const UNESCAPED = /[\u0000-\u0020\u007f-\u{10ffff}"<>\\^`{|}]/u;
/** A `%` that starts no escape of two hexadecimal digits. */
const BARE_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/** What `path` holds that a URL path may hold only escaped, as a message fragment, or undefined. Pure. */
export function unescapedPathProblem(path: string): string | undefined {
  const found = UNESCAPED.exec(path);
  if (found) {
    const char = found[0];
    const name = char === ' ' ? 'a space' : /[\u0000-\u001f\u007f]/.test(char) ? 'a control character' : `"${char}"`;
    return `holds ${name}, which a request's path carries only escaped (${escapedPath(char)})`;
  }
  return BARE_PERCENT.test(path) ? 'holds a "%" that starts no escape of two hexadecimal digits (a "%" itself is %25)' : undefined;
}

/** `path` with each character a URL path holds only escaped percent-escaped (UTF-8), and each bare `%` as %25. Pure. */
export function escapedPath(path: string): string {
  let escaped = '';
  for (let i = 0; i < path.length; i++) {
    const char = String.fromCodePoint(path.codePointAt(i)!);
    i += char.length - 1;
    if (char === '%' && !/^%[0-9A-Fa-f]{2}/.test(path.slice(i))) {
      escaped += '%25';
    } else if (UNESCAPED.test(char)) {
      escaped += [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    } else {
      escaped += char;
    }
  }
  return escaped;
}

/** `path` as a proxy that compares decoded request paths (Traefik, nginx) must be given it: escapes decoded. Pure. */
export function decodedPath(path: string): string {
  if (!path.includes('%')) {
    return path;
  }
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // not UTF-8 once decoded: reported with the props
  }
}
