import { seaweedfsPeerCalls } from './seaweedfs-peers';
import { eachHostOf, hostReference } from '../app/env-hosts';
import { dockerDaemonListener, dockerDaemonListenerHint } from '../app/docker-daemon';
import { isPublicUrlVariable } from '../app/redirect-urls';
import { singleAddressNetwork } from '../inventory/ip';
import { parseIpAddress } from '../inventory/ip-address';
import { staysInPod } from './special-ips';
import { schedulableHosts } from './scheduling';
import { isShellScript, programName, shellWords } from './command-secrets';
import { type MissingService, missingServiceProblem, namespaceInCluster, renamedNamespaceCall, unnamedOperatorResource } from './called-services';
import { unservedChartPort } from './chart-service-ports';
import { type TunnelOrigin, tunnelOrigins } from './tunnel-origins';
import { runsRtl433 } from '../app/sdr-receivers';
import { EXTERNAL_DNS_NAMESPACE } from '../platform/components/external-dns';
import { shortNameNamespaces } from '../platform/component-network';
import { KNATIVE_CLUSTER_LOCAL_PORT } from '../platform/knative-local-port';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { indexOf, type ObjectIndex } from './object-index';
import { routeHosts } from './route-hosts';
import { directoryBaseDn, dnsOutside, underBase } from './directory-base-dn';
import { admittedPodTemplates, type ContainerRef, containersOf, type PodTemplate, podTemplatesSelectedBy } from './pod-spec';
import { configFileAddresses, containerConfigMaps } from './config-file-hosts';
import { type Admission, namespaceLabels, policyAdmission, type PolicyPod, type PolicyTarget } from './policy-admission';
import { platformReading } from './platform-reading';

// An app that reaches another by the address in its env (`OLLAMA_BASE_URL: http://ollama:11434`) passes
// synthesis, but the other app's default-deny policy drops its connections unless it admits the caller:
// the pod waits on a timeout in the cluster. The rendered policies of both ends decide.

/** A Service of the cluster an env value names: its name, namespace and port (undefined when the value gives none). */
export interface CalledService {
  readonly name: string;
  readonly namespace: string;
  readonly port?: number;
  /** The port the value's URL calls by its scheme, as it names none (`http://sonarr` calls 80). @default - a port is written, or none is known */
  readonly schemePort?: number;
}

/**
 * The Service an environment value of variable `name`, in an app of namespace `namespace`, calls: the host
 * of a URL (`http://ollama:11434`), a name with its port (`ollama:11434`), or, under a name that holds a
 * host (`OLLAMA_HOST`), a bare name, each as `<service>`, `<service>.<namespace>` or
 * `<service>.<namespace>.svc[.<cluster domain>]`. Pure.
 */
export function calledService(name: string, value: string, namespace: string): CalledService | undefined {
  const named = hostReference(name, value);
  const labels = named?.host.split('.') ?? [];
  // An IPv6 address in its brackets names a machine, never a Service.
  if (named === undefined || named.host.startsWith('[') || (labels.length > 2 && labels[2] !== 'svc')) {
    return undefined;
  }
  return { name: labels[0], namespace: labels[1] ?? namespace, port: named.port, schemePort: named.schemePort };
}

/**
 * The headless Service an environment value calls through one of its pods' own names, as a StatefulSet's
 * peers are reached: `<pod>.<service>`, `<pod>.<service>.<namespace>` or
 * `<pod>.<service>.<namespace>.svc[.<cluster domain>]` (`etcd-0.etcd-headless:2380`). The reading of
 * {@link calledService} comes first; this one is taken only where it names a headless Service. Pure.
 */
export function calledPodService(name: string, value: string, namespace: string): CalledService | undefined {
  const named = hostReference(name, value);
  const labels = named?.host.split('.') ?? [];
  if (named === undefined || named.host.startsWith('[') || labels.length < 2 || (labels.length > 3 && labels[3] !== 'svc')) {
    return undefined;
  }
  return { name: labels[1], namespace: labels[2] ?? namespace, port: named.port, schemePort: named.schemePort };
}

/** The Service a call names, as {@link calledService} reads it, or else a headless one through a pod's name ({@link calledPodService}). */
function findCalled(index: ObjectIndex, name: string, value: string, namespace: string): { called: CalledService; service: NonNullable<ReturnType<ObjectIndex['find']>> } | undefined {
  const called = calledService(name, value, namespace);
  const service = called === undefined ? undefined : index.find('Service', called.namespace, called.name);
  if (called !== undefined && service !== undefined) {
    return { called, service };
  }
  const throughPod = calledPodService(name, value, namespace);
  const headless = throughPod === undefined ? undefined : index.find('Service', throughPod.namespace, throughPod.name);
  return throughPod !== undefined && headless !== undefined && fields(headless.manifest.spec).clusterIP === 'None' ? { called: throughPod, service: headless } : undefined;
}

/** The ports of the Service a call reaches: the Service's port and the container port it forwards to on `callee`. */
export function calledTargets(service: ReturnType<ObjectIndex['find']>, port: number | undefined, callee: PodTemplate): Array<PolicyTarget & { readonly servicePort: number }> {
  const containerPorts = containersOf(callee).flatMap((ref) => list(ref.container.ports));
  return list(fields(service?.manifest.spec).ports)
    .filter((p) => port === undefined || p.port === port)
    .flatMap((p) => {
      const protocol = text(p.protocol) ?? 'TCP';
      const targetPort = p.targetPort ?? p.port;
      const container = containerPorts.find((c) => (typeof targetPort === 'string' ? c.name === targetPort : c.containerPort === targetPort) && (text(c.protocol) ?? 'TCP') === protocol);
      const number = typeof targetPort === 'number' ? targetPort : container?.containerPort;
      return typeof number === 'number' && typeof p.port === 'number' ? [{ port: number, name: text(container?.name), protocol, servicePort: p.port }] : [];
    });
}

/**
 * Env values (not Secret references) of pods that name a Service of the cluster whose pods' policies
 * surely refuse the caller on the called port, or whose caller's own egress policy surely refuses the
 * connection: one error on the caller's variable (an App's `env.<NAME>`), with the way to let it through.
 */
export function checkAppCalls(cluster: SynthesizedCluster): Finding[] {
  return appCallsOf(cluster).findings;
}

/**
 * The calls of the cluster's pods and choices of a Service by its in-cluster name (`postgres.db`,
 * `postgres.db.svc.cluster.local`) in a namespace the cluster does not have, each with the finding the cluster
 * alone gives it: another cluster of the fleet may have the Service, which the checks across clusters tell
 * ({@link checkCallsAcrossClusters}).
 */
export function foreignServiceCalls(cluster: SynthesizedCluster): readonly ForeignCallDraft[] {
  return appCallsOf(cluster).foreign;
}

/** A call {@link foreignServiceCalls} gives, with the finding of its place before it is told of a prop that wrote it. */
export interface ForeignCallDraft {
  /** The Service as the call names it, `<service>.<namespace>`. */
  readonly service: string;
  /** How messages name the call: `env DB_HOST`. */
  readonly label: string;
  /** Where a finding about it points, and how severe; its message and hint are what the cluster alone tells of it (`''`: nothing). */
  readonly finding: Finding;
}

/** Each cluster's findings and calls of {@link checkAppCalls}, made once whichever asks first: the check or the cluster's facts. */
const APP_CALLS = new WeakMap<SynthesizedCluster, { readonly findings: Finding[]; readonly foreign: ForeignCallDraft[] }>();

function appCallsOf(cluster: SynthesizedCluster): { readonly findings: Finding[]; readonly foreign: ForeignCallDraft[] } {
  const kept = APP_CALLS.get(cluster);
  if (kept !== undefined) {
    return kept;
  }
  const found = judgeAppCalls(cluster);
  APP_CALLS.set(cluster, found);
  return found;
}

function judgeAppCalls(cluster: SynthesizedCluster): { findings: Finding[]; foreign: ForeignCallDraft[] } {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  const foreign: ForeignCallDraft[] = [];
  const told = new Set<string>();
  const cilium = runsCilium(cluster);
  const podOf = (template: PodTemplate): PolicyPod => policyPodOf(cluster, index, template);
  const serviceNames = new Set(index.of('Service').map((service) => text(fields(service.manifest.metadata).name)));
  // The Services platform components' charts make (Loki's `loki`) too, which a short name of another namespace's is told of apart.
  const knownNames = new Set([...serviceNames, ...shortNameNamespaces(cluster.chart.namespaces, platformReading(cluster).components).keys()]);
  // The Services of each port, made once for the hints of calls to a port of the pod's own loopback.
  let portServices: Map<number, string[]> | undefined;
  const servicesOnPort = (port: number): readonly string[] => {
    if (portServices === undefined) {
      portServices = new Map();
      for (const service of index.of('Service')) {
        const metadata = fields(service.manifest.metadata);
        for (const servicePort of list(fields(service.manifest.spec).ports)) {
          const number = fields(servicePort).port;
          if (typeof number === 'number') {
            portServices.set(number, [...(portServices.get(number) ?? []), `${text(metadata.name)}.${text(metadata.namespace)}`]);
          }
        }
      }
    }
    return portServices.get(port) ?? [];
  };
  // The hosts the cluster's routes serve, made once, for calls of a routed host through the ingress.
  let routedHosts: Map<string, ReadonlySet<string>> | undefined;
  const routed = (): ReadonlyMap<string, ReadonlySet<string>> => {
    if (routedHosts === undefined) {
      routedHosts = new Map();
      for (const route of routeHosts(cluster.objects)) {
        const host = route.host.toLowerCase();
        routedHosts.set(host, new Set([...routedHosts.get(host) ?? [], namespaceOf(route.object) ?? '']));
      }
    }
    return routedHosts;
  };
  const judge = (caller: CallerSide, calls: readonly Call[]) => {
    const reported = new Set<string>();
    const findingOf = (call: Call, finding: Omit<Finding, 'constructPath'>): Finding => {
      const object = call.object ?? caller.object;
      return object === undefined ? { ...finding, constructPath: caller.path ?? cluster.chart.node.path } : objectFinding(object, finding);
    };
    // A file of a ConfigMap that several workloads mount is told of once; a workload's own calls each time.
    const firstTime = (call: Call, key: string) => call.object === undefined || (!told.has(key) && told.add(key) !== undefined);
    const report = (call: Call, finding: Omit<Finding, 'constructPath'>) => {
      const found = findingOf(call, finding);
      if (firstTime(call, `${found.constructPath}\n${found.field}\n${found.message}`)) {
        findings.push(found);
      }
    };
    for (const call of calls) {
      const { name, value } = call;
      const loopback = caller.template === undefined || reported.has(name) || call.publicUrl === true ? undefined : loopbackCall(caller.template, call, servicesOnPort);
      if (loopback !== undefined) {
        reported.add(name);
        report(call, { layer: 'references', severity: 'error', field: call.field, ...loopback });
        continue;
      }
      // The pod's own loopback (`tcp://localhost:2375`) is never a Service, whatever the scheme.
      if (LOOPBACK_HOST.test(hostReference(name, value)?.host ?? '')) {
        continue;
      }
      const found = reported.has(name) ? undefined : findCalled(index, name, value, caller.pod.namespace);
      // A host with its namespace (`postgres.db`, `postgres.db.svc`) that names no Service of a namespace the output tells the Services of;
      // on a client's command line, a short name too where another namespace has the Service (`pg_isready -h postgres`).
      const named = found === undefined && !reported.has(name) ? calledService(name, value, caller.pod.namespace) : undefined;
      const labels = named === undefined ? [] : hostReference(name, value)!.host.split('.');
      // A short name on a client's command line where another namespace has the Service; in a variable, one no Service of
      // the cluster has, written as a URL or with its port: a compose file's service never deployed (`redis://redis:6379`),
      // as a LAN machine is named in full (a bare word is read as a host only by the variable's name: `…SERVER: 'true'`).
      const addressed = named !== undefined && (named.port !== undefined || value.includes('://'));
      // A proxy's origin by a short name another namespace's Service has is surely that Service, which the proxy's own
      // namespace does not resolve: every request to its host would fail, as a client's command line would.
      const calledSurely = call.command || call.origin === true;
      // The name of an operator's resource that makes no Service of its own name (a CloudNativePG Cluster) is surely meant as it.
      const operatorResource = labels.length === 1 && unnamedOperatorResource(cluster, labels[0], named!.namespace) !== undefined;
      const judged = labels.length > 1 || operatorResource
        || (labels.length === 1 && (calledSurely && serviceNames.has(labels[0]) || (!call.command && addressed && !knownNames.has(labels[0]))));
      const missing = judged ? missingServiceProblem(cluster, index, call.label, named!.name, named!.namespace, labels[2] === 'svc' || (call.command && call.url !== true)) : undefined;
      const severity = call.origin || missing?.meant !== undefined ? 'error' : 'warning';
      if (labels.length > 1 && !namespaceInCluster(cluster, index, named!.namespace)) {
        // A namespace of another cluster, maybe: the checks across clusters tell where the Service is, or else give this finding.
        // A cluster's own name (`<service>.<namespace>.svc`) whose Service is in another namespace of this cluster is called
        // surely and reaches nothing: a namespace renamed, its old names left in env.
        const gone = labels[2] === 'svc' && renamedNamespaceCall(cluster, index, named!.name, named!.namespace);
        const draft = findingOf(call, { layer: 'references', severity: gone ? 'error' : severity, field: call.field, message: missing?.message ?? '', hint: missing?.hint });
        if (firstTime(call, `${draft.constructPath}\n${draft.field}\n${named!.name}.${named!.namespace}`)) {
          foreign.push({ service: `${named!.name}.${named!.namespace}`, label: call.label, finding: draft });
        }
        if (missing !== undefined) {
          reported.add(name);
        }
      } else if (missing !== undefined) {
        reported.add(name);
        // A proxy's origin is where every request goes; a variable's host is read from its name, which may mislead.
        const undeployed = missing.meant !== undefined ? { hint: operatorServiceHint(call, labels, missing.meant) }
          : labels.length === 1 && !call.command && !serviceNames.has(labels[0])
            ? { hint: `deploy it in namespace "${named!.namespace}" (an app ${named!.name} there), or call a Service that is: ${missing.hint}; a machine outside the cluster is named in full (${named!.name}.lan)` } : {};
        report(call, { layer: 'references', severity, field: call.field, message: missing.message, hint: missing.hint, ...undeployed });
      }
      const chartPort = named === undefined || missing !== undefined || reported.has(name) ? undefined : calledPort(named, call);
      const unserved = chartPort === undefined ? undefined : unservedChartPort(cluster, named!.name, named!.namespace, chartPort.port);
      if (unserved !== undefined) {
        reported.add(name);
        const byScheme = named!.port === undefined && chartPort!.label === call.label;
        report(call, {
          layer: 'references', severity: 'error', field: chartPort!.field,
          message: `${chartPort!.label === call.label ? `${call.label} calls` : `${chartPort!.label} gives the port of ${call.name}, which calls`} Service ${named!.name}.${named!.namespace} `
            + `on port ${chartPort!.port}${byScheme ? ", the port of its URL's scheme (the URL names none)" : ''}, which the Service its platform component's chart makes does not serve: every connection would be refused`,
          hint: `Service ${named!.name}.${named!.namespace} serves ${unserved.served}: call one of these${byScheme ? ', written after the host in the URL' : ''}`
            + (unserved.servedElsewhere.length > 0 ? `; port ${chartPort!.port} is served by ${unserved.servedElsewhere.join(', ')}` : ''),
        });
        continue;
      }
      const outside = found === undefined && missing === undefined && caller.template !== undefined && !reported.has(name) ? outsideCall(cluster, index, call) : undefined;
      if (outside !== undefined
        && policyAdmission(index, 'egress', caller.pod, {
          namespace: '', namespaceLabels: {}, labels: {}, outside: true, ...(outside.address === undefined ? {} : { hostAddresses: [singleAddressNetwork(outside.address)] }),
        }, { port: outside.port, protocol: 'TCP' }) === 'refuses') {
        reported.add(name);
        report(call, {
          // A variable's host is read from its name, which may mislead (a URL the app only shows); a proxy's origin is called surely.
          layer: 'policy', severity: call.origin ? 'error' : 'warning', field: call.field,
          message: `${call.label} calls ${outside.host}:${outside.port}, outside the cluster, but ${caller.whose} own egress policy lets nothing out `
            + `${outside.address === undefined ? 'of the cluster' : 'to that address'} on that port: every connection would wait until it times out`,
          hint: outside.address !== undefined
            ? `let it out in ${caller.who}'s egress: { cidr: '${singleAddressNetwork(outside.address)}', ports: [{ port: ${outside.port} }] }, or egress: 'any'`
            : `let it out in ${caller.who}'s egress: { cidr: '<address of ${outside.host}>/32', ports: [{ port: ${outside.port} }] } (a NetworkPolicy takes addresses, not names), or egress: 'any'`,
        });
        continue;
      }
      const throughIngress = found === undefined && missing === undefined && caller.template !== undefined && !reported.has(name) ? ingressCall(cluster, index, routed(), caller.pod.namespace, call) : undefined;
      if (throughIngress !== undefined && policyAdmission(index, 'egress', caller.pod, throughIngress.pods, throughIngress.target) === 'refuses') {
        reported.add(name);
        report(call, {
          // An issuer's or a token endpoint's URL is called by the server itself; another may be a link it only shows.
          layer: 'policy', severity: call.command || call.origin === true || SERVER_CALLED_URL.test(call.name) ? 'error' : 'warning', field: call.field,
          message: `${call.label} calls ${throughIngress.host}, a route of this cluster: the connection goes to the ingress controller's pods `
            + `(${throughIngress.pods.namespace}, port ${throughIngress.target.port}), which ${caller.whose} own egress policy leaves out, even where it lists the app behind the route: `
            + 'every connection would wait until it times out',
          hint: `add the ingress controller to ${caller.who}'s egress: { namespace: '${throughIngress.pods.namespace}', podLabels: { ${Object.entries(throughIngress.pods.labels).map(([key, value]) => `'${key}': '${value}'`).join(', ')} } }; `
            + "or call the app behind the route by its Service ('http://<app>.<namespace>:<port>') where it answers there",
        });
        continue;
      }
      const routedIssuer = found !== undefined && caller.template !== undefined && isIssuerName(call.name)
        ? [...routed()].filter(([, namespaces]) => namespaces.has(found.called.namespace)).map(([host]) => host).sort()[0] : undefined;
      if (routedIssuer !== undefined) {
        reported.add(name);
        report(call, {
          layer: 'references', severity: 'error', field: call.field,
          message: `${call.label} gives the issuer as Service ${found!.called.name}.${found!.called.namespace}, which a route of the cluster serves at ${routedIssuer}: `
            + 'the provider writes the URL people reach it at as the iss of the tokens it gives the browser, so the app refuses every token ("issuer did not match")',
          hint: `give the issuer as the provider's public URL, as its tokens write it: https://${routedIssuer}${issuerPath(value)}; the app then reaches it through the ingress, which a listed egress must let it reach`,
        });
        continue;
      }
      const knativePort = found === undefined ? undefined : knativeCallProblem(found.service, found.called, call);
      if (knativePort !== undefined) {
        reported.add(name);
        report(call, knativePort);
        continue;
      }
      const selector = stringMap(fields(found?.service.manifest.spec).selector);
      if (found === undefined || Object.keys(selector).length === 0) {
        continue;
      }
      const { called, service } = found;
      const port = calledPort(called, call);
      const served = port === undefined ? undefined : servedPorts(service, port.port);
      if (port !== undefined && served !== undefined) {
        reported.add(name);
        const byScheme = called.port === undefined && port.label === call.label;
        report(call, {
          layer: 'references', severity: 'error', field: port.field,
          message: `${port.label === call.label ? `${call.label} calls` : `${port.label} gives the port of ${call.name}, which calls`} Service ${called.name}.${called.namespace} on port ${port.port}${byScheme ? ", the port of its URL's scheme (the URL names none)" : ''}, which the Service does not serve: every connection would be refused`,
          hint: call.unservedHint !== undefined ? `Service ${called.name}.${called.namespace} serves ${served}; ${call.unservedHint}`
            : `Service ${called.name}.${called.namespace} serves ${served}: call one of these (the Service's port, not the container port it forwards to)${byScheme ? ', written after the host in the URL' : ''}`,
        });
        continue;
      }
      const ldapScheme = port === undefined ? undefined : ldapSchemeProblem(call, service, port.port);
      if (ldapScheme !== undefined) {
        reported.add(name);
        report(call, { layer: 'references', severity: 'error', field: call.field, ...ldapScheme });
        continue;
      }
      const callees = podTemplatesSelectedBy(cluster.objects, called.namespace, selector).filter((callee) => callee !== caller.template);
      const baseDn = caller.template === undefined ? undefined : callees.map(directoryBaseDn).find((dn) => dn !== undefined);
      for (const foreign of baseDn === undefined ? [] : dnsOutside(caller.template!, baseDn)) {
        if (!reported.has(`dn ${foreign.name}`)) {
          reported.add(`dn ${foreign.name}`);
          report({ ...call, field: foreign.field }, {
            layer: 'references', severity: 'error', field: foreign.field,
            message: `env ${foreign.name} is "${foreign.value}", outside base DN ${baseDn} of the directory ${call.label} calls (LLDAP at ${called.name}.${called.namespace}): `
              + 'it answers under its base alone, so the bind or search finds nobody and every LDAP login fails',
            hint: `write the DN under the directory's base (LLDAP_LDAP_BASE_DN): ${foreign.name}: '${underBase(foreign.value, baseDn!)}'`,
          });
        }
      }
      const problem = callees
        .map((callee) => refusal(index, caller.pod, { ...podOf(callee), workload: text(fields(callee.object.manifest.metadata).name) ?? called.name },
          calledTargets(service, port?.port, callee)))
        .find((refused) => refused !== undefined);
      if (problem === undefined) {
        continue;
      }
      reported.add(name);
      const where = `${called.name}.${called.namespace}:${problem.port}`;
      // The app is named after its workload, not its Service (`<app>-headless`, `<app>-lb`).
      const calleeName = problem.callee;
      report(call, {
        // The container's variable or argument: an App's finding names its prop (`env.<NAME>`, `args[<i>]`), a hand-written workload's the field.
        layer: 'policy', severity: 'error', field: call.field,
        message: problem.direction === 'ingress'
          ? `${call.label} calls Service ${where}, but the NetworkPolicy of its pods admits nothing from ${caller.whose} pods on that port: every connection would wait until it times out`
          : `${call.label} calls Service ${where}, but ${caller.whose} own egress policy lets nothing out to its pods on that port: every connection would wait until it times out`,
        hint: problem.direction === 'ingress'
          ? `let ${caller.who} in where the callee is declared: allowFrom: [${caller.peer}] on ${calleeName} (or ${camel(calleeName)}.addAllowFrom(${caller.peer}))`
            + `${caller.template === undefined ? '' : `, or egress: [${camel(calleeName)}] on this app, which admits it in ${calleeName}'s policy too`}; for a policy written by hand, add an ingress rule that admits these pods`
          : `list the callee in this app's egress: egress: [${camel(calleeName)}, …] (which also admits this app in ${calleeName}'s policy)`
            + (cilium ? '; Cilium matches an address block to no pod, so a block around the pod network lets nothing out to one' : ''),
      });
    }
  };
  for (const caller of admittedPodTemplates(cluster.objects)) {
    const callerName = text(fields(caller.object.manifest.metadata).name) ?? 'caller';
    judge({ pod: podOf(caller), template: caller, object: caller.object, peer: camel(callerName), who: 'this app', whose: "this app's" },
      containersOf(caller).flatMap((ref) => {
        const origins = tunnelOrigins(index, caller, ref);
        // A tunnel's config file is read as the tunnel reads it: its rules are not judged again as a file's addresses.
        const fileCalls = configFileCalls(index, caller, ref).filter((call) => !origins.some((o) => o.object === call.object && o.field === call.field && o.value === call.value));
        return [
          ...envCalls(ref.container, ref.path), ...commandCalls(ref.container, ref.path), ...seaweedfsPeerCalls(ref.container, ref.path), ...origins.map(originCall), ...fileCalls,
          ...envFromCalls(index, caller, ref),
        ];
      }));
  }
  // The cluster's own choices call apps of the cluster too: external-dns' AdGuard Home webhook, AdGuard Home's API.
  for (const choice of choiceCalls(cluster)) {
    judge({ pod: { ...choice.pod, namespaceLabels: namespaceLabels(index, choice.pod.namespace) }, path: choice.path, peer: choice.peer, who: choice.who, whose: choice.whose }, [choice.call]);
  }
  return { findings, foreign };
}

/** Who makes calls: its pods as the policies see them, how messages and hints name it, and where its findings go. */
/** Hosts that are the caller's own loopback: in a pod, its own network namespace. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** The port a database's client calls by default, by the server its host variable names (`MYSQL_HOST`, `POSTGRES_HOST`, `REDIS_HOST`). */
const CLIENT_DEFAULT_PORTS: ReadonlyArray<readonly [RegExp, number]> = [[/MYSQL|MARIADB/i, 3306], [/POSTGRES|^PG/i, 5432], [/REDIS|VALKEY/i, 6379]];

/** The port a variable naming a database's host alone (`MYSQL_HOST: localhost`) is called on, by its server's default; undefined for another name. Pure. */
function clientDefaultPort(name: string): number | undefined {
  return /HOST(NAME)?$/i.test(name) ? CLIENT_DEFAULT_PORTS.find(([server]) => server.test(name))?.[1] : undefined;
}

/**
 * A call to the pod's own loopback (`http://localhost:8096`, `127.0.0.1:8096`) on a port none of its containers
 * declares, as a compose file on the host's network or with published ports reached another container: in a pod,
 * localhost is the pod itself, where nothing listens on it. Undefined for another call, or one of a pod on its
 * host's network, whose loopback is the node's. Pure.
 */
function loopbackCall(template: PodTemplate, call: Call, servicesOnPort: (port: number) => readonly string[]): { message: string; hint: string } | undefined {
  const reference = hostReference(call.name, call.value);
  const port = reference?.port ?? call.portBeside?.port ?? reference?.schemePort ?? (call.command ? undefined : clientDefaultPort(call.name));
  if (reference === undefined || port === undefined || !LOOPBACK_HOST.test(reference.host) || template.spec.hostNetwork === true) {
    return undefined;
  }
  const containers = [...list(template.spec.containers), ...list(template.spec.initContainers).filter((c) => fields(c).restartPolicy === 'Always')];
  const declared = containers.flatMap((c) => list(fields(c).ports).map((p) => fields(p).containerPort)).filter((p): p is number => typeof p === 'number');
  // Docker's daemon image serves the Docker API on the loopback without declaring it, where its clients call it.
  const daemons = containers.flatMap((c) => {
    const listener = dockerDaemonListener(fields(c).image, list(fields(c).env).map(fields).find((e) => e.name === 'DOCKER_TLS_CERTDIR')?.value);
    return listener === undefined ? [] : [listener];
  });
  if (declared.includes(port) || daemons.some((d) => d.port === port)) {
    return undefined;
  }
  const services = servicesOnPort(port);
  if (daemons.length > 0 && (port === 2375 || port === 2376)) {
    return {
      message: `${call.label} calls ${reference.host}:${port}, the pod's own loopback, where the Docker daemon beside it does not listen`,
      hint: dockerDaemonListenerHint(daemons[0]),
    };
  }
  return {
    message: `${call.label} calls ${reference.host}:${port}, the pod's own loopback, where none of its containers listens (${declared.length === 0 ? 'they declare no port' : `they declare ${[...new Set(declared)].join(', ')}`}): `
      + 'under compose, on the host\'s network or through a published port, localhost was the machine; in a pod it is the pod itself',
    hint: services.length > 0
      ? `call the app's Service: ${call.hostKey === undefined ? reference.replaced(services[0]) : `${call.hostKey} = "${services[0]}"`}${services.length > 1 ? ` (or ${services.slice(1, 3).join(', ')})` : ''}`
      : "call the app that serves it by its Service, '<app>.<namespace>', or a machine of the lab by its address",
  };
}

interface CallerSide {
  readonly pod: PolicyPod;
  /** The calling workload, never its own callee. @default - none: a component's pods, which the output does not show */
  readonly template?: PodTemplate;
  /** The object findings are reported on, unless the call names another. @default - the cluster chart, on the choice's prop */
  readonly object?: SynthesizedObject;
  /** The construct findings are reported on where no object holds the call (a component's). @default - the cluster chart */
  readonly path?: string;
  /** How `allowFrom` names the caller: `cloudflared`, `{ namespace: 'external-dns' }`. */
  readonly peer: string;
  /** How messages name it, and as the owner of its pods: `this app`, `this app's`. */
  readonly who: string;
  readonly whose: string;
}

/**
 * Variables that name a mail server, whose port beside them (`SMTP_PORT` beside `SMTP_HOST`) is the TCP port the app
 * connects to outside the cluster: SMTP runs over TCP alone, where another pair may name a UDP service (a VPN's
 * `VPN_ENDPOINT_IP` and `VPN_ENDPOINT_PORT`), which an egress rule for TCP would wrongly be judged by.
 */
const MAIL_HOST_VARIABLE = /SMTP|MAIL/i;

/**
 * The machine outside the cluster a call names, with the port it calls: a host name of more than one label that is
 * no Service's (`<service>.<namespace>[.svc…]` of a namespace the cluster has) nor under the cluster's domain (its
 * routes, which the ingress serves), or an address the pod sends out (not where it listens, `0.0.0.0`, nor itself); a repository of restic's (`s3:https://…`, `rest:http://…`) as
 * the URL in it. Undefined where the call names none, or no port (of its own or its URL's scheme). Pure.
 */
function outsideCall(cluster: SynthesizedCluster, index: ObjectIndex, call: Call): { readonly host: string; readonly port: number; readonly address?: string } | undefined {
  const named = hostReference(call.name, call.value.replace(/^[a-z0-9]+:(?=[a-z][a-z0-9+.-]*:\/\/)/i, ''));
  const port = named?.port ?? (MAIL_HOST_VARIABLE.test(call.name) ? call.portBeside?.port : undefined) ?? named?.schemePort;
  // An address (`10.0.4.20`, `[fd00::10]`) is the machine's own, which a policy's address block can be judged against.
  const address = named === undefined ? undefined : parseIpAddress(named.host.replace(/^\[(.*)\]$/, '$1'));
  if (named !== undefined && port !== undefined && address !== undefined) {
    return staysInPod(address.text) ? undefined : { host: named.host, port, address: address.text };
  }
  const labels = named?.host.split('.') ?? [];
  const domain = cluster.chart.domain;
  if (named === undefined || port === undefined || labels.length < 2 || labels[2] === 'svc' || named.host.endsWith('.cluster.local')
    || (labels.length === 2 && (index.find('Namespace', '', labels[1]) !== undefined || platformReading(cluster).namespaces.includes(labels[1])))
    || (typeof domain === 'string' && (named.host === domain || named.host.endsWith(`.${domain}`)))) {
    return undefined;
  }
  return { host: named.host, port };
}

/** LDAP's ports: plain (and StartTLS) on 389, LDAP over TLS on 636, and the unprivileged ones LLDAP and Kanidm listen on. */
const LDAP_PORTS = { plain: [389, 3890], tls: [636, 6360, 3636] };

/**
 * A call of an `ldap://` URL on a port of the Service that serves LDAP over TLS (named `ldaps`, or 636), or of an
 * `ldaps://` URL on its plain port (named `ldap`, or 389): the one side waits for a TLS handshake the other never
 * starts, and every bind fails. The hint names the Service's port of the URL's scheme. Undefined otherwise. Pure.
 */
function ldapSchemeProblem(call: Call, service: SynthesizedObject, port: number): { message: string; hint: string } | undefined {
  const scheme = /^(ldaps?):\/\//i.exec(call.value)?.[1].toLowerCase();
  if (scheme === undefined) {
    return undefined;
  }
  const ports = list(fields(service.manifest.spec).ports).map((p) => ({ port: p.port as number, name: text(p.name) ?? '' }));
  const tlsPort = (p: { port: number; name: string }) => p.name === 'ldaps' || (p.name !== 'ldap' && LDAP_PORTS.tls.includes(p.port));
  const plainPort = (p: { port: number; name: string }) => p.name === 'ldap' || (p.name !== 'ldaps' && LDAP_PORTS.plain.includes(p.port));
  const called = ports.find((p) => p.port === port);
  if (called === undefined || (scheme === 'ldap' ? !tlsPort(called) : !plainPort(called))) {
    return undefined;
  }
  const meant = ports.find(scheme === 'ldap' ? plainPort : tlsPort);
  const host = `${text(fields(service.manifest.metadata).name)}.${text(fields(service.manifest.metadata).namespace)}`;
  return {
    message: scheme === 'ldap'
      ? `${call.label} calls ${call.value}, plain LDAP, on port ${port} of Service ${host}, which serves LDAP over TLS: the server waits for a TLS handshake the client never starts, and every bind fails`
      : `${call.label} calls ${call.value}, LDAP over TLS, on port ${port} of Service ${host}, which serves plain LDAP: the client's TLS handshake meets a server that does not speak it, and every bind fails`,
    hint: scheme === 'ldap'
      ? `call the TLS port with its scheme: ldaps://${host}:${port}${meant !== undefined ? `, or plain LDAP on its own port: ldap://${host}:${meant.port}` : ''}`
      : meant !== undefined ? `call the TLS port: ldaps://${host}:${meant.port}, or plain LDAP with its scheme: ldap://${host}:${port}` : `write plain LDAP with its scheme: ldap://${host}:${port}`,
  };
}

/** The path of an issuer's URL after its host (a Keycloak realm's `/realms/home`), or nothing. Pure. */
function issuerPath(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  return /^\/[^/]/.test(path) ? path : '';
}

/** Whether a variable or flag gives an OpenID Connect issuer (`OAUTH2_PROXY_OIDC_ISSUER_URL`, `oidc-idp-issuer-url`). */
function isIssuerName(name: string): boolean {
  return /(?:^|_)ISSUER(?:_UR[LI])?$/i.test(name) || /issuer-ur[li]$/i.test(name);
}

/** Whether the cluster's pod network is the Cilium the repository installs. */
export function runsCilium(cluster: SynthesizedCluster): boolean {
  return cluster.chart.cni?.name === 'cilium';
}

/** The pods of `template` as the cluster's NetworkPolicies see them. Pure but for the cluster it reads. */
export function policyPodOf(cluster: SynthesizedCluster, index: ObjectIndex, template: PodTemplate): PolicyPod {
  return {
    namespace: template.namespace, namespaceLabels: namespaceLabels(index, template.namespace), labels: template.labels,
    ...(runsCilium(cluster) ? { missedByAddressBlocks: true } : {}),
    // A pod on its host's network is reached at, and calls from, the address of its node.
    hostAddresses: template.spec.hostNetwork === true
      ? [...new Set(schedulableHosts(template, cluster.chart).hosts.flatMap((h) => h.addresses.map((address) => singleAddressNetwork(address))))] : undefined,
  };
}

/**
 * The pods of the cluster's ingress controller as its NetworkPolicies see them, which every routed request comes
 * from; undefined where the route flavor does not say which pods they are. Pure but for the cluster it reads.
 */
export function ingressControllerPod(cluster: SynthesizedCluster, index: ObjectIndex): PolicyPod | undefined {
  const pods = cluster.chart.routes.ingressPeer.pods;
  if (pods?.namespace === undefined) {
    return undefined;
  }
  return {
    namespace: pods.namespace, namespaceLabels: namespaceLabels(index, pods.namespace), labels: pods.podLabels ?? {},
    ...(runsCilium(cluster) ? { missedByAddressBlocks: true } : {}),
  };
}

/**
 * Variables (and flags) whose URL the server calls itself, never only shows: an OpenID Connect issuer, whose discovery
 * document it reads at start, and the token, user-info and key endpoints it calls at each sign-in
 * (`OAUTH2_PROXY_OIDC_ISSUER_URL`, `GF_AUTH_GENERIC_OAUTH_TOKEN_URL`, `-oidc-idp-issuer-url`).
 */
const SERVER_CALLED_URL = /(?:ISSUER|TOKEN_UR[LI]|USERINFO|USER_INFO|API_URL|JWKS|DISCOVERY|WELL_KNOWN|OPENID_CONFIG)|(?:issuer|token|jwks|discovery)[-_]?ur[li]/i;

/**
 * A call of a host one of the cluster's routes serves (`https://auth.lab.example/api/oidc/token`), which goes to the
 * ingress controller's pods, whatever app is behind the route: those pods as a policy sees them, with the container
 * port of the URL's scheme. Undefined for another call, or where the flavor's pods or their ports are not known. Pure.
 */
function ingressCall(
  cluster: SynthesizedCluster, index: ObjectIndex, routed: ReadonlyMap<string, ReadonlySet<string>>, callerNamespace: string, call: Call,
): { host: string; pods: PolicyPod; target: PolicyTarget } | undefined {
  const named = hostReference(call.name, call.value);
  const peer = cluster.chart.routes.ingressPeer;
  const pods = ingressControllerPod(cluster, index);
  const routeNamespaces = named === undefined ? undefined : routed.get(named.host.toLowerCase());
  // A host routed to the caller's own namespace is most often the URL it is told it is reached at (`GF_SERVER_ROOT_URL`), not a call.
  if (named === undefined || pods === undefined || peer.podPorts === undefined || routeNamespaces === undefined || routeNamespaces.has(callerNamespace)) {
    return undefined;
  }
  const port = named.port ?? named.schemePort;
  // A port of its own in the URL is a node port or another entry point, which this reading does not map to the pods.
  if (named.port !== undefined || (port !== 443 && port !== 80)) {
    return undefined;
  }
  return {
    host: named.host,
    pods,
    target: { port: port === 443 ? peer.podPorts.https : peer.podPorts.http, protocol: 'TCP' },
  };
}

/** A call a choice of the cluster makes from a component's pods, on the choice's prop. */
interface ChoiceCall {
  readonly pod: Omit<PolicyPod, 'namespaceLabels'>;
  /** The construct its findings go on. @default - the cluster chart */
  readonly path?: string;
  readonly peer: string;
  readonly who: string;
  readonly whose: string;
  readonly call: Call;
}

/**
 * The calls of the cluster's choices: the AdGuard Home URL of its split-horizon DNS (`dns.adguard.url`),
 * which external-dns' webhook sidecar calls for every record it writes; the S3 server Loki keeps its logs on; the
 * receivers Alertmanager posts its notifications to.
 */
function choiceCalls(cluster: SynthesizedCluster): ChoiceCall[] {
  return [...adguardCalls(cluster), ...lokiBucketCalls(cluster), ...alertReceiverCalls(cluster)];
}

/** The key of each of Alertmanager's receiver configs that holds the URL it posts every notification to. */
const RECEIVER_URL_KEYS: Readonly<Record<string, string>> = {
  webhook_configs: 'url', discord_configs: 'webhook_url', msteams_configs: 'webhook_url', slack_configs: 'api_url', telegram_configs: 'api_url',
};

/**
 * The URLs kube-prometheus-stack's Alertmanager posts its notifications to, as its values write them
 * (`alertmanager.config.receivers[].webhook_configs[].url`, an ntfy or Gotify bridge of the cluster); a URL read
 * from a file is not known here.
 */
function alertReceiverCalls(cluster: SynthesizedCluster): ChoiceCall[] {
  const stack = cluster.chart.platform.get('kube-prometheus-stack');
  const receivers = list(fields(fields(fields(stack?.values).alertmanager).config).receivers);
  if (stack === undefined) {
    return [];
  }
  // The operator's labels of the pods of the chart's Alertmanager, named after the release.
  const pod = { namespace: stack.namespace, labels: { 'app.kubernetes.io/name': 'alertmanager', alertmanager: `${stack.name}-alertmanager` } };
  return receivers.flatMap((receiver, i) => Object.entries(RECEIVER_URL_KEYS).flatMap(([kind, key]) => list(fields(receiver)[kind]).flatMap((config, j): ChoiceCall[] => {
    const url = text(fields(config)[key]);
    return url === undefined ? [] : [{
      pod, path: stack.node.path, peer: `{ namespace: '${stack.namespace}' }`, who: 'Alertmanager', whose: "Alertmanager's",
      call: { label: `Alertmanager's ${kind} ${key}`, name: 'URL', value: url, field: `values.alertmanager.config.receivers[${i}].${kind}[${j}].${key}`, command: false, origin: true },
    }];
  })));
}

/** The AdGuard Home URL of the cluster's split-horizon DNS, as external-dns' webhook calls it. */
function adguardCalls(cluster: SynthesizedCluster): ChoiceCall[] {
  const url = cluster.chart.dns?.adguard?.url;
  if (typeof url !== 'string' || cluster.chart.runsPublicTarget) {
    return [];
  }
  return [{
    // The chart's selector labels: its name and the release's.
    pod: { namespace: EXTERNAL_DNS_NAMESPACE, labels: { 'app.kubernetes.io/name': 'external-dns', 'app.kubernetes.io/instance': 'external-dns-adguard' } },
    peer: `{ namespace: '${EXTERNAL_DNS_NAMESPACE}' }`, who: 'external-dns', whose: "external-dns'",
    call: { label: 'dns.adguard.url', name: 'ADGUARD_URL', value: url, field: 'dns.adguard.url', command: false, origin: true },
  }];
}

/** The S3 endpoint of Loki's bucket (`loki({ bucket })` or values added to it), which its single binary calls for every chunk. */
function lokiBucketCalls(cluster: SynthesizedCluster): ChoiceCall[] {
  const loki = cluster.chart.platform.get('loki');
  const endpoint = fields(fields(fields(fields(loki?.values).loki).storage).s3).endpoint;
  if (loki === undefined || typeof endpoint !== 'string') {
    return [];
  }
  return [{
    // The chart's selector labels of the single binary: its name and the release's.
    pod: { namespace: loki.namespace, labels: { 'app.kubernetes.io/name': 'loki', 'app.kubernetes.io/instance': loki.name } }, path: loki.node.path,
    peer: `{ namespace: '${loki.namespace}' }`, who: 'Loki', whose: "Loki's",
    call: { label: "Loki's bucket endpoint", name: 'S3_ENDPOINT', value: endpoint, field: 'values.loki.storage.s3.endpoint', command: false, origin: true },
  }];
}

/** A host a container calls: by an env value (not a Secret reference) or on a database client's command line. */
export interface Call {
  /** How messages name it: `env DB_HOST`, `pg_dump -h`. */
  readonly label: string;
  /** The variable name the host is read under (`HOST` for a command line). */
  readonly name: string;
  /** The host, with its port when written. */
  readonly value: string;
  /** The field that holds it. */
  readonly field: string;
  /** Whether it is on a command line. */
  readonly command: boolean;
  /** Whether it is a URL an HTTP client of the command line calls: called surely, but its host may be a machine outside the cluster. @default false */
  readonly url?: boolean;
  /** The port another variable gives it (`DB_PORT` beside `DB_HOST`). */
  readonly portBeside?: { readonly port: number; readonly label: string; readonly field: string };
  /** Whether it is the URL the app is told people reach it at (its image's public URL), which browsers call, not the pod. @default false */
  readonly publicUrl?: boolean;
  /** Whether it is the origin a proxy sends every request to (a tunnel's), which surely calls the host. @default false */
  readonly origin?: boolean;
  /** The object that holds it. @default - the calling workload */
  readonly object?: SynthesizedObject;
  /** The hint for a port the called Service does not serve, where the call implies its port (SeaweedFS' gRPC). @default - the Service's ports */
  readonly unservedHint?: string;
  /** The key of a config file that holds the call's host alone, which a hint writes (frpc's `localIP`). @default - the value holds host and port */
  readonly hostKey?: string;
}

/** A tunnel's origin as a call of its workload. */
function originCall(origin: TunnelOrigin): Call {
  return { ...origin, command: false, origin: true };
}

/**
 * A value written as Postfix writes a next hop whose MX records it skips, a host name in brackets (`[smtp.example.com]:587`,
 * a relay image's `RELAYHOST`), as the host it calls (`smtp.example.com:587`); any other value as it is. Pure.
 */
function nexthopAsHost(value: string | undefined): string | undefined {
  const nexthop = value === undefined ? null : /^\[([a-z0-9.-]*[a-z][a-z0-9.-]*)\](:\d{1,5})?$/i.exec(value.trim());
  return nexthop === null ? value : `${nexthop[1]}${nexthop[2] ?? ''}`;
}

/**
 * Variables that give an OAuth or OpenID Connect provider's authorization (or login) endpoint, which the app
 * sends the browser to and never calls itself (`GF_AUTH_GENERIC_OAUTH_AUTH_URL`, `OAUTH2_PROXY_LOGIN_URL`): no call
 * of the pod, whatever its egress.
 */
const BROWSER_VISITED_URL = /(?:OAUTH|OIDC|OPENID|SSO)\w*_(?:AUTH|AUTHORIZE|AUTHORIZATION|LOGIN)_(?:URL|URI|ENDPOINT)$/i;

/** The calls of a container's env values. */
function envCalls(container: Record<string, unknown>, path: string): Call[] {
  const env = list(container.env);
  return env.flatMap((variable, position) => {
    const name = text(variable.name);
    if (name !== undefined && BROWSER_VISITED_URL.test(name)) {
      return [];
    }
    const value = nexthopAsHost(text(variable.value));
    const beside = name === undefined ? undefined : portBeside(name, env);
    const publicUrl = name !== undefined && isPublicUrlVariable(container.image, name);
    // A value of several hosts (a seed list) is a call of each.
    return name === undefined || value === undefined ? [] : eachHostOf(value).map((host) => ({
      label: `env ${name}`, name, value: host, field: `${path}.env[${position}]`, command: false, publicUrl,
      portBeside: beside === undefined ? undefined : { port: beside.port, label: `env ${beside.name}`, field: `${path}.env[${beside.position}]` },
    }));
  });
}

/**
 * The calls of the configuration files mounted into a container: each address a file of its ConfigMaps gives
 * ({@link configFileAddresses}), on the ConfigMap's key, named by the file and the setting (`ConfigMap frigate's
 * config.yml (mqtt.host)`), under a name that reads a bare host as one: it is written under a key that holds one.
 */
function configFileCalls(index: ObjectIndex, template: PodTemplate, ref: ContainerRef): Call[] {
  return containerConfigMaps(index, template, ref).flatMap((object) => Object.entries(fields(object.manifest.data)).flatMap(([key, file]) =>
    (typeof file !== 'string' ? [] : configFileAddresses(file)).map((address): Call => {
      const label = `ConfigMap ${text(fields(object.manifest.metadata).name) ?? ''}'s ${key}${address.setting === '' ? '' : ` (${address.setting})`}`;
      return { label, name: `${label}: ${address.value}`, value: address.value, field: `data.${key}`, command: false, object };
    })));
}

/**
 * The calls of the variables a container reads from ConfigMaps through `envFrom`: the app reads each as it reads
 * an `env` entry, so each is a call as {@link envCalls} reads one, under its variable's name (the entry's prefix
 * and the key), on the ConfigMap's key. A key an `env` entry or a later `envFrom` entry sets again is left out,
 * as the kubelet lets those win.
 */
function envFromCalls(index: ObjectIndex, template: PodTemplate, ref: ContainerRef): Call[] {
  const variables = new Map<string, { readonly value: string; readonly field: string; readonly object: SynthesizedObject; readonly configMap: string }>();
  for (const source of list(ref.container.envFrom)) {
    const name = text(fields(source.configMapRef).name);
    const object = name === undefined ? undefined : index.find('ConfigMap', template.namespace, name);
    for (const [key, value] of object === undefined ? [] : Object.entries(fields(object.manifest.data))) {
      if (typeof value === 'string') {
        const variable = `${text(source.prefix) ?? ''}${key}`;
        variables.delete(variable);
        variables.set(variable, { value, field: `data.${key}`, object: object!, configMap: name! });
      }
    }
  }
  for (const variable of list(ref.container.env)) {
    variables.delete(text(variable.name) ?? '');
  }
  const env = [...variables].map(([name, { value }]) => ({ name, value }));
  return [...variables].map(([name, { value, field, object, configMap }]): Call => {
    const beside = portBeside(name, env);
    // A finding on the port names a key of the host's own ConfigMap.
    const besideAt = beside === undefined ? undefined : variables.get(beside.name);
    const sameObject = besideAt !== undefined && besideAt.object === object;
    return {
      label: `env ${name} (from ConfigMap ${configMap})`, name, value, field, command: false, object,
      portBeside: beside === undefined || !sameObject ? undefined
        : { port: beside.port, label: `env ${beside.name} (from ConfigMap ${configMap})`, field: besideAt!.field },
    };
  });
}

/** Words of a shell that come before the program a simple command runs. */
const SHELL_KEYWORDS = new Set(['until', 'while', 'if', 'elif', 'then', 'do', 'else', '!', 'exec', 'time', 'nohup']);

/** Database clients and the flags that give their server's host and port. */
const CLIENT_FLAGS: ReadonlyArray<readonly [RegExp, { readonly host: readonly string[]; readonly port: readonly string[] }]> = [
  [/^(pg_isready|psql|pg_dump|pg_dumpall|pg_restore|pg_basebackup|redis-cli|valkey-cli)$/, { host: ['-h', '--host'], port: ['-p', '--port'] }],
  [/^(mysql|mysqldump|mysqladmin|mysqlcheck|mariadb|mariadb-dump|mariadb-admin|mariadb-check)$/, { host: ['-h', '--host'], port: ['-P', '--port'] }],
];

/**
 * The calls of a container's command line: the host (`-h postgres.db`, `--host=…`) and port of each database
 * client it runs (`pg_isready`, `pg_dump`, `mysqldump`, `redis-cli`), also inside the script of `sh -c`, each
 * on the field of the word that holds the host (the script's, for a script).
 */
function commandCalls(container: Record<string, unknown>, path: string): Call[] {
  const command: unknown[] = Array.isArray(container.command) ? container.command : [];
  const words = [...command, ...(Array.isArray(container.args) ? container.args : [])];
  const fieldOf = (i: number) => (i < command.length ? `${path}.command[${i}]` : `${path}.args[${i - command.length}]`);
  const scripts = words.flatMap((word, i) => (isShellScript(words, i) ? clientCalls(shellWords(String(word)), () => fieldOf(i)) : []));
  return [
    ...clientCalls(words.map((word) => (typeof word === 'string' ? word : '')), fieldOf), ...scripts, ...serverUrlFlagCalls(words, fieldOf),
    ...(runsRtl433(container) ? rtl433OutputCalls(words, fieldOf) : []),
  ];
}

/**
 * The servers rtl_433 publishes each decoded message to: each `-F` output to MQTT or InfluxDB (`-F
 * mqtt://mosquitto.iot:1883,retain=1`, `-Finflux://influxdb:8086/write?db=rtl433`), whose options after the first
 * comma are no part of the address. Pure.
 */
function rtl433OutputCalls(words: readonly unknown[], fieldOf: (i: number) => string): Call[] {
  return words.flatMap((word, i): Call[] => {
    const next = words[i + 1];
    const value = word === '-F' && typeof next === 'string' ? next : typeof word === 'string' && word.startsWith('-F') ? word.slice(2) : undefined;
    const address = value === undefined ? undefined : /^(?:mqtts?|influxs?):\/\/[^,]+/i.exec(value)?.[0];
    return address === undefined ? [] : [{ label: 'rtl_433 -F', name: 'F', value: address, field: fieldOf(word === '-F' ? i + 1 : i), command: true }];
  });
}

/**
 * Flags that give URLs the server calls itself: an identity provider's (oauth2-proxy's `--oidc-issuer-url`, Headlamp's
 * `-oidc-idp-issuer-url`), and where VictoriaMetrics' agents send and read samples (vmagent's and vmalert's
 * `-remoteWrite.url`, vmalert's `-datasource.url`, `-remoteRead.url` and `-notifier.url`), which take several URLs
 * separated by commas; and the forge a CI runner registers with (`forgejo-runner register --instance`, as act_runner
 * takes it too).
 */
const SERVER_URL_FLAG = /^--?([a-z][a-z0-9-]*(?:issuer|token|jwks|discovery)-?ur[li]|(?:remoteWrite|remoteRead|datasource|notifier)\.url|instance)(?:=(.*))?$/i;

/** The URLs of {@link SERVER_URL_FLAG} flags among a command line's words, given after `=` or as the next word. Pure. */
function serverUrlFlagCalls(words: readonly unknown[], fieldOf: (i: number) => string): Call[] {
  return words.flatMap((word, i): Call[] => {
    const flag = typeof word === 'string' ? SERVER_URL_FLAG.exec(word) : null;
    const next = words[i + 1];
    const [value, at] = flag?.[2] !== undefined ? [flag[2], i] : [typeof next === 'string' ? next : undefined, i + 1];
    if (flag === null || value === undefined) {
      return [];
    }
    return value.split(',').filter((url) => /^https?:\/\//i.test(url))
      .map((url) => ({ label: `flag ${String(word).split('=')[0]}`, name: flag[1], value: url, field: fieldOf(at), command: true }));
  });
}

/** HTTP clients whose words that are URLs (`curl -fsS http://firefly-iii:8080/api/v1/cron/…`, `wget -qO- …`, `--url=…`) are the URLs they call. */
const HTTP_CLIENTS = /^(curl|wget)$/;

/**
 * The calls of the database clients among `words` (one command line, `''` between simple commands), and the URLs
 * of the HTTP clients (a CronJob that calls an app's cron endpoint); `fieldOf` names the field of a word.
 */
function clientCalls(words: readonly string[], fieldOf: (i: number) => string): Call[] {
  const calls: Call[] = [];
  let flags: { host: readonly string[]; port: readonly string[] } | undefined;
  let program = '';
  let host: { value: string; at: number } | undefined;
  let port: string | undefined;
  const flush = () => {
    if (flags !== undefined && host !== undefined) {
      const value = port !== undefined && /^\d{1,5}$/.test(port) ? `${host.value}:${port}` : host.value;
      calls.push({ label: `${program} ${flags.host[0]}`, name: 'HOST', value, field: fieldOf(host.at), command: true });
    }
    flags = undefined;
    host = undefined;
    port = undefined;
  };
  let start = true;
  words.forEach((word, i) => {
    if (word === '' || start) {
      flush();
      // A keyword of the shell (`until pg_isready …; do`) comes before the program it runs.
      start = word === '' || SHELL_KEYWORDS.has(word);
      program = programName(word);
      flags = start ? undefined : CLIENT_FLAGS.find(([pattern]) => pattern.test(program))?.[1];
      return;
    }
    const valueOf = (names: readonly string[]) => {
      const joined = names.find((n) => n.startsWith('--') && word.startsWith(`${n}=`));
      return joined !== undefined ? { value: word.slice(joined.length + 1), at: i } : names.includes(word) && i + 1 < words.length ? { value: words[i + 1], at: i + 1 } : undefined;
    };
    const url = HTTP_CLIENTS.test(program) ? /^(?:--url=)?(https?:\/\/.*)$/i.exec(word)?.[1] : undefined;
    if (url !== undefined) {
      calls.push({ label: `${program} ${url}`, name: 'URL', value: url, field: fieldOf(i), command: true, url: true });
    }
    if (flags !== undefined) {
      host = valueOf(flags.host) ?? host;
      port = valueOf(flags.port)?.value ?? port;
    }
  });
  flush();
  return calls;
}

/** Names of variables that hold a host whose port another variable gives, and what precedes that word: `DB_` of `DB_HOST`, `PG` of `PGHOST`, `server` of Tdarr's `serverIP`. */
const HOST_WORD = /^(.*?)(?:HOSTNAME|HOST|SERVER|ADDRESS|ADDR|IP)$/i;

/**
 * The port a variable beside a host variable without one gives (`DB_PORT: '5432'` beside `DB_HOST`, `PGPORT`
 * beside `PGHOST`, `REDIS_PORT` beside `REDIS_HOSTNAME`), with that variable's name and position.
 */
function portBeside(hostName: string, env: ReadonlyArray<Record<string, unknown>>): { port: number; name: string; position: number } | undefined {
  const prefix = HOST_WORD.exec(hostName)?.[1];
  const wanted = prefix === undefined ? undefined : `${prefix}PORT`.toLowerCase();
  const position = wanted === undefined ? -1 : env.findIndex((variable) => text(variable.name)?.toLowerCase() === wanted);
  const value = position < 0 ? undefined : text(env[position].value);
  return value !== undefined && /^\d{1,5}$/.test(value) ? { port: Number(value), name: text(env[position].name)!, position } : undefined;
}

/**
 * The ports a Service serves, as a hint writes them (`5432 (postgres)`), when `port` is none of them;
 * undefined when it is one, or when the Service is headless, whose name leads to the pods on any of their ports.
 */
export function servedPorts(service: NonNullable<ReturnType<ObjectIndex['find']>>, port: number): string | undefined {
  const spec = fields(service.manifest.spec);
  const ports = list(spec.ports);
  if (spec.clusterIP === 'None' || ports.length === 0 || ports.some((p) => p.port === port)) {
    return undefined;
  }
  return ports.map((p) => `${String(p.port)}${text(p.name) === undefined ? '' : ` (${text(p.name)})`}`).join(', ');
}

/**
 * A call of a Knative Service on a port Knative does not answer it on inside the cluster (its container's port,
 * copied from the app's ports): the Service Knative makes under that name forwards to its local gateway alone,
 * which listens on {@link KNATIVE_CLUSTER_LOCAL_PORT}. Undefined for any other call.
 */
function knativeCallProblem(service: SynthesizedObject, called: CalledService, call: Call): Omit<Finding, 'constructPath'> | undefined {
  if (!(text(service.manifest.apiVersion) ?? '').startsWith('serving.knative.dev/')) {
    return undefined;
  }
  const port = calledPort(called, call);
  if (port === undefined || port.port === KNATIVE_CLUSTER_LOCAL_PORT) {
    return undefined;
  }
  const target = `${called.name}.${called.namespace}`;
  const byScheme = called.port === undefined && port.label === call.label;
  return {
    layer: 'references', severity: 'error', field: port.field,
    message: `${port.label === call.label ? `${call.label} calls` : `${port.label} gives the port of ${call.name}, which calls`} Knative Service ${target} on port ${port.port}`
      + `${byScheme ? ", the port of its URL's scheme (the URL names none)" : ''}, but Knative answers a Knative Service inside the cluster on port ${KNATIVE_CLUSTER_LOCAL_PORT} only, through its local gateway: every connection would be refused`,
    hint: byScheme
      ? `call http://${target}.svc.cluster.local (port ${KNATIVE_CLUSTER_LOCAL_PORT}): the local gateway speaks plain HTTP inside the cluster, and TLS ends at the ingress`
      : `call http://${target}.svc.cluster.local (port ${KNATIVE_CLUSTER_LOCAL_PORT}), not the container's port, which Knative's queue-proxy alone reaches`,
  };
}

/**
 * The port a call reaches: the one it writes; for a host without one (`DB_HOST`) the one beside it (`DB_PORT`);
 * for a URL without one its scheme's (`http://` 80, `https://` 443). Undefined when none is known, as the call
 * may then reach any port of the Service.
 */
function calledPort(called: CalledService, call: Call): { readonly port: number; readonly label: string; readonly field: string } | undefined {
  if (called.port !== undefined) {
    return { port: called.port, label: call.label, field: call.field };
  }
  return call.portBeside ?? (called.schemePort === undefined ? undefined : { port: called.schemePort, label: call.label, field: call.field });
}

/** The first port of the call that a policy surely refuses, in which direction, and the callee's workload; undefined when none is. */
export function refusal(index: ObjectIndex, caller: PolicyPod, callee: PolicyPod & { readonly workload: string }, targets: ReadonlyArray<PolicyTarget & { readonly servicePort: number }>): { direction: 'ingress' | 'egress'; port: number; callee: string } | undefined {
  // A value without a port reaches one of the Service's ports: only a refusal on every one is certain.
  const answers = targets.map((target) => ({
    target,
    ingress: policyAdmission(index, 'ingress', caller, callee, target),
    egress: policyAdmission(index, 'egress', caller, callee, target),
  }));
  const refused = (key: 'ingress' | 'egress') => answers.length > 0 && answers.every((a) => a[key] === ('refuses' satisfies Admission));
  const direction = refused('ingress') ? 'ingress' : refused('egress') ? 'egress' : undefined;
  return direction === undefined ? undefined : { direction, port: answers[0].target.servicePort, callee: callee.workload };
}

/**
 * The hint for a call of an operator's resource by its own name, which names no Service: the call's value with the
 * Service meant in place of the resource's name (`GITEA__database__HOST: 'gitea-db-rw:5432'`), written as the
 * variable it is in where it is one. Pure.
 */
function operatorServiceHint(call: Call, labels: readonly string[], meant: NonNullable<MissingService['meant']>): string {
  const value = hostReference(call.name, call.value)!.replaced([meant.service, ...labels.slice(1)].join('.'));
  const roles = meant.roles === undefined ? '' : ` (${meant.roles})`;
  return call.label.startsWith('env ') ? `write ${call.name}: '${value}'${roles}` : `call ${value}${roles}`;
}

/** How a variable holding the app of that name is likely spelt in the lab's code. */
export function camel(name: string): string {
  return name.replace(/[-_.]+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
