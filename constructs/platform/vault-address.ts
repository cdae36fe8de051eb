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
