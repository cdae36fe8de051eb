import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { isStrictSubset, parseIpBlock } from '../inventory/ip';
import { cleanedPath, pathTraversalProblem } from './path-traversal';
import { DNS1035_LABEL, DNS1123_SUBDOMAIN, HOSTNAME, IANA_SERVICE_NAME, nameProblem, PATH_SEGMENT_NAME } from './dns-names';
import { isCidr, isIpAddress } from './schema/formats';
import { checkLabelSelector } from './selector-rules';

/** The annotation that named an Ingress's class before `spec.ingressClassName`, which the API server refuses beside it. */
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/**
 * What the API server refuses in an Ingress (ValidateIngressCreate): no rule and no default backend, a host
 * that is an IP address or no (wildcard) DNS name, in a rule or a TLS entry, a TLS Secret name that is no
 * DNS subdomain, a class name that is no DNS subdomain or that the old class annotation repeats, an HTTP
 * rule without paths, a path that is not absolute or holds `//`, `/./` or `/../`, and a backend that
 * names neither or both of a Service and a resource, or a Service by a name no Service can have, or its
 * port by neither or both of number and name, or by one that is no port.
 */
export function checkIngressPaths(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if (spec.defaultBackend !== undefined) {
    checkIngressBackend(fields(spec.defaultBackend), 'spec.defaultBackend', add);
  } else if (list(spec.rules).length === 0) {
    add('spec.rules', 'the Ingress has neither rules nor a defaultBackend, so it routes nothing', "add rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], or a defaultBackend");
  }
  const className = text(spec.ingressClassName);
  const classProblem = className === undefined ? undefined : nameProblem(className, DNS1123_SUBDOMAIN);
  if (classProblem !== undefined) {
    add('spec.ingressClassName', `ingressClassName ${classProblem}`, 'name the IngressClass as it is named, e.g. traefik');
  }
  const annotations = fields(fields(object.manifest.metadata).annotations);
  if (className !== undefined && annotations[CLASS_ANNOTATION] !== undefined) {
    add(`metadata.annotations.${CLASS_ANNOTATION}`, `the annotation ${CLASS_ANNOTATION} cannot be set beside spec.ingressClassName`,
      'drop the annotation: spec.ingressClassName replaces it');
  }
  list(spec.tls).forEach((tls, t) => {
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((host: unknown, h: number) => checkIngressHost(host, `spec.tls[${t}].hosts[${h}]`, add));
    const secretName = text(tls.secretName);
    const secretProblem = secretName === undefined || secretName === '' ? undefined : nameProblem(secretName, DNS1123_SUBDOMAIN);
    if (secretProblem !== undefined) {
      add(`spec.tls[${t}].secretName`, `Secret name ${secretProblem}`, 'name the Secret that holds the certificate as it is named, e.g. web-tls');
    }
  });
  list(spec.rules).forEach((rule, r) => {
    checkIngressHost(rule.host, `spec.rules[${r}].host`, add);
    if (rule.http !== undefined && list(fields(rule.http).paths).length === 0) {
      add(`spec.rules[${r}].http.paths`, 'the HTTP rule has no paths', "give at least one path, e.g. { path: '/', pathType: 'Prefix', backend }, or drop http");
    }
    list(fields(rule.http).paths).forEach((path, p) => {
      checkIngressBackend(fields(path.backend), `spec.rules[${r}].http.paths[${p}].backend`, add);
      const value = text(path.path);
      const exactOrPrefix = path.pathType === 'Exact' || path.pathType === 'Prefix';
      if ((value !== undefined && value !== '' && !value.startsWith('/')) || (exactOrPrefix && (value ?? '') === '')) {
        add(`spec.rules[${r}].http.paths[${p}].path`, `path ${JSON.stringify(value ?? '')} is not an absolute path`, 'start the path with /, e.g. /api');
      } else if (exactOrPrefix && value !== undefined && pathTraversalProblem(value) !== undefined) {
        add(`spec.rules[${r}].http.paths[${p}].path`, `path ${JSON.stringify(value)} ${pathTraversalProblem(value)}, which the API server refuses for pathType ${String(path.pathType)}`,
          `write the path as requests carry it: ${cleanedPath(value)}`);
      }
    });
  });
}

/** An Ingress host, of a rule or a TLS entry: a DNS name, `*.` before it for a wildcard, and no IP address. */
function checkIngressHost(host: unknown, at: string, add: AddFinding): void {
  if (typeof host !== 'string' || host === '') {
    return;
  }
  if (isIpAddress(host)) {
    add(at, `host ${JSON.stringify(host)} is an IP address; an Ingress host must be a DNS name`, 'give the DNS name clients use, e.g. web.lab.example, or leave host out to match every host');
    return;
  }
  const problem = nameProblem(host, HOSTNAME);
  if (problem !== undefined) {
    add(at, `host ${problem}`, 'give a lower-case DNS name, e.g. web.lab.example, or *.lab.example for a wildcard (no scheme, port or path)');
  }
}

/** An Ingress backend is a Service or a resource; a Service is named as Services are, its port by a number or a name. */
function checkIngressBackend(backend: Fields, at: string, add: AddFinding): void {
  if (backend.service !== undefined && backend.resource !== undefined) {
    add(at, 'the backend names a Service and a resource; it takes one', 'drop service or resource');
  } else if (backend.service === undefined && backend.resource === undefined) {
    add(at, 'the backend names neither a Service nor a resource', "name the Service: service: { name: 'web', port: { number: 80 } }");
  }
  if (backend.resource !== undefined) {
    checkTypedReference(fields(backend.resource), `${at}.resource`, add);
  }
  if (backend.service === undefined) {
    return;
  }
  const service = fields(backend.service);
  const serviceName = text(service.name);
  const serviceProblem = serviceName === undefined ? undefined : nameProblem(serviceName, DNS1035_LABEL);
  if (serviceProblem !== undefined) {
    add(`${at}.service.name`, `Service name ${serviceProblem}`, "name the Service as its metadata.name has it: lower-case letters, digits and '-', starting with a letter");
  }
  const port = fields(service.port);
  if (port.number !== undefined && port.name !== undefined) {
    add(`${at}.service.port`, 'the Service port is given by number and by name; it takes one', 'drop number or name');
  } else if (port.number === undefined && port.name === undefined) {
    add(`${at}.service.port`, 'the Service port is given by neither number nor name', "give the Service's port: port: { number: 80 } or port: { name: 'http' }");
  } else if (typeof port.number === 'number' && !(Number.isInteger(port.number) && port.number >= 1 && port.number <= 65535)) {
    add(`${at}.service.port.number`, `port ${port.number} is not within 1–65535`, "give the Service's port, 1–65535");
  } else if (typeof port.name === 'string') {
    checkPortName(port.name, `${at}.service.port.name`, add);
  }
}

/**
 * A reference to an object by API group, kind and name (an Ingress's resource backend, an IngressClass's
 * parameters), as validateIngressTypedLocalObjectReference takes it: the group a DNS subdomain (no version),
 * the kind and name given and usable as segments of a URL path.
 */
export function checkTypedReference(reference: Fields, at: string, add: AddFinding): void {
  const group = text(reference.apiGroup);
  const groupProblem = group === undefined || group === '' ? undefined : nameProblem(group, DNS1123_SUBDOMAIN);
  if (groupProblem !== undefined) {
    add(`${at}.apiGroup`, `API group ${groupProblem}`, 'give the group alone, without its version, e.g. k8s.example.com (not k8s.example.com/v1)');
  }
  for (const key of ['kind', 'name'] as const) {
    const value = text(reference[key]);
    const problem = value === '' ? 'is empty' : value === undefined ? undefined : nameProblem(value, PATH_SEGMENT_NAME);
    if (problem !== undefined) {
      add(`${at}.${key}`, `${key} ${problem}`, key === 'kind' ? 'give the kind of the object, e.g. StorageBucket' : `give the object's name: ${PATH_SEGMENT_NAME.hint}`);
    }
  }
}

/** A port given by name is named as ports are: an IANA service name. */
function checkPortName(name: string, at: string, add: AddFinding): void {
  const problem = nameProblem(name, IANA_SERVICE_NAME);
  if (problem !== undefined) {
    add(at, `port name ${problem}`, "give the port's name, at most 15 lower-case letters, digits and '-', or its number");
  }
}

/**
 * NetworkPolicy selectors, peers and ports the API server refuses: a malformed label selector, a peer that
 * names nothing or an ipBlock beside selectors, a CIDR it cannot parse, an exception that is no strict
 * subset of its block, a port outside 1–65535 or a name no port can have, a port range on a named port,
 * more than two policy types.
 */
export function checkNetworkPolicyRules(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  checkLabelSelector(spec.podSelector, 'spec.podSelector', add);
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 2) {
    add('spec.policyTypes', `${spec.policyTypes.length} policy types are listed; the API server takes at most two, Ingress and Egress`, "list each type once: ['Ingress'], ['Egress'] or ['Ingress', 'Egress']");
  }
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[direction]).forEach((rule, r) => {
      list(rule[peersKey]).forEach((peer, p) => {
        checkLabelSelector(peer.podSelector, `spec.${direction}[${r}].${peersKey}[${p}].podSelector`, add);
        checkLabelSelector(peer.namespaceSelector, `spec.${direction}[${r}].${peersKey}[${p}].namespaceSelector`, add);
        const block = peer.ipBlock === undefined ? undefined : fields(peer.ipBlock);
        const peerAt = `spec.${direction}[${r}].${peersKey}[${p}]`;
        if (block === undefined && peer.podSelector === undefined && peer.namespaceSelector === undefined) {
          add(peerAt, 'the peer names no pods, namespaces or addresses', `give podSelector, namespaceSelector or ipBlock; to allow every peer, drop ${peersKey}`);
        } else if (block !== undefined && (peer.podSelector !== undefined || peer.namespaceSelector !== undefined)) {
          add(peerAt, 'a peer with an ipBlock takes no podSelector or namespaceSelector', 'make the addresses and the pods two peers of the list');
        }
        if (block === undefined) {
          return;
        }
        const at = `${peerAt}.ipBlock`;
        if (typeof block.cidr !== 'string' || !isCidr(block.cidr)) {
          add(`${at}.cidr`, `${JSON.stringify(block.cidr)} is not a CIDR`, 'write a network as address/prefix, e.g. 192.168.1.0/24');
        }
        const outer = typeof block.cidr === 'string' ? parseIpBlock(block.cidr) : undefined;
        (Array.isArray(block.except) ? block.except : []).forEach((except: unknown, e: number) => {
          if (typeof except !== 'string' || !isCidr(except)) {
            add(`${at}.except[${e}]`, `${JSON.stringify(except)} is not a CIDR`, 'write a network as address/prefix, e.g. 192.168.1.0/28');
            return;
          }
          // The API server's ValidateIPBlock: an exception carves a smaller block out of the cidr.
          const inner = parseIpBlock(except);
          if (outer !== undefined && inner !== undefined && !isStrictSubset(inner, outer)) {
            add(`${at}.except[${e}]`, `${except} is not a strict subset of the cidr ${String(block.cidr)}`,
              `except only blocks inside ${String(block.cidr)} with a longer prefix, or drop it`);
          }
        });
      });
      list(rule.ports).forEach((port, i) => {
        if (typeof port.port === 'string') {
          checkPortName(port.port, `spec.${direction}[${r}].ports[${i}].port`, add);
        }
        for (const key of ['port', 'endPort'] as const) {
          const value = port[key];
          if (typeof value === 'number' && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
            add(`spec.${direction}[${r}].ports[${i}].${key}`, `port ${value} is not within 1–65535`, 'give a port of 1–65535, or its name');
          }
        }
        if (port.endPort === undefined) {
          return;
        }
        const at = `spec.${direction}[${r}].ports[${i}].endPort`;
        if (typeof port.port !== 'number') {
          add(at, 'a port range needs a numeric port to start from', 'give port as a number, or drop endPort');
        } else if (typeof port.endPort === 'number' && port.endPort < port.port) {
          add(at, `the range ends at ${port.endPort}, below its start ${port.port}`, 'give an endPort at least as large as port');
        }
      });
    });
  }
}

/** Traefik 1's prefixes of Ingress annotations, which Traefik 2 and later replaced by router.* and service.* keys. */
const TRAEFIK_V1_PREFIXES = ['traefik.frontend.', 'traefik.backend.', 'ingress.kubernetes.io/'] as const;
/** The prefix of Traefik's Ingress annotations, and the two families under it that Traefik 2 and later read. */
const TRAEFIK_PREFIX = 'traefik.ingress.kubernetes.io/';
const TRAEFIK_CURRENT = /^traefik\.ingress\.kubernetes\.io\/(router|service)\./;
/** How an Ingress names a Traefik Middleware of its own namespace. */
const NAMED_MIDDLEWARE = ', named on the Ingress by traefik.ingress.kubernetes.io/router.middlewares: <namespace>-<name>@kubernetescrd';
/** What Traefik 2 and later do in place of a Traefik 1 annotation, by the end of its key. */
const TRAEFIK_V1_REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/whitelist-source-range$/, 'a Middleware with ipAllowList: { sourceRange: [...] } (Traefik 3 renamed ipWhiteList)' + NAMED_MIDDLEWARE],
  [/(ssl-redirect|redirect-entry-point|frontend-entry-points|ssl-force-host)$/, "traefik.ingress.kubernetes.io/router.entrypoints: websecure with router.tls: 'true' (the entry point web redirects to it)"],
  [/(rule-type|rule\.type|rewrite-target|app-root)$/, 'a Middleware with stripPrefix or replacePathRegex' + NAMED_MIDDLEWARE],
  [/(auth-type|auth-secret|auth-realm)$/, 'a Middleware with basicAuth: { secret }' + NAMED_MIDDLEWARE],
  [/(custom-request-headers|custom-response-headers|ssl-proxy-headers)$/, 'a Middleware with headers' + NAMED_MIDDLEWARE],
];

/** The prefix of cert-manager's annotations before 0.11, which cert-manager 1.x no longer reads. */
export const RETIRED_CERT_MANAGER_PREFIX = 'certmanager.k8s.io/';
/** What cert-manager 1.x reads in place of its old Ingress annotations, by the end of their key. */
const CERT_MANAGER_REPLACEMENTS: Readonly<Record<string, string>> = {
  'cluster-issuer': 'cert-manager.io/cluster-issuer',
  issuer: 'cert-manager.io/issuer',
};

/**
 * Annotations of an Ingress that its controller and cert-manager no longer read: Traefik 1's (Traefik 2 and
 * later read only the router.* and service.* keys under traefik.ingress.kubernetes.io/), so the allow-list,
 * redirect or rewrite they asked for is never applied, and cert-manager's of before 0.11, so no certificate
 * is issued for the Ingress's TLS Secret.
 */
export function checkRetiredIngressAnnotations(object: SynthesizedObject, add: AddFinding): void {
  const annotations = fields(fields(object.manifest.metadata).annotations);
  for (const key in annotations) {
    if (key.startsWith(RETIRED_CERT_MANAGER_PREFIX)) {
      const replacement = CERT_MANAGER_REPLACEMENTS[key.slice(RETIRED_CERT_MANAGER_PREFIX.length)];
      add(`metadata.annotations.${key}`, `annotation ${key} is cert-manager's of before 0.11, which cert-manager 1.x no longer reads: no certificate is issued for the Ingress's TLS Secret`,
        replacement !== undefined
          ? `write ${replacement}: ${JSON.stringify(String(annotations[key]))} in its place`
          : 'drop it: the challenge is chosen by the solvers of the issuer (acmeIssuer({ solvers })), and the Ingress names the issuer with cert-manager.io/cluster-issuer');
      continue;
    }
    const v1 = TRAEFIK_V1_PREFIXES.some((prefix) => key.startsWith(prefix)) || (key.startsWith(TRAEFIK_PREFIX) && !TRAEFIK_CURRENT.test(key));
    if (!v1) {
      continue;
    }
    const replacement = TRAEFIK_V1_REPLACEMENTS.find(([pattern]) => pattern.test(key))?.[1] ?? `the router.* and service.* annotations, or a Middleware${NAMED_MIDDLEWARE}`;
    add(`metadata.annotations.${key}`, `annotation ${key} is Traefik 1's: Traefik 2 and later read only traefik.ingress.kubernetes.io/router.* and service.*, so it is ignored`,
      `drop it and write ${replacement}; an App's route writes these for its own props`);
  }
}
