import { AddFinding, Fields, fields, list, text } from './manifest';

// How Cilium's proxy reads a port rule's `rules.http`: each field is a regular expression that Envoy matches against
// the whole request method or path (a RE2 full match, not a search), and a request no rule matches is refused with
// 403. A method or a path written as no request can carry it, or as a file glob, lets none through.

/** RE2's flag that matches letters in either case (`(?i)get`), which makes a method in small letters match. */
const CASE_INSENSITIVE = /\(\?[a-z]*i/;

/** A regular expression's `/*` (any number of slashes), as a glob's "anything below" is written by mistake. */
const GLOB_STAR = /\/\*/;

/**
 * The HTTP rules of a Cilium port rule at `path`: a `method` in small letters (HTTP methods are case-sensitive and
 * clients send `GET`), which matches no request, and a `path` with a glob's `/*`, which in a regular expression
 * takes slashes only, so `/api/*` matches `/api/` but not `/api/documents`. Each is an error on the field.
 */
export function checkHttpRules(portRule: Fields, path: string, add: AddFinding): void {
  list(fields(portRule.rules).http).forEach((rule, k) => {
    const method = text(rule.method);
    if (method !== undefined && /[a-z]/.test(method) && !/[A-Z]/.test(method) && !CASE_INSENSITIVE.test(method)) {
      add(`${path}.rules.http[${k}].method`, `method "${method}" is a regular expression matched against the whole request method, which clients send in capital letters: it matches no request, so the proxy refuses every one with 403`,
        `write the method as clients send it: method: '${method.toUpperCase()}'`);
    }
    const requestPath = text(rule.path);
    if (requestPath !== undefined && GLOB_STAR.test(requestPath)) {
      add(`${path}.rules.http[${k}].path`, `path "${requestPath}" is a regular expression matched against the whole request path, in which /* means any number of slashes, not anything below: `
        + 'it matches no request for a path below it, so the proxy refuses those with 403',
      `write anything below as a regular expression: path: '${requestPath.replace(/\/\*/g, '/.*')}'`);
    }
  });
}
