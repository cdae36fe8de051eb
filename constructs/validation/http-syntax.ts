/** An HTTP header name: an RFC 7230 token, which is also what Gateway API's `HTTPHeaderName` allows. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Why `name` is no HTTP header name, or undefined when it is one. Pure. */
export function headerNameProblem(name: string): string | undefined {
  return HEADER_TOKEN.test(name)
    ? undefined
    : `"${name}" is no HTTP header name: a header name is letters, digits and !#$%&'*+-.^_\`|~, without spaces or colons`;
}
