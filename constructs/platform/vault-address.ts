import type { PropProblem } from '../validation/known-props';
import { hostOf, isUrlWithScheme } from '../validation/urls';

/**
 * A Vault or OpenBao address written without its scheme (`bao.example.org:8200`): the Vault clients of
 * External Secrets Operator and of the CSI provider need the URL and cannot reach it. Pure; `field` is
 * the prop that holds the address (`server`, `vaultAddress`).
 */
export function vaultAddressProblems(field: string, address: unknown, reader: string): PropProblem[] {
  if (address === undefined || isUrlWithScheme(address, ['https', 'http'])) {
    return [];
  }
  return [{
    field, message: `${field} "${String(address)}" is not a URL with its scheme; ${reader} cannot reach it`,
    hint: `write it with its scheme: ${field}: 'https://${typeof address === 'string' ? hostOf(address) : 'bao.example.org'}'`,
  }];
}

/**
 * A role of a Kubernetes auth method named as Vault and OpenBao refuse (`external secrets`): a role name is
 * one path segment of letters, digits, `_`, `-` and `.`, beginning and ending with a letter, digit or `_`,
 * and the owner's step writes it into `vault write auth/<mount>/role/<role>` as it is. Pure.
 */
export function vaultRoleProblems(field: string, role: unknown): PropProblem[] {
  if (typeof role !== 'string' || /^\w(?:[\w.-]*\w)?$/.test(role)) {
    return [];
  }
  const meant = role.trim().replace(/[^\w.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '');
  return [{
    field, message: `${field} "${role}" is no role name Vault takes: letters, digits, '_', '-' and '.', beginning and ending with a letter, digit or '_'`,
    hint: `write ${field}: '${meant || 'external-secrets'}'`,
  }];
}
