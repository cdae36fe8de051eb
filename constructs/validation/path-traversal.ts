// The API server refuses an Exact or Prefix Ingress path holding these, and Gateway API's HTTPRoute schema
// an Exact or PathPrefix match: a proxy cleans a request's path of them before it matches, so a rule
// written with them would never match the path it names.

/** Sequences no matched path may hold. */
const SEQUENCES: readonly string[] = ['//', '/./', '/../', '%2f', '%2F'];
/** Endings no matched path may have. */
const SUFFIXES: readonly string[] = ['/..', '/.'];

/** What makes `path` one a proxy cleans before it matches (`//`, `/./`, `/../`, `%2F`, a trailing `/.` or `/..`), or undefined. Pure. */
export function pathTraversalProblem(path: string): string | undefined {
  const sequence = SEQUENCES.find((s) => path.includes(s));
  if (sequence !== undefined) {
    return `holds "${sequence}"`;
  }
  const suffix = SUFFIXES.find((s) => path.endsWith(s));
  return suffix === undefined ? undefined : `ends with "${suffix}"`;
}

/** The path a proxy would match in place of `path`: `.` and `..` segments resolved, slashes collapsed. Pure. */
export function cleanedPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.replace(/%2f/gi, '/').split('/')) {
    if (segment === '..') {
      segments.pop();
    } else if (segment !== '' && segment !== '.') {
      segments.push(segment);
    }
  }
  return `/${segments.join('/')}`;
}
