import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, parse } from 'yaml';
import type { PlatformComponentProps } from '../../constructs/platform/component';
import { actionsRunnerController, runnerScaleSet } from '../../constructs/platform/components/actions-runner-controller';
import { argoCdComponent } from '../../constructs/platform/components/argo-cd';
import { certManagerComponent } from '../../constructs/platform/components/cert-manager';
import { ciliumComponent } from '../../constructs/platform/components/cilium';
import { crossplane } from '../../constructs/platform/components/crossplane';
import { csiDriverNfs } from '../../constructs/platform/components/csi-driver-nfs';
import { externalDnsComponent } from '../../constructs/platform/components/external-dns';
import { externalSecretsOperator } from '../../constructs/platform/components/external-secrets';
import { gatekeeper } from '../../constructs/platform/components/gatekeeper';
import { gitLabAgent } from '../../constructs/platform/components/gitlab-agent';
import { ingressNginxComponent } from '../../constructs/platform/components/ingress-nginx';
import { cdiComponent, kubeVirtComponent } from '../../constructs/platform/components/kubevirt';
import { kubePrometheusStack } from '../../constructs/platform/components/kube-prometheus-stack';
import { kubeletCsrApprover } from '../../constructs/platform/components/kubelet-csr-approver';
import { loki } from '../../constructs/platform/components/loki';
import { metalLbComponent } from '../../constructs/platform/components/metallb';
import { nvidiaDevicePluginComponent } from '../../constructs/platform/components/nvidia-device-plugin';
import { openEbsZfs } from '../../constructs/platform/components/openebs-zfs';
import { openTelemetryClusterCollector, openTelemetryNodeCollector } from '../../constructs/platform/components/opentelemetry-collector';
import { renovate } from '../../constructs/platform/components/renovate';
import { sealedSecretsComponent } from '../../constructs/platform/components/sealed-secrets';
import { reloaderComponent } from '../../constructs/platform/components/reloader';
import { secretReplicatorComponent } from '../../constructs/platform/components/secret-replicator';
import { secretsStoreCsiDriver, vaultCsiProvider, vaultCsiProviderTrustedCaValues } from '../../constructs/platform/components/secrets-store-csi';
import { tailscaleOperatorComponent } from '../../constructs/platform/components/tailscale-operator';
import { traefikComponent } from '../../constructs/platform/components/traefik';
import { trivyOperator } from '../../constructs/platform/components/trivy-operator';
import { weaveGitOps } from '../../constructs/platform/components/weave-gitops';
import { hostPlacement } from '../../constructs/platform/node-role';
import { deepMerge } from '../../constructs/platform/platform';
import { SecretReference } from '../../constructs/secrets/secret-reference';
import { arm1 } from '../bad-input/lab';
import { CONFIRMED_CHART_KEYS } from './confirmed-keys';

// Every values key the library writes for a chart must be one the chart reads (CONFIRMED_CHART_KEYS):
// Helm ignores any other, so the cluster would run without what the user asked for. The values are taken
// from the components as their factories build them (with the options that write the most keys) and from
// the real sites' output in dist/, which binds Traefik, ingress-nginx and Cilium to their clusters.

const placement = hostPlacement(arm1);
const secret = (secretName: string, key: string): SecretReference => SecretReference.external('lab', secretName, key);

/** `props` with `values` merged into its chart's, as a construct that turns on a part of the chart adds them. */
function withValues(props: PlatformComponentProps, values: Record<string, unknown>): PlatformComponentProps {
  return props.install.type === 'helm' ? { ...props, install: { ...props.install, values: deepMerge(props.install.values, values) } } : props;
}

/** Components built with the options that make them write their optional keys. */
const COMPONENTS: PlatformComponentProps[] = [
  argoCdComponent({ sshKnownHosts: 'git.example.org ssh-ed25519 AAAA', syncAccount: { name: 'ci', project: 'lab' } }),
  argoCdComponent({ highAvailability: true, redisOnSeparateNodes: false }),
  gitLabAgent({ kasAddress: 'wss://kas.gitlab.com', tokenSecretName: 'agent-token', kasCaCert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }),
  kubePrometheusStack({ placement, grafanaAdminSecret: 'grafana-admin', retention: '15d', prometheusStorage: { tier: 'fast', size: '10Gi' } }),
  ciliumComponent({
    ipamMode: 'kubernetes', kubeProxyReplacement: true, k8sServiceHost: 'localhost', k8sServicePort: 7445,
    capabilities: { ciliumAgent: ['NET_ADMIN'], cleanCiliumState: ['NET_ADMIN'] }, cgroup: { autoMount: false, hostRoot: '/sys/fs/cgroup' },
    gatewayApi: { enableAlpn: true, enableAppProtocol: true }, l2Announcements: true, externalIPs: true, hubble: { relay: true, ui: true },
    operatorReplicas: 1, k8sClientQps: 20, encryption: 'wireguard',
  }),
  certManagerComponent({ dns01RecursiveNameservers: ['1.1.1.1:53'] }),
  crossplane(),
  csiDriverNfs(),
  externalDnsComponent({ provider: { kind: 'cloudflare', apiToken: secret('cloudflare', 'token') }, domains: ['lab.example.org'], ownerId: 'lab' }),
  externalDnsComponent({
    provider: { kind: 'adguard', url: 'http://adguard.lan', username: secret('adguard', 'user'), password: secret('adguard', 'password') },
    domains: ['lab.example.org'], ownerId: 'lab',
  }),
  externalSecretsOperator(),
  gatekeeper(),
  ingressNginxComponent({
    serviceAnnotations: { 'metallb.io/address-pool': 'lab' }, loadBalancerClass: 'io.cilium/l2-announcer', replicas: 2,
    ipFamilies: { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' },
  }),
  kubeVirtComponent(),
  cdiComponent(),
  loki({ placement }),
  loki({ placement, storageClass: 'local-path', bucket: { endpoint: 'http://garage.garage.svc.cluster.local:3900', name: 'loki', region: 'garage', credentialsSecret: 'loki-s3' } }),
  metalLbComponent(),
  nvidiaDevicePluginComponent(['gpu1'], [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }]),
  openEbsZfs(),
  openTelemetryNodeCollector({ export: { endpoint: 'otel.example.org:4317' }, exemptions: { unverifiedKubeletTls: 'the kubelets sign their own certificates' } }),
  kubeletCsrApprover({ nodes: [{ name: 'node-1', address: '10.0.0.11' }] }),
  openTelemetryClusterCollector({ export: { endpoint: 'otel.example.org:4317' } }),
  renovate({ placement, repositories: ['o/r'], tokenSecret: 'renovate-token' }),
  sealedSecretsComponent(),
  secretReplicatorComponent(),
  reloaderComponent(),
  secretsStoreCsiDriver(),
  vaultCsiProvider(),
  withValues(vaultCsiProvider(), vaultCsiProviderTrustedCaValues()),
  tailscaleOperatorComponent({ clientId: secret('operator-oauth', 'client_id'), clientSecret: secret('operator-oauth', 'client_secret') }, 'lab'),
  traefikComponent(),
  trivyOperator({ placement }),
  weaveGitOps(),
  actionsRunnerController({ placement }),
  runnerScaleSet({ name: 'lab', githubConfigUrl: 'https://github.com/o/r', githubConfigSecret: 'gh', placement }),
  runnerScaleSet({ name: 'lab-dind', githubConfigUrl: 'https://github.com/o/r', githubConfigSecret: 'gh', placement, containerMode: { type: 'dind', reason: 'docker build' } }),
];

/** A chart's rendered values, where they came from. */
interface RenderedValues { readonly chart: string; readonly version: string; readonly values: unknown; readonly from: string }

/** The dotted paths of `values` down to each scalar, list or empty map. Pure. */
function keyPaths(values: unknown, prefix = ''): string[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values) || Object.keys(values).length === 0) {
    return prefix === '' ? [] : [prefix];
  }
  return Object.entries(values).flatMap(([key, inner]) => keyPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

function fromComponents(): RenderedValues[] {
  return COMPONENTS.flatMap((props) => (props.install.type === 'helm'
    ? [{ chart: props.install.chart.chart, version: props.install.chart.version, values: props.install.values ?? {}, from: `component ${props.name}` }]
    : []));
}

const ROOT = path.join(__dirname, '..', '..');

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * The values files that `helm install` / `helm upgrade --install` commands of the output (CI jobs, bootstrap
 * steps) pass with `--values` or `-f`, with the chart and version of the command.
 */
function fromHelmCommands(files: readonly string[]): RenderedValues[] {
  const command = /helm (?:upgrade --install|install) \S+ (\S+) --repo \S+ --version (\S+) .*?(?:--values|-f) (dist\/\S+\.values\.yml)/g;
  const seen = new Set<string>();
  return files.filter((file) => /\.(ya?ml|md)$/.test(file)).flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(command)])
    .filter(([, , , valuesFile]) => !seen.has(valuesFile) && seen.add(valuesFile) !== undefined)
    .map(([, chart, version, valuesFile]) => ({ chart, version, values: parse(fs.readFileSync(path.join(ROOT, valuesFile), 'utf8')) ?? {}, from: valuesFile }));
}

/**
 * The values of every HelmRelease, Argo CD Application and K3s HelmChart the real sites render, and of the
 * values files their CI jobs and bootstrap steps install charts with.
 */
function fromDist(): RenderedValues[] {
  const files = filesUnder(path.join(ROOT, 'dist'));
  return [...fromHelmCommands(files), ...files.filter((file) => file.endsWith('.yaml')).flatMap((file) => parseAllDocuments(fs.readFileSync(file, 'utf8')).flatMap((doc): RenderedValues[] => {
    const object = doc.toJS() as any;
    const from = path.relative(ROOT, file);
    if (object?.kind === 'HelmRelease' && object.spec?.chart?.spec) {
      return [{ chart: object.spec.chart.spec.chart, version: object.spec.chart.spec.version, values: object.spec.values ?? {}, from }];
    }
    if (object?.kind === 'Application') {
      const sources: any[] = object.spec?.sources ?? [object.spec?.source];
      return sources.filter((s) => s?.chart && s.helm).map((s) => ({
        chart: s.chart, version: s.targetRevision, values: s.helm.valuesObject ?? (s.helm.values ? parse(s.helm.values) : {}), from,
      }));
    }
    if (object?.kind === 'HelmChart' && String(object.apiVersion).startsWith('helm.cattle.io')) {
      return [{ chart: object.spec.chart, version: object.spec.version, values: object.spec.valuesContent ? parse(object.spec.valuesContent) : {}, from }];
    }
    return [];
  }))];
}

/** The chart's name in the table: an OCI reference or a `repo/chart` keeps its last part. */
const chartName = (chart: string): string => chart.split('/').pop() ?? chart;

/**
 * Namespaces a Gatekeeper release exempts (`controllerManager.exemptNamespaces`) that its install job does
 * not label (`postInstall.labelNamespace.extraNamespaces`), as `namespace (from)`. The exemption only allows
 * the label `admission.gatekeeper.sh/ignore`; without the label the webhooks still see every request
 * there. Pure.
 */
function unlabelledExemptions(rendered: readonly RenderedValues[]): string[] {
  return rendered.filter(({ chart }) => chartName(chart) === 'gatekeeper').flatMap(({ values, from }) => {
    const v = values as any;
    const labelled: string[] = v?.postInstall?.labelNamespace?.extraNamespaces ?? [];
    return ((v?.controllerManager?.exemptNamespaces ?? []) as string[])
      .filter((namespace) => !labelled.includes(namespace))
      .map((namespace) => `${namespace} (${from})`);
  });
}

/** Rendered keys the table does not confirm for their chart, as `chart: key (from)`. Pure. */
function unconfirmed(rendered: readonly RenderedValues[]): string[] {
  return rendered.flatMap(({ chart, values, from }) => {
    const table = CONFIRMED_CHART_KEYS[chartName(chart)];
    return keyPaths(values)
      .filter((key) => !table?.keys.some((confirmed) => key === confirmed || key.startsWith(`${confirmed}.`)))
      .map((key) => `${chartName(chart)}: ${key} (${from})`);
  });
}

describe('chart values keys', () => {
  const components = fromComponents();
  const dist = fromDist();

  test('the components write only keys confirmed for their chart', () => {
    expect(unconfirmed(components)).toEqual([]);
  });

  test('the real sites render only keys confirmed for their chart', () => {
    expect(dist.length).toBeGreaterThan(0);
    expect(unconfirmed(dist)).toEqual([]);
  });

  test('each chart is pinned at the version its keys were confirmed for', () => {
    const stale = [...components, ...dist]
      .filter(({ chart, version }) => version !== undefined && CONFIRMED_CHART_KEYS[chartName(chart)] !== undefined)
      .filter(({ chart, version }) => CONFIRMED_CHART_KEYS[chartName(chart)].version !== version)
      .map(({ chart, version, from }) => `${chartName(chart)} ${version} (${from}): keys confirmed for ${CONFIRMED_CHART_KEYS[chartName(chart)].version}`);
    expect([...new Set(stale)]).toEqual([]);
  });

  test('every confirmed key is one the library writes, so the table stays the list of what is written', () => {
    const written = [...components, ...dist].flatMap(({ chart, values }) => keyPaths(values).map((key) => `${chartName(chart)}: ${key}`));
    const unused = Object.entries(CONFIRMED_CHART_KEYS).flatMap(([chart, { keys }]) => keys
      .filter((confirmed) => !written.some((w) => w === `${chart}: ${confirmed}` || w.startsWith(`${chart}: ${confirmed}.`)))
      .map((confirmed) => `${chart}: ${confirmed}`));
    expect(unused).toEqual([]);
  });

  test('every namespace Gatekeeper exempts is labelled by its install job, so its webhooks skip it', () => {
    expect(unlabelledExemptions([...components, ...dist])).toEqual([]);
  });

  test('a key the chart does not read is reported with its chart and where it was written', () => {
    const wrong: RenderedValues = { chart: 'argo-cd', version: '8.1.3', values: { controller: { resource: { requests: { cpu: '1' } } } }, from: 'a lab' };
    expect(unconfirmed([wrong])).toEqual(['argo-cd: controller.resource.requests.cpu (a lab)']);
  });
});
