import type { SecretReference } from '../../secrets/secret-reference';
import { requiredArgument } from '../component-arguments';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';
import { goDurationFlagProblem } from '../chart-values';
import { describeValue } from '../../inventory/problems';
import type { PropProblem } from '../../validation/known-props';
import { InputError } from '../../validation/input-error';

/** Pinned releases of external-dns and the AdGuard Home webhook. Renovate reads the comment above each pin. */
export const EXTERNAL_DNS_PINS = {
  // renovate: datasource=helm depName=external-dns registryUrl=https://kubernetes-sigs.github.io/external-dns
  chart: '1.18.0',
  // renovate: datasource=docker depName=ghcr.io/muhlba91/external-dns-provider-adguard
  adguardWebhook: 'v8.0.1',
} as const;

/** Namespace external-dns runs in. */
export const EXTERNAL_DNS_NAMESPACE = 'external-dns';

/** Which DNS server one external-dns instance writes to. */
export type ExternalDnsProvider =
  /** Public records in Cloudflare, with an API token of Zone:DNS:Edit and Zone:Zone:Read (it finds each zone by name). */
  | { readonly kind: 'cloudflare'; readonly apiToken: SecretReference }
  /** Rewrites in AdGuard Home through the webhook provider sidecar. */
  | {
    readonly kind: 'adguard';
    /** AdGuard Home's URL, e.g. `http://adguard-home.adguard-home.svc:3000`. */
    readonly url: string;
    /** AdGuard Home's user name. */
    readonly username: SecretReference;
    /** AdGuard Home's password. */
    readonly password: SecretReference;
  };

/** Options of one external-dns instance. */
export interface ExternalDnsOptions {
  /** Where records go. */
  readonly provider: ExternalDnsProvider;
  /** Domains it may write, e.g. `['jax-lab.dev']`. */
  readonly domains: readonly string[];
  /** Owner id in its TXT registry records, unique per instance writing one zone. */
  readonly ownerId: string;
  /**
   * Requests and limits of external-dns (`externalDns`) and of an AdGuard Home instance's webhook sidecar
   * (`webhook`), as an App's `resources`, merged key by key into the default; the cluster gives its
   * `componentResources.externalDns`.
   * @default - 10m CPU and 48Mi requested, a 192Mi memory limit, each
   */
  readonly resources?: PartResources<ExternalDnsPart>;
}

/**
 * Size of external-dns, which lists routes and records once a minute, and of its AdGuard Home webhook sidecar:
 * 10m CPU and 48Mi requested, a 192Mi memory limit each.
 */
export const EXTERNAL_DNS_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '48Mi', memoryLimit: '192Mi' };

// The chart's keys of the external-dns container and of a webhook provider's sidecar, read in its values.yaml.
/** The parts of external-dns, each with its chart values keys and this library's size of it. */
export const EXTERNAL_DNS_PARTS = {
  externalDns: { keys: ['resources'], size: EXTERNAL_DNS_SIZE },
  webhook: { keys: ['provider.webhook.resources'], size: EXTERNAL_DNS_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of external-dns a user can size: external-dns itself, and the AdGuard Home webhook sidecar of an AdGuard instance. */
export type ExternalDnsPart = keyof typeof EXTERNAL_DNS_PARTS;

/** Every part of external-dns, by name. */
export const EXTERNAL_DNS_PART_NAMES = Object.keys(EXTERNAL_DNS_PARTS) as ExternalDnsPart[];

/** The policies external-dns' --policy flag takes, which refuses any other. */
const EXTERNAL_DNS_POLICIES = ['sync', 'upsert-only', 'create-only'];

/**
 * Values external-dns refuses at its start, so its pod never runs: an `interval` that is no Go duration
 * (`60`, `1d`), handed to --interval, or a `policy` --policy does not know (`upsert`). Pure.
 */
function externalDnsValuesProblems(values: Record<string, unknown>): PropProblem[] {
  const interval = goDurationFlagProblem(values, 'interval', 'external-dns\'s --interval');
  const policy = values.policy;
  return [
    ...interval === undefined ? [] : [interval],
    ...policy === undefined || EXTERNAL_DNS_POLICIES.includes(policy as string) ? [] : [{
      field: 'policy',
      message: `policy is ${describeValue(policy)}, which external-dns's --policy does not take: external-dns refuses the flag and never starts`,
      hint: `write one of ${EXTERNAL_DNS_POLICIES.join(', ')}${typeof policy === 'string' && /upsert/i.test(policy) ? ": policy: 'upsert-only' creates and updates records and deletes none" : ''}`,
    }],
  ];
}

const env = (name: string, ref: SecretReference) => ({ name, valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } } });

/**
 * The record types external-dns keeps (`--managed-record-types`): its own default, A, AAAA and CNAME, skips a
 * DNSEndpoint's TXT and MX records without a word, and those are a mail domain's SPF, DKIM, DMARC and MX.
 */
export const MANAGED_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'MX'] as const;

/**
 * The provider of `options`, when it is one this component is made for and holds the secrets it reads, and the
 * domains are a list of names; else the input error that names the argument, as a JavaScript caller meets it in
 * place of a TypeError.
 */
function checkedProvider(options: ExternalDnsOptions): ExternalDnsProvider {
  const call = 'externalDnsComponent()';
  const providers = "{ kind: 'cloudflare', apiToken } or { kind: 'adguard', url, username, password }";
  const provider = requiredArgument(requiredArgument(options, call, 'options', 'object', `{ provider: ${providers}, … }`).provider, call, 'options.provider', 'object', providers);
  const secret = (name: string) => `a reference to the key of a Secret: ${name}: { secretName: 'external-dns', key: '${name}' }`;
  if (provider.kind === 'cloudflare') {
    requiredArgument(provider.apiToken, call, 'options.provider.apiToken', 'object', secret('apiToken'));
  } else if (provider.kind === 'adguard') {
    requiredArgument(provider.url, call, 'options.provider.url', 'text', "AdGuard Home's URL: url: 'http://adguard.lab.test'");
    requiredArgument(provider.username, call, 'options.provider.username', 'object', secret('username'));
    requiredArgument(provider.password, call, 'options.provider.password', 'object', secret('password'));
  } else {
    throw new InputError(`${call} was given ${describeValue((provider as { kind?: unknown }).kind)} for options.provider.kind, not cloudflare or adguard`,
      'options.provider.kind', `give it as ${providers}`);
  }
  requiredArgument(options.domains, call, 'options.domains', 'list', "the domains whose records it keeps: domains: ['lab.example.com']")
    .forEach((domain, i) => requiredArgument(domain, call, `options.domains[${i}]`, 'text', "a domain name: 'lab.example.com'"));
  return provider;
}

/**
 * external-dns from the kubernetes-sigs chart, reading Services, Ingresses and Traefik IngressRoutes:
 * a Cloudflare instance publishes public records; an AdGuard Home instance (webhook provider as a
 * sidecar) writes the internal half of a split horizon.
 */
export function externalDnsComponent(options: ExternalDnsOptions): PlatformComponentProps {
  const provider = checkedProvider(options);
  // Only the webhook provider runs a sidecar.
  const parts: Partial<typeof EXTERNAL_DNS_PARTS> = provider.kind === 'adguard' ? EXTERNAL_DNS_PARTS : { externalDns: EXTERNAL_DNS_PARTS.externalDns };
  const providerValues = provider.kind === 'cloudflare'
    ? { provider: { name: 'cloudflare' }, env: [env('CF_API_TOKEN', provider.apiToken)] }
    : {
      provider: {
        name: 'webhook',
        webhook: {
          image: { repository: 'ghcr.io/muhlba91/external-dns-provider-adguard', tag: EXTERNAL_DNS_PINS.adguardWebhook },
          env: [
            { name: 'ADGUARD_URL', value: provider.url },
            env('ADGUARD_USER', provider.username),
            env('ADGUARD_PASSWORD', provider.password),
            { name: 'SERVER_HOST', value: '0.0.0.0' },
            { name: 'DRY_RUN', value: 'false' },
          ],
          // The sidecar gets no security context from the chart; its namespace is restricted.
          securityContext: { ...RESTRICTED_POD_SECURITY, ...RESTRICTED_CONTAINER_SECURITY },
        },
      },
    };
  return {
    name: `external-dns-${provider.kind}`,
    description: `external-dns: records of routes and LoadBalancers in ${provider.kind === 'cloudflare' ? 'Cloudflare' : 'AdGuard Home'}`,
    namespace: EXTERNAL_DNS_NAMESPACE,
    valuesProblems: externalDnsValuesProblems,
    network: servesPorts(
      { port: 7979, purpose: 'health and metrics of external-dns' },
      { port: 8080, purpose: 'health and metrics of a webhook provider sidecar' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://kubernetes-sigs.github.io/external-dns', chart: 'external-dns', version: EXTERNAL_DNS_PINS.chart },
      values: withPartResources({
        // `crd`: records no route describes, as DNSEndpoint objects. The chart installs their CRD from
        // its crds/ folder, with no value to turn it on or off.
        sources: ['service', 'ingress', 'traefik-proxy', 'crd'],
        // Only the CRD-based IngressRoutes of Traefik v3, not the legacy traefik.containo.us group.
        extraArgs: ['--traefik-disable-legacy'],
        domainFilters: [...options.domains],
        policy: 'sync',
        registry: 'txt',
        txtOwnerId: options.ownerId,
        managedRecordTypes: [...MANAGED_RECORD_TYPES],
        ...providerValues,
      }, parts, options.resources),
    },
    resources: { setAt: partValuesKeys(parts) },
    crds: [{ group: 'externaldns.k8s.io', kinds: ['DNSEndpoint'] }],
  };
}
