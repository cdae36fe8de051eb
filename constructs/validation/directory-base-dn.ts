import { list, text } from './manifest';
import { containersOf, type PodTemplate } from './pod-spec';

// A directory answers under its base DN alone: a client given a base or bind DN under another suffix (a letter
// swapped, the example's dc=example,dc=com kept) binds as nobody and finds no user, so every LDAP login fails while
// the connection itself works. Where the directory is LLDAP, whose base DN is a variable of its container, the
// DNs of its clients' env are read against it.

/** LLDAP's images, by repository. */
const LLDAP_IMAGE = /^((docker\.io|ghcr\.io)\/)?(lldap|nitnelave)\/lldap(?=[:@]|$)/;

/** LLDAP's base DN unless `LLDAP_LDAP_BASE_DN` sets it. */
const LLDAP_DEFAULT_BASE_DN = 'dc=example,dc=com';

/** A value written as a distinguished name that names domain components (`ou=people,dc=home,dc=test`). */
const DN_WITH_DOMAIN = /^\s*(?:[a-z][a-z0-9-]*\s*=\s*[^,=]+\s*,\s*)*dc\s*=\s*[^,=]+(?:\s*,\s*dc\s*=\s*[^,=]+)*\s*$/i;

/** A DN in one spelling: lower case, no blanks around `,` and `=`. */
function normalDn(dn: string): string {
  return dn.trim().toLowerCase().replace(/\s*([,=])\s*/g, '$1');
}

/** The base DN the LLDAP container of `template` serves, where it runs LLDAP; undefined otherwise (or when a Secret gives it). */
export function directoryBaseDn(template: PodTemplate): string | undefined {
  for (const { container } of containersOf(template)) {
    if (!LLDAP_IMAGE.test(text(container.image) ?? '')) {
      continue;
    }
    const entry = list(container.env).find((variable) => text(variable.name) === 'LLDAP_LDAP_BASE_DN');
    if (entry !== undefined && text(entry.value) === undefined) {
      return undefined;
    }
    return entry === undefined ? LLDAP_DEFAULT_BASE_DN : text(entry.value);
  }
  return undefined;
}

/** A DN among the env of a directory's client that is not at or under the directory's base DN. */
export interface ForeignDn {
  readonly name: string;
  readonly value: string;
  /** Field of the variable, e.g. `spec.template.spec.containers[0].env[2]`. */
  readonly field: string;
}

/** The DNs of `template`'s containers' env that lie outside `baseDn`. Pure. */
export function dnsOutside(template: PodTemplate, baseDn: string): ForeignDn[] {
  const base = normalDn(baseDn);
  return containersOf(template).flatMap(({ container, path }) => list(container.env).flatMap((variable, position): ForeignDn[] => {
    const name = text(variable.name);
    const value = text(variable.value);
    if (name === undefined || value === undefined || !DN_WITH_DOMAIN.test(value)) {
      return [];
    }
    const dn = normalDn(value);
    return dn === base || dn.endsWith(`,${base}`) ? [] : [{ name, value, field: `${path}.env[${position}]` }];
  }));
}

/** `dn` with its domain components replaced by those of `baseDn`: what the hint writes. Pure. */
export function underBase(dn: string, baseDn: string): string {
  const parts = dn.split(',').map((part) => part.trim());
  const kept = parts.filter((part) => !/^dc\s*=/i.test(part));
  return [...kept, baseDn].join(',');
}

