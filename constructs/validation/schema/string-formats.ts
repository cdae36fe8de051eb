import type { FormatDefinition } from './formats';

// The string formats kube-openapi's default registry (strfmt.Default) checks in a custom resource beside those
// of the Kubernetes definitions and the supported CRDs: a CRD written by hand may give them, and the API server
// then refuses an object whose value is not of the format. Each check is at most as strict as kube-openapi's,
// so that no value the API server takes is refused.

// strfmt's HostnamePattern (RFC 1034 labels, with symbols and letters of any script), in JavaScript's `u` syntax.
const HOSTNAME = /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z0-9\p{S}\p{L}])(-?[a-zA-Z0-9\p{S}\p{L}]){1,62})$/u;
// strfmt's UUID patterns: any letter case, the dashes optional.
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
// Go's net.ParseMAC: 6, 8 or 20 octets in pairs of hex digits parted by ':' or '-', or in groups of four parted by '.'.
const MAC_PAIRS = /^[0-9a-f]{2}(?:([:-])[0-9a-f]{2})(?:\1[0-9a-f]{2})*$/i;
const MAC_QUADS = /^[0-9a-f]{4}(?:\.[0-9a-f]{4})*$/i;

/** Whether `value` is a host name as strfmt's IsHostname reads it: its pattern, at most 255 bytes, labels of 63. */
export function isFormatHostname(value: string): boolean {
  return HOSTNAME.test(value) && Buffer.byteLength(value) <= 255 && value.split('.').every((label) => Buffer.byteLength(label) <= 63);
}

/** Whether `value` may be an e-mail address to Go's mail.ParseAddress: a mailbox with text on both sides of its last '@'. */
function mayBeEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  return at > 0 && at < value.length - 1;
}

/** Whether `value` may be a request URI to Go's url.ParseRequestURI: absolute (a scheme) or a path from the root. */
function mayBeRequestUri(value: string): boolean {
  return value === '*' || value.startsWith('/') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value);
}

/** Whether `value` is a MAC address Go's net.ParseMAC reads. */
function isMacAddress(value: string): boolean {
  if (MAC_PAIRS.test(value)) {
    return [6, 8, 20].includes((value.length + 1) / 3);
  }
  return MAC_QUADS.test(value) && [3, 4, 10].includes((value.length + 1) / 5);
}

/** kube-openapi's string formats of custom resources, by name. */
export const CUSTOM_RESOURCE_STRING_FORMATS: Readonly<Record<string, FormatDefinition>> = {
  'hostname': { type: 'string', validate: isFormatHostname },
  'email': { type: 'string', validate: mayBeEmail },
  'uri': { type: 'string', validate: mayBeRequestUri },
  'mac': { type: 'string', validate: isMacAddress },
  'uuid': { type: 'string', validate: (s: string) => UUID.test(s) },
  'uuid3': { type: 'string', validate: (s: string) => UUID3.test(s) },
  'uuid4': { type: 'string', validate: (s: string) => UUID4.test(s) },
  'uuid5': { type: 'string', validate: (s: string) => UUID5.test(s) },
};
