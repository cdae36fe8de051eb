import { DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { checkDns01ProviderFields } from './dns01-provider-fields';
import { AddFinding, fields, Fields, text } from './manifest';

// What cert-manager's webhook refuses in the challenge of an ACME solver although the CRD schema takes it
// (ValidateACMEIssuerChallengeSolverHTTP01Config and its ingress and gateway checks, ValidateACMEChallengeSolverDNS01).
// A strict server-side dry-run calls the webhook, so the issuer is refused there.

/** The DNS-01 providers in the order the webhook counts them; `alone: false` marks the two it counts without refusing a second. */
const DNS01_PROVIDERS: ReadonlyArray<{ readonly key: string; readonly alone: boolean }> = [
  { key: 'akamai', alone: false }, { key: 'azureDNS', alone: true }, { key: 'cloudDNS', alone: true }, { key: 'cloudflare', alone: true },
  { key: 'route53', alone: true }, { key: 'acmeDNS', alone: false }, { key: 'digitalocean', alone: true }, { key: 'rfc2136', alone: true },
  { key: 'webhook', alone: true },
];
/** The TSIG algorithms cert-manager signs RFC 2136 updates with, in any letter case. */
const TSIG_ALGORITHMS: readonly string[] = ['HMACMD5', 'HMACSHA1', 'HMACSHA256', 'HMACSHA512'];
/** The Service types the HTTP-01 solver's pods may be exposed by. */
const SOLVER_SERVICE_TYPES: readonly string[] = ['ClusterIP', 'NodePort'];
/** The ways an ingress solver names where its Ingress goes, of which it takes one. */
const INGRESS_TARGETS = ['ingressClassName', 'class', 'name'] as const;

const given = (record: Fields, key: string): boolean => record[key] !== undefined && record[key] !== null;

/** The challenge of the solver at `at` (`spec.acme.solvers[i]`): its HTTP-01 or its DNS-01 part. Pure: reports through `add`. */
export function checkSolverChallenge(solver: Fields, at: string, add: AddFinding): void {
  if (given(solver, 'http01')) {
    checkHttp01(fields(solver.http01), `${at}.http01`, add);
  } else if (given(solver, 'dns01')) {
    checkDns01(fields(solver.dns01), `${at}.dns01`, add);
  }
}

function checkHttp01(http01: Fields, at: string, add: AddFinding): void {
  const ways = (['ingress', 'gatewayHTTPRoute'] as const).filter((key) => given(http01, key));
  if (ways.length !== 1) {
    add(at, ways.length === 0 ? 'the HTTP-01 challenge says neither how its answer is routed: no ingress and no gatewayHTTPRoute' : 'the HTTP-01 challenge gives both an ingress and a gatewayHTTPRoute; cert-manager takes one',
      ways.length === 0 ? "give ingress: { ingressClassName: 'traefik' } (or gatewayHTTPRoute: { parentRefs: [...] } under Gateway API)" : 'keep the one your cluster routes by, and make a second solver for the other');
  }
  const ingress = fields(http01.ingress);
  const targets = INGRESS_TARGETS.filter((key) => given(ingress, key) && !(key === 'name' && ingress.name === ''));
  if (targets.length > 1) {
    add(`${at}.ingress`, `the ingress solver gives ${targets.join(' and ')}; cert-manager takes one of ingressClassName, class and name`,
      `keep ${targets[0]} and drop ${targets.slice(1).join(' and ')}`);
  }
  const className = text(ingress.ingressClassName);
  const problem = className === undefined ? undefined : nameProblem(className, DNS1123_SUBDOMAIN);
  if (problem !== undefined) {
    add(`${at}.ingress.ingressClassName`, `ingressClassName ${problem}, so it names no IngressClass`,
      "give the IngressClass object's name; a controller's own class string (such as azure/application-gateway) goes in class");
  }
  for (const way of ['ingress', 'gatewayHTTPRoute'] as const) {
    const type = text(fields(http01[way]).serviceType);
    if (type !== undefined && type !== '' && !SOLVER_SERVICE_TYPES.includes(type)) {
      add(`${at}.${way}.serviceType`, `serviceType ${type} is none cert-manager takes for the solver's Service (ClusterIP or NodePort)`,
        'leave serviceType out (NodePort), or write ClusterIP; the challenge is answered through the ingress or gateway, not a load balancer');
    }
  }
}

function checkDns01(dns01: Fields, at: string, add: AddFinding): void {
  const present = DNS01_PROVIDERS.filter((provider) => given(dns01, provider.key));
  if (present.length === 0) {
    add(at, 'the DNS-01 challenge names no DNS provider to write its TXT record with', "give one, e.g. cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } }");
  }
  present.forEach((provider, i) => {
    if (i > 0 && provider.alone) {
      add(`${at}.${provider.key}`, `the DNS-01 challenge names ${present[0].key} and ${provider.key}; cert-manager takes one DNS provider per solver`,
        `make a second solver for ${provider.key}, with a selector (e.g. dnsZones) that says which names it proves`);
    }
  });
  checkDns01ProviderFields(dns01, at, add);
  const cloudflare = fields(dns01.cloudflare);
  if (given(cloudflare, 'apiKeySecretRef') && given(cloudflare, 'apiTokenSecretRef')) {
    add(`${at}.cloudflare`, 'the Cloudflare solver gives both apiKeySecretRef and apiTokenSecretRef; cert-manager takes one', 'keep apiTokenSecretRef (a token scoped to the zone) and drop the global API key');
  } else if (given(cloudflare, 'apiKeySecretRef') && (text(cloudflare.email) ?? '') === '') {
    add(`${at}.cloudflare.email`, "the Cloudflare solver reads a global API key but gives no email, the account's login the key belongs to",
      "give email: the Cloudflare account's e-mail address, or use apiTokenSecretRef, a token that needs none");
  }
  const route53 = fields(dns01.route53);
  if ((text(route53.accessKeyID) ?? '') !== '' && given(route53, 'accessKeyIDSecretRef')) {
    add(`${at}.route53.accessKeyIDSecretRef`, 'the Route 53 solver gives both accessKeyID and accessKeyIDSecretRef; cert-manager takes one', 'keep accessKeyIDSecretRef and drop accessKeyID');
  }
  const algorithm = text(fields(dns01.rfc2136).tsigAlgorithm);
  if (algorithm !== undefined && algorithm !== '' && !TSIG_ALGORITHMS.includes(algorithm.toUpperCase())) {
    const meant = TSIG_ALGORITHMS.find((known) => known === algorithm.toUpperCase().replace(/[^A-Z0-9]/g, ''));
    add(`${at}.rfc2136.tsigAlgorithm`, `TSIG algorithm ${algorithm} is none cert-manager signs with (${TSIG_ALGORITHMS.join(', ')})`,
      meant !== undefined ? `write tsigAlgorithm: ${meant} (cert-manager's spelling of BIND's ${algorithm})` : `give one of ${TSIG_ALGORITHMS.join(', ')}, the one the DNS server's key was made with`);
  }
}
