import type * as net from 'net';
import { CUSTOM_RESOURCE_STRING_FORMATS } from './string-formats';

/**
 * The format given to metav1.MicroTime fields (a Lease's renewTime and acquireTime, an Event's eventTime), whose
 * swagger says only date-time: a name of our own, which no CRD declares.
 */
export const MICRO_TIME_FORMAT = 'kubernetes-micro-time';

/** An ajv format definition: which JSON type it applies to and its check. */
export interface FormatDefinition {
  /** JSON type the format constrains; values of other types pass the format check. */
  readonly type: 'string' | 'number';
  /** True when the value is well-formed. */
  readonly validate: (value: never) => boolean;
}

const INT32 = 2 ** 31;

let netModule: typeof net | undefined;
/**
 * Node's `net`, loaded at the first address check rather than at start: loading it costs a few
 * milliseconds, and a warm synth checks no address (its results come from the validation cache).
 */
function addresses(): typeof net {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (netModule ??= require('net') as typeof net);
}

// apimachinery's resource.Quantity grammar (the same regex controller-gen emits for Quantity fields).
const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))?$/;
// RFC 3339 as Go's time.RFC3339 parses it (metav1.Time).
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
// metav1.MicroTime as it decodes: Go's time.Parse with the layout RFC3339Micro, which takes exactly six digits of
// fraction (`.000000` in a layout matches that many and no fewer), an upper-case T and Z, and no leap second.
const MICRO_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// Go's base64.StdEncoding (padded), which decodes []byte fields; it skips CR and LF.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Node's IPv6 expression takes milliseconds to compile at its first use, and most values these checks see
// are host names: an IPv6 address has a colon.
/**
 * Four decimal octets of 0 to 255 without leading zeros, as Node's `net.isIPv4` and Go's `net.ParseIP` (since
 * Go 1.17) read an IPv4 address: checked here, so that a lab of IPv4 addresses never loads `net`.
 */
const IPV4_ADDRESS = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;

/** Whether `value` is an IPv6 address (node's parser, loaded at the first call). */
export function isIpv6Address(value: string): boolean {
  return value.includes(':') && addresses().isIPv6(value);
}

/** Whether `value` is an IPv4 address. */
export function isIpv4Address(value: string): boolean {
  return IPV4_ADDRESS.test(value);
}

/** Whether `value` is an IPv4 or IPv6 address (node's parser, loaded at the first call). */
export function isIpAddress(value: string): boolean {
  return isIpv4Address(value) || isIpv6Address(value);
}

/** Whether `value` is an IPv4 or IPv6 CIDR, as the API server parses one (host bits may be set). */
export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(bits)) return false;
  if (isIpv4Address(ip)) return Number(bits) <= 32;
  return isIpv6Address(ip) && Number(bits) <= 128;
}

/**
 * The `format` values that appear in the Kubernetes 1.30 definitions and in the supported CRDs, and the
 * string formats kube-openapi checks in any custom resource (see string-formats.ts), checked the way the API
 * server decodes them. A format that is not listed here (for example `idn-hostname`, `password`) is removed
 * from the schema while it is prepared: kube-openapi ignores formats it does not know or takes any value of
 * them, and rejecting values it accepts would make us wrong, not strict.
 */
export const KUBERNETES_FORMATS: Readonly<Record<string, FormatDefinition>> = {
  'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
  'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) },
  'float': { type: 'number', validate: (n: number) => Number.isFinite(n) },
  'double': { type: 'number', validate: (n: number) => Number.isFinite(n) },
  'byte': { type: 'string', validate: (s: string) => BASE64.test(s.replace(/[\r\n]/g, '')) },
  'date-time': { type: 'string', validate: (s: string) => DATE_TIME.test(s) },
  'date': { type: 'string', validate: (s: string) => DATE.test(s) },
  [MICRO_TIME_FORMAT]: { type: 'string', validate: (s: string) => MICRO_TIME.test(s) },
  'ipv4': { type: 'string', validate: isIpv4Address },
  'ipv6': { type: 'string', validate: isIpv6Address },
  'cidr': { type: 'string', validate: isCidr },
  'quantity': { type: 'string', validate: (s: string) => QUANTITY.test(s) },
  ...CUSTOM_RESOURCE_STRING_FORMATS,
};

/** How to write a value of `format` where the schema's own word for it would mislead (a MicroTime is no plain date-time). Pure. */
export function formatHint(format: string): string | undefined {
  return format === MICRO_TIME_FORMAT
    ? 'write the time with six digits after the seconds, as the API server decodes it, e.g. 2024-05-01T10:00:00.000000Z (date -u +%Y-%m-%dT%H:%M:%S.%6NZ)'
    : undefined;
}

/** Human readable name of a format for messages (`must be a valid quantity`). */
export function describeFormat(format: string): string {
  switch (format) {
    case 'int32': return '32-bit integer';
    case 'int64': return '64-bit integer';
    case 'byte': return 'base64 string';
    case 'date-time': return 'RFC 3339 date-time';
    case MICRO_TIME_FORMAT: return 'time with exactly six digits of microseconds (e.g. 2024-05-01T10:00:00.000000Z)';
    case 'quantity': return 'quantity (e.g. 500m, 1Gi)';
    case 'cidr': return 'CIDR (e.g. 10.0.0.0/24)';
    case 'email': return 'e-mail address (e.g. ops@lab.example)';
    case 'hostname': return 'host name (e.g. nas.lab.example)';
    case 'uri': return 'URI with a scheme, or a path from / (e.g. https://lab.example/hook)';
    case 'mac': return 'MAC address (e.g. 52:54:00:12:34:56)';
    default: return format;
  }
}
