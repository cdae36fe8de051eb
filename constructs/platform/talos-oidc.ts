import type { PropProblem } from '../validation/known-props';
import { discoveryUrlProblem } from '../validation/oidc-issuer';
import type { TalosPatch } from './talos-steps';
import type { ClusterChart } from './cluster-chart';

// Who the API server of a Talos cluster takes people for: an OpenID Connect issuer (Keycloak, Dex…) whose ID
// tokens kubectl presents. It is a flag of the API server, so it lives in the control-plane machine config
// the owner makes, beside the other patches, not in anything the repository applies.

/** The API server's OpenID Connect authentication (`cluster.apiServer.extraArgs`, the `oidc-*` flags). */
export interface TalosApiServerOidc {
  /**
   * URL of the issuer, as its ID tokens write it in `iss` (`oidc-issuer-url`; https, no query or fragment, not its
   * discovery document `…/.well-known/openid-configuration`),
   * e.g. `https://auth.example.com/realms/lab` for a Keycloak realm.
   */
  readonly issuerUrl: string;
  /** The client the ID tokens are issued to (`oidc-client-id`): the API server takes only tokens whose `aud` names it. */
  readonly clientId: string;
  /**
   * The claim that names the user (`oidc-username-claim`), which RoleBindings of kind User bind.
   * @default - the API server's, `sub`, with the issuer URL before it
   */
  readonly usernameClaim?: string;
  /**
   * The claim that lists the user's groups (`oidc-groups-claim`), which RoleBindings of kind Group bind
   * (e.g. a `Tenant`'s `oidcGroups`).
   * @default - none: a token gives its user no groups
   */
  readonly groupsClaim?: string;
}

/** The OpenID Connect option of `talos()`. */
export interface TalosOidcProps {
  /**
   * Let the API server take the ID tokens of an OpenID Connect issuer as users, for people who log in with
   * kubectl through the issuer (e.g. the kubelogin plugin): a control-plane patch of the machine configs.
   * @default - no OpenID Connect: people use client certificates of the admin kubeconfig
   */
  readonly apiServerOidc?: TalosApiServerOidc;
}

/** The control-plane patch of `oidc`, its flags in the order the API server documents them. Pure. */
export function talosOidcPatch(oidc: TalosApiServerOidc): TalosPatch {
  const extraArgs: Record<string, string> = {
    'oidc-issuer-url': oidc.issuerUrl,
    'oidc-client-id': oidc.clientId,
    ...(oidc.usernameClaim !== undefined ? { 'oidc-username-claim': oidc.usernameClaim } : {}),
    ...(oidc.groupsClaim !== undefined ? { 'oidc-groups-claim': oidc.groupsClaim } : {}),
  };
  const claims = [oidc.usernameClaim && `the user from claim ${oidc.usernameClaim}`, oidc.groupsClaim && `the groups from claim ${oidc.groupsClaim}`].filter(Boolean);
  return {
    what: `the API server takes the ID tokens ${oidc.issuerUrl} issues to client ${oidc.clientId}${claims.length > 0 ? `, ${claims.join(' and ')}` : ''} `
      + `(cluster.apiServer.extraArgs ${Object.keys(extraArgs).join(', ')})`,
    patch: { cluster: { apiServer: { extraArgs } } },
  };
}

/** The keys of {@link TalosApiServerOidc}. */
const TALOS_OIDC_KEYS: readonly string[] = ['issuerUrl', 'clientId', 'usernameClaim', 'groupsClaim'] satisfies ReadonlyArray<keyof TalosApiServerOidc>;

/** What `apiServerOidc` cannot take beyond its type: an issuer that is no https URL, an empty client or claim. Pure. */
export function talosOidcProblems(props: TalosOidcProps): PropProblem[] {
  const oidc = props?.apiServerOidc;
  if (oidc === undefined || oidc === null || typeof oidc !== 'object') {
    return [];
  }
  const problems: PropProblem[] = [];
  // A key of another name (`issuer`, `clientID`) is one error already, whose hint names the key meant.
  const strayKey = Object.keys(oidc).some((key) => !TALOS_OIDC_KEYS.includes(key));
  for (const field of ['issuerUrl', 'clientId'] as const) {
    if (oidc[field] === undefined && !strayKey) {
      problems.push({
        field: `apiServerOidc.${field}`, message: `${field} is missing, and the API server takes no token without it`,
        hint: field === 'issuerUrl' ? "write the issuer's URL, e.g. 'https://auth.example.com/realms/lab'" : "name the issuer's client for kubectl, e.g. 'kubernetes'",
      });
    }
  }
  const discovery = discoveryUrlProblem('apiServerOidc.issuerUrl', oidc.issuerUrl);
  if (discovery !== undefined) {
    problems.push(discovery);
  } else if (typeof oidc.issuerUrl === 'string' && !issuerUrlSound(oidc.issuerUrl)) {
    problems.push({
      field: 'apiServerOidc.issuerUrl', message: `"${oidc.issuerUrl}" is no https URL without query or fragment, and the API server refuses to start with it`,
      hint: "write the issuer's URL as its tokens' iss claim does, e.g. 'https://auth.example.com/realms/lab'",
    });
  }
  for (const field of ['clientId', 'usernameClaim', 'groupsClaim'] as const) {
    const value = oidc[field];
    if (typeof value === 'string' && value.trim() === '') {
      problems.push({ field: `apiServerOidc.${field}`, message: `${field} is empty`, hint: field === 'clientId' ? "name the issuer's client for kubectl, e.g. 'kubernetes'" : 'name the claim, or leave it out' });
    }
  }
  return problems;
}

/** Whether `url` is an https URL the API server takes as its issuer (no query, no fragment). */
export function issuerUrlSound(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.search === '' && parsed.hash === '' && !url.includes('#') && !url.includes('?');
  } catch {
    return false;
  }
}

/** The API server's OpenID Connect settings of a cluster, with the cluster prop that holds them (`preinstalled[0].apiServerOidc`). */
export interface ClusterApiServerOidc {
  /** The API server's OIDC settings, as the distribution's props give them. */
  readonly oidc: TalosApiServerOidc;
  /** The cluster prop that holds them, where findings about them go (e.g. `preinstalled[0].apiServerOidc`). */
  readonly field: string;
  /** How the distribution's props name a groups claim, for hints: `apiServerOidc: { …, groupsClaim: 'groups' }`. */
  readonly groupsClaimWritten: string;
  /** The API server's `oidc-username-prefix`, where the distribution sets one (`-` for none). @default - the API server's */
  readonly usernamePrefix?: string;
}

/**
 * What the API server names a user who logs in through `oidc` as, for the claim value `value`: as the claim says
 * for `email`, else after the issuer's URL and `#` (the API server's default prefix), or after `usernamePrefix`. Pure.
 */
export function oidcUserName(oidc: ClusterApiServerOidc, value: string): string {
  const claim = oidc.oidc.usernameClaim ?? 'sub';
  const prefix = oidc.usernamePrefix ?? (claim === 'email' ? '-' : `${oidc.oidc.issuerUrl}#`);
  return prefix === '-' ? value : `${prefix}${value}`;
}

// Kept beside the cluster: the bindings' checks, which run on the rendered objects, read what the distribution set.
const apiServerOidcs = new WeakMap<ClusterChart, ClusterApiServerOidc>();

/** Notes that the API server of `cluster` takes the ID tokens of `oidc`, set at the cluster prop `field`. */
export function noteApiServerOidc(
  cluster: ClusterChart, oidc: TalosApiServerOidc, field: string, groupsClaimWritten = "apiServerOidc: { …, groupsClaim: 'groups' }", usernamePrefix?: string,
): void {
  apiServerOidcs.set(cluster, { oidc, field, groupsClaimWritten, ...(usernamePrefix !== undefined ? { usernamePrefix } : {}) });
}

/** The API server's OpenID Connect settings of `cluster`, where its distribution sets them. */
export function apiServerOidcOf(cluster: ClusterChart): ClusterApiServerOidc | undefined {
  return apiServerOidcs.get(cluster);
}
