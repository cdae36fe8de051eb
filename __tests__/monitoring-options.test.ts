import { App as CdkApp } from 'cdk8s';
import {
  declareExternal, hostPlacement, kubePrometheusStack, kubeVirtComponent, KubeVirtManager, loki, SecretReference, synthesize,
} from '../constructs';
import type { ClusterChart, KubePrometheusStackOptions, LokiOptions } from '../constructs';
import { clusterReadme } from '../constructs/synth/readme';
import { arm1, gpu1, labCluster } from './bad-input/lab';

// Where the monitoring stack keeps its data, how long Loki keeps logs, where alerts go, and the KubeVirt
// UI: each option that would synthesize and then fail in the cluster is one error naming its field.

function synth(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  build(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  const manifests = result.clusters[0].objects.map((o) => o.manifest as any);
  return {
    release: (name: string) => manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === name),
    find: (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name),
    errors: result.findings.filter((f) => f.severity === 'error'),
    readme: () => clusterReadme(result.clusters[0]),
  };
}

function stack(options: Partial<KubePrometheusStackOptions>) {
  return synth((cluster) => {
    cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin', ...options }));
    declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'monitoring', name: 'alert-url' }] });
  });
}

describe("Prometheus' claim on a ZFS pool of another host than its own", () => {
  test('is one error on the tier, naming the pool, its host and where the pod runs', () => {
    const { errors } = stack({ prometheusStorage: { tier: 'fast', size: '10Gi' } });
    expect(errors.map((f) => [f.constructPath, f.field])).toEqual([['main/platform', 'components.kube-prometheus-stack.prometheusStorage.tier']]);
    expect(errors[0].message).toMatch(/ZFS pool fast of host gpu1, but the pod that mounts the claim runs on arm1/);
    expect(errors[0].hint).toMatch(/localPathStorage\(\)/);
  });

  test('a tier that reaches its node is taken', () => {
    expect(stack({ prometheusStorage: { tier: 'local', size: '10Gi' } }).errors).toEqual([]);
  });
});

describe("Alertmanager's receiver", () => {
  test('reads its URL from the mounted Secret, in the format of its kind', () => {
    const { release, errors } = stack({ alertReceiver: { kind: 'slack', url: SecretReference.external('monitoring', 'alert-url', 'url') } });
    expect(errors).toEqual([]);
    const alertmanager = release('kube-prometheus-stack').spec.values.alertmanager;
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(['alert-url']);
    expect(alertmanager.alertmanagerSpec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'arm1' });
    expect(alertmanager.config.receivers[1]).toEqual({ name: 'owner', slack_configs: [{ send_resolved: true, api_url_file: '/etc/alertmanager/secrets/alert-url/url' }] });
  });

  test("a Secret of another namespace and an unknown kind are one error each", () => {
    const { errors } = stack({ alertReceiver: { kind: 'pager' as any, url: SecretReference.external('alerts', 'alert-url', 'url') } });
    expect(errors.map((f) => f.field).sort()).toEqual(['components.kube-prometheus-stack.alertReceiver.kind', 'components.kube-prometheus-stack.alertReceiver.url']);
    expect(errors.find((f) => f.field.endsWith('alertReceiver.url'))!.hint).toMatch(/namespace monitoring/);
  });

  test("the cluster README says where alerts go, and says plainly when they reach no one", () => {
    const row = (readme: string) => readme.split('\n').find((line) => line.startsWith('| kube-prometheus-stack |'));
    expect(row(stack({}).readme())).toContain('alerts reach no one: Alertmanager has no receiver (alertReceiver), so they show in its UI only');
    const given = stack({ alertReceiver: { kind: 'slack', url: SecretReference.external('monitoring', 'alert-url', 'url') } }).readme();
    expect(row(given)).toContain('Alertmanager sends alerts to a slack receiver (URL in Secret alert-url, key url)');
  });

  test('a URL written as text is refused: it is a credential', () => {
    const { errors } = stack({ alertReceiver: { kind: 'webhook', url: 'https://hooks.example/abc' as any } });
    expect(errors.map((f) => f.field)).toEqual(['components.kube-prometheus-stack.alertReceiver.url']);
  });
});

describe("Loki's retention", () => {
  const lokiValues = (options: Partial<LokiOptions>) => {
    const result = synth((cluster) => { cluster.platform.require(loki({ placement: hostPlacement(arm1), ...options })); });
    return { values: result.release('loki')?.spec.values.loki, errors: result.errors };
  };

  test('is a week unless given, applied by the compactor with the store it needs', () => {
    const { values, errors } = lokiValues({});
    expect(errors).toEqual([]);
    expect(values.limits_config).toEqual({ retention_period: '7d' });
    expect(values.compactor).toMatchObject({ retention_enabled: true, delete_request_store: 'filesystem' });
    expect(lokiValues({ retention: '30d' }).values.limits_config).toEqual({ retention_period: '30d' });
    expect(lokiValues({ retention: '0' }).errors).toEqual([]);
  });

  test('shorter than a day, or no duration, is one error on retention', () => {
    for (const retention of ['12h', 'a month']) {
      const { errors } = lokiValues({ retention });
      expect(errors.map((f) => f.field)).toEqual(['components.loki.retention']);
      expect(errors[0].hint).toMatch(/'7d'/);
    }
  });
});

describe('KubeVirt Manager', () => {
  const users = SecretReference.external('kubevirt-manager', 'kubevirt-manager-users', 'htpasswd');
  const manager = (withKubeVirt: boolean, reference = users) => synth((cluster) => {
    if (withKubeVirt) {
      cluster.platform.require(kubeVirtComponent());
    }
    declareExternal(cluster, { secrets: [{ namespace: 'kubevirt-manager', name: 'kubevirt-manager-users' }] });
    new KubeVirtManager(cluster, 'kubevirt-manager', { route: { host: 'vms' }, users: reference, placement: { host: gpu1 } });
  });

  test('asks every request for a user of the htpasswd Secret, and reaches only the API server', () => {
    const { find, errors } = manager(true);
    expect(errors).toEqual([]);
    expect(find('ConfigMap', 'kubevirt-manager-auth').data['basicauth.conf']).toContain('auth_basic_user_file /etc/nginx/secret.d/htpasswd;');
    expect(find('Deployment', 'kubevirt-manager').spec.template.spec.containers[0].image).toMatch(/^kubevirtmanager\/kubevirt-manager:\d+\.\d+\.\d+$/);
    expect(find('NetworkPolicy', 'kubevirt-manager').spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test("starts a fixed number of nginx workers, not one per core of the node, the rest of the image's main configuration kept", () => {
    const { find } = manager(true);
    const conf: string = find('ConfigMap', 'kubevirt-manager-nginx').data['nginx.conf'];
    expect(conf).toMatch(/^worker_processes 2;$/m);
    expect(conf).not.toContain('auto');
    expect(conf).toContain('include /etc/nginx/conf.d/*.conf;');
    const pod = find('Deployment', 'kubevirt-manager').spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true }));
    expect(pod.volumes).toContainEqual(expect.objectContaining({ configMap: expect.objectContaining({ name: 'kubevirt-manager-nginx' }) }));
  });

  test('on a cluster without KubeVirt, or with users of another namespace, is one error naming the field', () => {
    expect(manager(false).errors.map((f) => [f.constructPath, f.field])).toEqual([['main/kubevirt-manager', 'scope']]);
    const elsewhere = manager(true, SecretReference.external('default', 'kubevirt-manager-users', 'htpasswd')).errors;
    expect(elsewhere.map((f) => [f.constructPath, f.field])).toEqual([['main/kubevirt-manager', 'users']]);
  });
});

describe('control-plane parts Prometheus cannot reach from its pod', () => {
  test("each is left unscraped through its chart key, which also drops the rules that fire on its absent metrics; the API server stays", () => {
    const { release, errors } = stack({ unscrapedControlPlane: ['scheduler', 'etcd'] });
    expect(errors).toEqual([]);
    const values = release('kube-prometheus-stack').spec.values;
    expect(values.kubeScheduler).toEqual({ enabled: false });
    expect(values.kubeEtcd).toEqual({ enabled: false });
    expect(values.kubeControllerManager).toBeUndefined();
    expect(values.kubeApiServer).toBeUndefined();
  });

  test('by default every part is scraped', () => {
    const values = stack({}).release('kube-prometheus-stack').spec.values;
    expect(['kubeControllerManager', 'kubeScheduler', 'kubeProxy', 'kubeEtcd'].filter((key) => key in values)).toEqual([]);
  });

  test("a part written as the chart's key is one error that names the parts", () => {
    const { errors } = stack({ unscrapedControlPlane: ['kubeScheduler' as any] });
    expect(errors.map((f) => f.field)).toEqual(['components.kube-prometheus-stack.unscrapedControlPlane[0]']);
    expect(`${errors[0].message} ${errors[0].hint}`).toMatch(/controllerManager.*scheduler.*proxy.*etcd/);
  });
});
