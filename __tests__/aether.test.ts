import { defineAether } from '../charts/aether';
import { defineGreyArea } from '../charts/grey-area';
import { parse } from 'yaml';
import { manifestsOf, synthInMemory } from './support/synth';

const result = synthInMemory(defineAether);
const cluster = result.clusters.find((c) => c.folder === 'aether/main')!;
const objects = manifestsOf(result, 'aether/main');
const find = (kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
const layerOf = (kind: string, name: string) => cluster.objects.find((o) => o.manifest.kind === kind && o.manifest.metadata.name === name)?.layer;
const file = (name: string) => result.files.get(`aether/main/${name}`)!;

test('synthesizes with no error', () => {
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
});

describe('Cilium as CNI and load balancer', () => {
  test('the L2 announcement policy and the one-address pool, in the config layer', () => {
    expect(find('CiliumL2AnnouncementPolicy', 'cluster-ingress')).toMatchObject({
      apiVersion: 'cilium.io/v2alpha1', spec: { interfaces: ['ens18'], loadBalancerIPs: true },
    });
    expect(find('CiliumLoadBalancerIPPool', 'ingress-pool')).toMatchObject({
      apiVersion: 'cilium.io/v2alpha1', spec: { blocks: [{ start: '10.0.3.19', stop: '10.0.3.19' }] },
    });
    expect(layerOf('CiliumLoadBalancerIPPool', 'ingress-pool')).toBe('config');
  });

  test('the chart values: kube-proxy replacement, L2 announcements, Hubble relay and UI, Gateway API', () => {
    const values = file('helm/cilium.values.yml');
    for (const line of ['kubeProxyReplacement: true', 'l2announcements:\n  enabled: true', 'relay:\n    enabled: true', 'ui:\n    enabled: true', 'gatewayAPI:\n  enabled: true']) {
      expect(values).toContain(line);
    }
    expect(values).toContain('k8sServiceHost: localhost');
    // Transparent encryption between nodes: the design's mTLS with no app changes.
    expect(values).toContain('encryption:\n  enabled: true\n  type: wireguard');
  });

  test('the VIP fails over within the design\'s 2–5 seconds: a 3 s lease on each announced address', () => {
    expect(file('helm/cilium.values.yml')).toContain('l2announcements:\n  enabled: true\n  leaseDuration: 3s\n  leaseRenewDeadline: 1s\n  leaseRetryPeriod: 200ms\n');
  });

  test('Cilium, the pod network every pod needs, is installed right after the machines, before the other preinstalled pieces (Ceph CSI)', () => {
    const steps = file('README.md').split('\n').filter((line) => line.startsWith('| bootstrap |'));
    const cilium = steps.findIndex((line) => line.includes('install Cilium'));
    expect(cilium).toBeGreaterThan(steps.findIndex((line) => line.includes('talosctl bootstrap --nodes')));
    expect(cilium).toBeLessThan(steps.findIndex((line) => line.includes('install ceph-csi-rbd')));
  });

  test('a Knative app admits the activator and the Cilium gateway that Knative routes through, not Kourier', () => {
    const policy = find('CiliumNetworkPolicy', 'litellm', 'infra') ?? objects.find((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.name === 'litellm');
    const text = JSON.stringify(policy.spec.ingress);
    expect(text).toContain('knative-serving');
    expect(policy.spec.ingress).toContainEqual({ fromEntities: ['ingress'] });
    expect(text).not.toContain('kourier');
  });

  test('the gateway certificate lists each routed name, as step-ca solves HTTP-01 and ACME issues wildcards through DNS-01 only', () => {
    const names: string[] = find('Certificate', 'main-gateway-tls').spec.dnsNames;
    expect(names).toEqual(expect.arrayContaining(['openwebui.apps.home.shdr.ch', 'gitlab.apps.home.shdr.ch', 'litellm.apps.home.shdr.ch']));
    expect(names.some((name) => name.includes('*'))).toBe(false);
    // The solver's route lives beside the certificate, in ingress, which the listeners admit.
    const listener = find('Gateway', 'main-gateway').spec.listeners.find((l: any) => l.name === 'http');
    expect(listener.allowedRoutes.namespaces.selector.matchExpressions[0].values).toContain('ingress');
  });

  test('main-gateway has class cilium, the VIP, and admits routes from the tenant namespaces only', () => {
    const gateway = find('Gateway', 'main-gateway', 'ingress');
    expect(gateway.spec.gatewayClassName).toBe('cilium');
    expect(gateway.spec.addresses).toEqual([{ type: 'IPAddress', value: '10.0.3.19' }]);
    for (const listener of gateway.spec.listeners) {
      expect(listener.hostname).toBe('*.apps.home.shdr.ch');
      expect(listener.allowedRoutes.namespaces.from).toBe('Selector');
      expect(listener.allowedRoutes.namespaces.selector.matchExpressions[0].values).toEqual(
        expect.arrayContaining(['infra', 'projects', 'peers-alice', 'peers-bob']),
      );
    }
  });
});

describe('routes', () => {
  test('every HTTPRoute answers the plain HTTP Caddy forwards to the VIP, and HTTPS', () => {
    const routes = objects.filter((o) => o.kind === 'HTTPRoute');
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      expect({ route: route.metadata.name, listeners: route.spec.parentRefs.map((p: any) => p.sectionName) })
        .toEqual({ route: route.metadata.name, listeners: ['http', 'https'] });
    }
  });

  test('the seed\'s openwebui route: /api to 8080 with a request id, / to 3000', () => {
    const route = find('HTTPRoute', 'openwebui', 'infra');
    expect(route.spec.hostnames).toEqual(['openwebui.apps.home.shdr.ch']);
    expect(route.spec.parentRefs[0]).toMatchObject({ name: 'main-gateway', namespace: 'ingress' });
    expect(route.spec.rules).toHaveLength(2);
    const [api, root] = route.spec.rules;
    expect(api.matches[0].path).toEqual({ type: 'PathPrefix', value: '/api' });
    expect(api.backendRefs).toEqual([expect.objectContaining({ name: 'openwebui-api', port: 8080 })]);
    // The seed's value as written: Cilium hands it to Envoy, which reads a single % as a command.
    expect(api.filters).toEqual([{ type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'X-Request-ID', value: '%%REQ_ID%%' }] } }]);
    expect(root.matches[0].path).toEqual({ type: 'PathPrefix', value: '/' });
    expect(root.backendRefs).toEqual([expect.objectContaining({ name: 'openwebui-frontend', port: 3000 })]);
  });

  test("the gateway reaches OpenWebUI's API on 8080, which the frontend's route sends /api to", () => {
    expect(find('CiliumNetworkPolicy', 'openwebui-api', 'infra').spec.ingress).toEqual([{ fromEntities: ['ingress'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }]);
  });

  test("nut-server's entrypoint may give its files to the nut user and switch to it", () => {
    const container = find('Deployment', 'nut-server', 'infra').spec.template.spec.containers[0];
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'] });
  });

  test('MCPO, migrated with OpenWebUI, serves its backend alone; its release and servers are placeholders', () => {
    const container = find('Deployment', 'openwebui-mcpo', 'infra').spec.template.spec.containers[0];
    expect(container.args).toEqual(['--host', '0.0.0.0', '--port', '8000', '--config', '/config/config.json']);
    expect(find('ConfigMap', 'openwebui-mcpo', 'infra').data['config.json']).toContain('"mcpServers"');
    const policy = find('CiliumNetworkPolicy', 'openwebui-mcpo', 'infra');
    expect(JSON.stringify(policy.spec.ingress)).toContain('openwebui-api');
    expect(find('HTTPRoute', 'openwebui-mcpo', 'infra')).toBeUndefined();
    const readme = file('README.md');
    expect(readme).toContain('image of MCPO');
    expect(readme).toContain("MCP servers of MCPO's config.json");
  });

  test('Hubble UI has a route, through its login; no catch-all route, so unmatched hosts get the Gateway\'s 404', () => {
    expect(find('HTTPRoute', 'hubble-ui-login', 'infra').spec.hostnames).toEqual(['hubble.apps.home.shdr.ch']);
    const hosts = objects.filter((o) => o.kind === 'HTTPRoute').flatMap((o) => o.spec.hostnames ?? []);
    expect(hosts.some((h: string) => h.startsWith('*'))).toBe(false);
  });
});

describe('Knative', () => {
  test('Serving and Eventing through the operator, on the Gateway API, no Kourier, apps domain', () => {
    const serving = find('KnativeServing', 'knative-serving', 'knative-serving');
    expect(serving.spec.ingress).toEqual({ 'gateway-api': { enabled: true } });
    expect(serving.spec.config.network['ingress-class']).toBe('gateway-api.ingress.networking.knative.dev');
    expect(serving.spec.config.domain).toEqual({ 'apps.home.shdr.ch': '' });
    expect(serving.spec.config.gateway['external-gateways']).toContain('gateway: ingress/main-gateway');
    expect(JSON.stringify(serving)).not.toContain('kourier');
    expect(find('KnativeEventing', 'knative-eventing', 'knative-eventing')).toBeDefined();
    expect(layerOf('KnativeServing', 'knative-serving')).toBe('config');
  });

  test('the seed\'s Knative Services scale to zero', () => {
    for (const name of ['litellm', 'searxng', 'firecrawl', 'bytebot', 'element', 'mediamanager']) {
      const service = objects.find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.kind === 'Service' && o.metadata.name === name);
      expect({ name, minScale: service?.spec.template.metadata.annotations['autoscaling.knative.dev/min-scale'] }).toEqual({ name, minScale: '0' });
    }
  });

  test('a Knative Service routed at its own host is served by Knative itself, without a DomainMapping', () => {
    // Knative serves `<name>.apps.home.shdr.ch` by itself; a DomainMapping of that host would claim it twice.
    expect(objects.filter((o) => o.kind === 'DomainMapping')).toEqual([]);
    const litellm = objects.find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.kind === 'Service' && o.metadata.name === 'litellm');
    expect(litellm.metadata.labels['networking.knative.dev/visibility']).toBeUndefined();
    expect(find('KnativeServing', 'knative-serving').spec.config.network['autocreate-cluster-domain-claims']).toBe('false');
    expect(find('Certificate', 'main-gateway-tls', 'ingress').spec.dnsNames).toEqual(expect.arrayContaining(['litellm.apps.home.shdr.ch', 'element.apps.home.shdr.ch']));
  });

  test("a peer's Knative Service is served under the peer's namespace, so it can take no host another namespace expects", () => {
    const network = find('KnativeServing', 'knative-serving').spec.config.network;
    // infra keeps the design's <name>.apps.home.shdr.ch; peers-alice's `gitlab` is gitlab.peers-alice.apps.home.shdr.ch, not GitLab's host.
    expect(network['domain-template']).toBe('{{if eq .Namespace "infra"}}{{.Name}}.{{.Domain}}{{else}}{{.Name}}.{{.Namespace}}.{{.Domain}}{{end}}');
    // A DomainMapping needs a ClusterDomainClaim for its namespace, which Knative does not make for whoever maps a host first.
    expect(network['autocreate-cluster-domain-claims']).toBe('false');
    expect(file('README.md')).toContain('Knative serves a Knative Service at `<name>.<namespace>.apps.home.shdr.ch` (in namespace `infra`, at `<name>.apps.home.shdr.ch`)');
    // Caddy forwards the names one label deeper too.
    expect(file('README.md')).toContain('*.apps.home.shdr.ch, *.projects.apps.home.shdr.ch, *.peers-alice.apps.home.shdr.ch, *.peers-bob.apps.home.shdr.ch {');
  });

  test('Deployments, the weekly CronJob and the Helm StatefulSets', () => {
    for (const name of ['nut-server', 'peanut', 'jellyfin', 'qbittorrent', 'openwebui-api']) {
      expect({ name, kind: find('Deployment', name, 'infra')?.kind }).toEqual({ name, kind: 'Deployment' });
    }
    expect(find('CronJob', 'nuclei', 'infra').spec.schedule).toBe('0 3 * * 0');
    expect(file('gitlab-ci.yml')).toMatch(/helm upgrade --install gitlab gitlab --repo https:\/\/charts.gitlab.io/);
    expect(file('gitlab-ci.yml')).toMatch(/helm upgrade --install synapse matrix-synapse/);
  });

  test('Jellyfin transcodes remotely: no GPU in the pod', () => {
    const pod = find('Deployment', 'jellyfin', 'infra').spec.template.spec;
    expect(pod.runtimeClassName).toBeUndefined();
    expect(pod.volumes.some((v: any) => v.hostPath)).toBe(false);
    expect(Object.keys(pod.containers[0].resources.limits)).toEqual(['memory']);
    // rffmpeg and qBittorrent's proxy are set where each program reads them, by the owner.
    expect(file('README.md')).toContain('register the workstation once: rffmpeg add gpu.home.shdr.ch');
    expect(file('README.md')).toContain('type SOCKS5, host proxy.home.shdr.ch, port 1080, use the proxy for peer connections');
    expect(JSON.stringify(find('Deployment', 'qbittorrent', 'infra'))).not.toContain('QBT_PROXY');
  });
});

describe('tenancy', () => {
  test.each(['alice', 'bob'])('peers-%s: quota, isolation and the OIDC group', (peer) => {
    const namespace = `peers-${peer}`;
    expect(find('ResourceQuota', 'quota', namespace).spec.hard).toEqual({ 'requests.memory': '4Gi', 'limits.memory': '8Gi', pods: '20' });
    // A peer's `kn service apply` states no memory; the quota would refuse its pods without these defaults.
    expect(find('LimitRange', 'defaults', namespace).spec.limits).toEqual([{ type: 'Container', defaultRequest: { memory: '128Mi' }, default: { memory: '256Mi' } }]);
    const policy = find('CiliumNetworkPolicy', 'isolate-namespace', namespace);
    expect(policy.spec.endpointSelector).toEqual({});
    expect(policy.spec.ingress).toEqual(expect.arrayContaining([
      { fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': namespace } }] },
      { fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'ingress' } }] },
    ]));
    const binding = objects.find((o) => o.kind === 'RoleBinding' && o.metadata.namespace === namespace && o.metadata.name.startsWith('oidc-'));
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `/peers/${peer}` }]);
  });

  test('the six namespaces exist', () => {
    const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
    expect(namespaces).toEqual(expect.arrayContaining(['infra', 'projects', 'peers-alice', 'peers-bob', 'system', 'gitlab-agent']));
  });
});

describe('policy and secrets', () => {
  test('Gatekeeper: the seed\'s template and constraint; every pod template carries an owner', () => {
    const template = find('ConstraintTemplate', 'k8srequiredlabels');
    expect(template.spec.targets[0].rego).toContain('msg := sprintf("Missing required labels: %v", [missing])');
    expect(find('K8sRequiredLabels', 'require-owner-label').spec).toMatchObject({
      match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }] }, parameters: { labels: ['owner'] },
    });
    // Gatekeeper makes the constraint's kind from the template: the template in config, the constraint after it.
    expect(file('config/required-pod-labels.yaml')).toContain('kind: ConstraintTemplate');
    expect(file('config/required-pod-labels.yaml')).not.toContain('apiVersion: constraints.gatekeeper.sh');
    expect(file('apps/owner-label.yaml')).toContain('kind: K8sRequiredLabels');
    const templates = objects.flatMap((o) => {
      const t = o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind) || (o.kind === 'Service' && o.apiVersion.startsWith('serving')) ? o.spec.template : undefined;
      return t ? [{ name: `${o.kind}/${o.metadata.name}`, owner: t.metadata.labels.owner }] : [];
    });
    expect(templates.length).toBeGreaterThan(10);
    expect(templates.filter((t) => !t.owner)).toEqual([]);
  });

  test("SecretProviderClass app-secrets, the design's example, which no app mounts: Jellyfin's start waits for no example secret", () => {
    expect(find('SecretProviderClass', 'app-secrets', 'infra').spec).toEqual({
      provider: 'vault',
      parameters: {
        vaultAddress: 'https://bao.home.shdr.ch', roleName: 'k8s-workloads',
        objects: '- objectName: "api-key"\n  secretPath: "secret/data/myapp"\n  secretKey: "key"\n',
      },
    });
    const pods = objects.map((o) => o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec).filter((pod) => pod?.volumes);
    expect(pods.length).toBeGreaterThan(5);
    // The NUT server mounts a class of its own; none mounts the example's.
    expect(pods.flatMap((pod) => pod.volumes).filter((v: any) => v.csi).map((v: any) => v.csi.volumeAttributes.secretProviderClass)).toEqual(['nut-server-secrets']);
  });

  test("packages Crossplane installs as dependencies run restricted too: the restricted runtime is Crossplane's default one", () => {
    expect(find('DeploymentRuntimeConfig', 'default').spec.deploymentTemplate.spec.template.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    const serving = find('KnativeServing', 'knative-serving');
    // Tenant namespaces count memory in their quota: the queue-proxy sidecar asks for some.
    expect(serving.spec.config.deployment).toEqual({ 'queue-sidecar-memory-request': '32Mi', 'queue-sidecar-memory-limit': '128Mi' });
  });

  test('what lives in OpenBao is an owner step: the Kubernetes auth role of each store and every path a Secret or mount reads', () => {
    const readme = file('README.md');
    expect(readme).toContain('enable Kubernetes authentication at auth/kubernetes for this cluster, a policy external-secrets that reads what the ExternalSecrets of store openbao read, role external-secrets bound to ServiceAccount external-secrets/external-secrets');
    expect(readme).toContain('write openwebui/db with the properties password, url in the secret store openbao, for Secret infra/openwebui-db');
    expect(readme).toContain('a Kubernetes-auth role k8s-workloads for the pods of namespace infra that mount SecretProviderClass app-secrets');
  });

  test('OpenBao store, step-ca issuer, Crossplane providers and configs', () => {
    expect(find('ClusterSecretStore', 'openbao').spec.provider.vault.server).toBe('https://bao.home.shdr.ch');
    expect(find('ClusterIssuer', 'step-ca').spec.acme.server).toContain('/acme/acme/directory');
    // The private ACME server's TLS is trusted through its root, a placeholder until the owner pastes it.
    expect(Buffer.from(find('ClusterIssuer', 'step-ca').spec.acme.caBundle, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    const providers = objects.filter((o) => o.kind === 'Provider').map((o) => o.metadata.name).sort();
    expect(providers).toEqual(['provider-aws-iam', 'provider-aws-s3', 'provider-cloudflare', 'provider-keycloak', 'provider-kubernetes', 'provider-sql']);
    // One version of a provider in the library: the PostgreSQL composition installs the same one.
    const greyArea = manifestsOf(synthInMemory(defineGreyArea), 'grey-area/main').find((o: any) => o.kind === 'Provider' && o.metadata.name === 'provider-kubernetes');
    expect(find('Provider', 'provider-kubernetes').spec.package).toBe(greyArea.spec.package);
    expect(objects.filter((o) => o.kind === 'ProviderConfig').map((o) => o.metadata.name).sort()).toEqual(['ceph-rgw', 'default', 'default', 'keycloak', 'surrealdb']);
  });
});

describe('delivery by GitLab CI', () => {
  test('each layer is applied with server-side apply, without a namespace that would refuse its other namespaces', () => {
    const ci = file('gitlab-ci.yml');
    for (const layer of ['platform', 'config', 'apps']) {
      expect(ci).toContain(`kubectl apply --server-side --force-conflicts -k dist/aether/main/${layer}\n`);
    }
    // kubectl refuses every object of another namespace than -n names, and a layer spans many.
    expect(ci).not.toMatch(/-k dist\/aether\/main\/\w+ .*-n /);
    expect(ci).not.toContain('applyset');
    expect(ci.indexOf('helm upgrade --install cilium')).toBeLessThan(ci.indexOf('helm upgrade --install cert-manager'));
  });

  test('the GitLab agent: KAS address and token from a Secret, never the token', () => {
    const values = file('helm/gitlab-agent.values.yml');
    expect(values).toContain('kasAddress: wss://gitlab.home.shdr.ch/-/kubernetes-agent/');
    expect(values).toContain('secretName: gitlab-agent-token');
    expect(values).not.toMatch(/token: /);
  });

  test("a peer's CI jobs act as a ServiceAccount that may edit the peer's namespace only, not as the agent", () => {
    expect(file('gitlab-agent/k8s-agent.config.yml')).toContain(
      '    - id: peers/bob\n      default_namespace: peers-bob\n      access_as:\n        impersonate:\n          username: system:serviceaccount:peers-bob:gitlab-ci\n');
    expect(file('gitlab-agent/k8s-agent.config.yml')).not.toContain('system:serviceaccount:infra');
    expect(find('RoleBinding', 'gitlab-ci-edit', 'peers-alice')).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: 'gitlab-ci', namespace: 'peers-alice' }],
    });
    expect(layerOf('ServiceAccount', 'gitlab-ci')).toBe('config');
  });

  test("the agent is the design's Helm release gitlab-agent; its project, which the design does not name, is a placeholder", () => {
    const ci = file('gitlab-ci.yml');
    expect(ci).toContain('helm upgrade --install gitlab-agent gitlab-agent --repo https://charts.gitlab.io');
    expect(ci).not.toContain('--install k8s-agent');
    expect(ci).toContain('KUBE_CONTEXT: infra/k8s-agent:k8s-agent');
    const readme = file('README.md');
    expect(readme).toContain('helm upgrade --install gitlab-agent gitlab-agent --repo https://charts.gitlab.io');
    expect(readme).toContain('| placeholder | GitLab project of the agent k8s-agent: set to the path of the GitLab project that holds .gitlab/agents/k8s-agent/config.yaml, where the agent is registered (now `infra/k8s-agent`) |');
  });

  test('GitLab groups map to namespaces in the agent\'s configuration', () => {
    expect(file('gitlab-agent/k8s-agent.config.yml')).toContain('    - id: peers/alice\n      default_namespace: peers-alice\n');
  });

  test('no Flux, no Argo CD, no Prometheus', () => {
    expect(objects.some((o) => /fluxcd|argoproj|monitoring.coreos.com/.test(o.apiVersion))).toBe(false);
  });
});

test("Synapse's server name, which can never change once users exist, is a placeholder the README lists", () => {
  expect(file('helm/synapse.values.yml')).toMatch(/^serverName: shdr\.ch$/m);
  expect(file('README.md')).toContain('| placeholder | Matrix server name (the domain of Matrix IDs, `@user:<name>`): set to the domain the Matrix IDs are to carry before Synapse first starts; it can never change once users or rooms exist (now `shdr.ch`) |');
});

describe("Synapse's database and Redis take passwords from OpenBao, not the chart's default", () => {
  const values = () => parse(file('helm/synapse.values.yml'));
  const container = (kind: string, name: string) => find(kind, name, 'infra').spec.template.spec.containers[0];
  const envOf = (kind: string, name: string) => Object.fromEntries(container(kind, name).env.map((e: any) => [e.name, e.value ?? e.valueFrom.secretKeyRef]));

  test("the chart's bundled PostgreSQL and Redis, which start with the password synapse, are off; Synapse reads each password from a Secret", () => {
    expect(values()).toMatchObject({
      postgresql: { enabled: false }, redis: { enabled: false },
      externalPostgresql: {
        host: 'synapse-postgres.infra.svc.cluster.local', port: 5432, username: 'synapse', database: 'synapse',
        existingSecret: 'synapse-postgres-secret', existingSecretPasswordKey: 'password',
      },
      externalRedis: { host: 'synapse-redis.infra.svc.cluster.local', port: 6379, existingSecret: 'synapse-redis-secret', existingSecretPasswordKey: 'password' },
    });
    expect(file('helm/synapse.values.yml')).not.toMatch(/password: /i);
  });

  test('each Secret is synced from OpenBao, and the README says how to write a random password there', () => {
    for (const [name, remoteKey] of [['synapse-postgres-secret', 'synapse/postgres'], ['synapse-redis-secret', 'synapse/redis']]) {
      const secret = find('ExternalSecret', name, 'infra');
      expect(secret.spec.secretStoreRef).toMatchObject({ name: 'openbao', kind: 'ClusterSecretStore' });
      expect(secret.spec.data).toEqual([{ secretKey: 'password', remoteRef: { key: remoteKey, property: 'password' } }]);
      expect(file('README.md')).toContain(`\`vault kv put secret/${remoteKey} password="$(openssl rand -hex 32)"\``);
    }
  });

  test('PostgreSQL makes the database with the C collation Synapse requires, and the role and Redis take the passwords', () => {
    expect(envOf('StatefulSet', 'synapse-postgres')).toMatchObject({
      POSTGRES_USER: 'synapse', POSTGRES_DB: 'synapse', POSTGRES_PASSWORD: { name: 'synapse-postgres-secret', key: 'password' },
      POSTGRES_INITDB_ARGS: '--encoding=UTF8 --lc-collate=C --lc-ctype=C',
    });
    expect(container('Deployment', 'synapse-redis').args).toEqual(['sh', '-c', 'exec redis-server - --bind 0.0.0.0 <<EOF\nrequirepass $REDIS_PASSWORD\nEOF\n']);
    expect(envOf('Deployment', 'synapse-redis')).toEqual({ REDIS_PASSWORD: { name: 'synapse-redis-secret', key: 'password' } });
  });

  test("no container's command line carries a password: Kubernetes would write the Secret's value into the process' arguments, which ps shows", () => {
    const pods = objects.map((o) => o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec).filter((spec) => spec !== undefined);
    const passed = pods.flatMap((pod: any) => [...(pod.initContainers ?? []), ...pod.containers].flatMap((c: any) => {
      const fromSecrets = new Set((c.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef !== undefined).map((e: any) => e.name));
      const words: string[] = [...(c.command ?? []), ...(c.args ?? [])];
      return words.flatMap((word) => [...word.matchAll(/(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1]))
        .filter((name) => fromSecrets.has(name)).map((name) => `${c.name}: $(${name})`);
    }));
    expect(passed).toEqual([]);
  });

  test("only Synapse's pods reach them", () => {
    for (const name of ['synapse-postgres', 'synapse-redis']) {
      const sources = find('CiliumNetworkPolicy', name, 'infra').spec.ingress.flatMap((r: any) => r.fromEndpoints ?? []);
      expect(sources).toEqual([{ matchLabels: { 'k8s:app.kubernetes.io/name': 'matrix-synapse', 'k8s:io.kubernetes.pod.namespace': 'infra' } }]);
    }
  });
});

test('nothing that stays a VM, and no Smallweb, is a workload', () => {
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'].includes(o.kind) || (o.kind === 'Service' && o.apiVersion.startsWith('serving')));
  const names = workloads.map((o) => o.metadata.name).join(' ');
  // The Wazuh manager stays on the IDS stack VM; its agent runs on every node, as the design's DaemonSets.
  for (const vm of ['smallweb', 'vyos', 'caddy', 'keycloak', 'step-ca', 'openbao', 'adguard', 'prometheus', 'grafana', 'loki', 'cockpit', 'seaweedfs', 'wazuh-manager', 'ollama', 'comfyui']) {
    expect({ vm, found: names.includes(vm) }).toEqual({ vm, found: false });
  }
  // Only the README's choices against the design may name it, to say it is not moved.
  expect([...result.files].some(([path, content]) => !path.endsWith('README.md') && /smallweb/i.test(content))).toBe(false);
});

describe('facts of the design the cluster carries', () => {
  test("Caddy's *.apps.home.shdr.ch site to the VIP and AdGuard's rewrite to the gateway stack are owner steps", () => {
    const readme = file('README.md');
    expect(readme).toContain("add Caddy's sites *.apps.home.shdr.ch");
    expect(readme).toContain('*.peers-bob.apps.home.shdr.ch {\n   \treverse_proxy 10.0.3.19:80\n   }');
    expect(readme).toContain('in AdGuard, add the DNS rewrite *.apps.home.shdr.ch → 10.0.0.10 (the gateway stack');
    expect(readme).toContain('gateway stack (Caddy) address');
  });

  test("OpenWebUI keeps its data on a claim and signs sessions with a key from OpenBao: the image's /app/backend belongs to root", () => {
    const spec = find('Deployment', 'openwebui-api', 'infra').spec.template.spec;
    const container = spec.containers[0];
    expect(container.volumeMounts).toEqual([expect.objectContaining({ mountPath: '/app/backend/data' })]);
    expect(spec.securityContext.fsGroup).toBe(1000);
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'WEBUI_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'openwebui-secret', key: 'secret-key' } } }]));
    expect(file('README.md')).toContain('write openwebui/webui with the property secret-key in the secret store openbao');
  });

  test("GitLab CI's keyless S3 uploads: RGW's STS and its trust in GitLab are an owner step, the tokens' audience a placeholder", () => {
    const readme = file('README.md');
    expect(readme).toContain("| placeholder | audience of GitLab CI's ID tokens for Ceph RGW (the OIDC provider's client ID): ");
    expect(readme).toContain('ceph config set client.rgw rgw_s3_auth_use_sts true');
    expect(readme).toContain('aws iam create-open-id-connect-provider --endpoint-url https://s3.home.shdr.ch --url https://gitlab.home.shdr.ch --client-id-list "https://s3.home.shdr.ch"');
    expect(readme).toContain('trusting that provider for sts:AssumeRoleWithWebIdentity with aud https://s3.home.shdr.ch');
  });

  test("Element's config.json names the lab's Synapse as its homeserver; federation's delegation is an owner step", () => {
    const config = JSON.parse(find('ConfigMap', 'element-config', 'infra').data['config.json']);
    expect(config.default_server_config['m.homeserver']).toEqual({ base_url: 'https://synapse.apps.home.shdr.ch', server_name: 'shdr.ch' });
    const element = objects.find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.kind === 'Service' && o.metadata.name === 'element');
    expect(element.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'config', mountPath: '/app/config.json', subPath: 'config.json', readOnly: true }]);
    expect(file('README.md')).toContain('{"m.server": "synapse.apps.home.shdr.ch:443"}');
  });

  test('Jellyfin serves, and qBittorrent downloads into, the media export of the Smith NFS server, a placeholder', () => {
    const nfsOf = (name: string) => find('Deployment', name, 'infra').spec.template.spec.volumes.find((v: any) => v.nfs);
    expect(nfsOf('jellyfin').nfs).toEqual({ server: '10.0.0.10', path: '/srv/nfs/media' });
    expect(nfsOf('qbittorrent').nfs).toEqual({ server: '10.0.0.10', path: '/srv/nfs/media' });
    const mounts = (name: string) => find('Deployment', name, 'infra').spec.template.spec.containers[0].volumeMounts;
    expect(mounts('jellyfin')).toEqual(expect.arrayContaining([{ name: 'media', mountPath: '/media', readOnly: true }]));
    expect(mounts('qbittorrent')).toEqual(expect.arrayContaining([{ name: 'downloads', mountPath: '/downloads' }]));
    expect(file('README.md')).toContain('NFS export of the media library');
  });

  test("what the design leaves out is a placeholder: NUT's driver, Nuclei's day, hour and targets", () => {
    const readme = file('README.md');
    expect(readme).toContain('NUT driver of the UPS');
    expect(readme).toContain('day and hour of the weekly Nuclei scan (cron)');
    expect(readme).toContain('targets of the weekly Nuclei scan');
    expect(readme).toContain('transport of the OTLP gateway on the monitoring VM (tls or plaintext)');
    expect(file('helm/otel-node-collector.values.yml')).toContain('insecure: false');
    const nuclei = find('CronJob', 'nuclei', 'infra').spec.jobTemplate.spec.template.spec.containers[0];
    expect(nuclei.args).toEqual(['-target', 'https://openwebui.apps.home.shdr.ch', '-target', 'https://litellm.apps.home.shdr.ch', '-target', 'https://gitlab.apps.home.shdr.ch', '-silent']);
  });

  test('the apps the design moves without naming them, and its CI template, are owner steps', () => {
    const readme = file('README.md');
    expect(readme).toContain('migrate the apps of the Dokku (Neo), Dokploy (Trinity) and Coupe (Niobe) VMs');
    expect(readme).toContain("add the media stack's *arrs");
    expect(readme).toContain('create GitLab project infra/ci-templates with knative-deploy.yml');
  });
});

describe('what the design says the owner did or does outside the repository', () => {
  test("OpenWebUI's tuning for 4+ concurrent users is in its env, each value a placeholder the README lists", () => {
    const env = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0].env;
    expect(env).toEqual(expect.arrayContaining([
      { name: 'MODELS_CACHE_TTL', value: '1' },
      { name: 'CHAT_RESPONSE_STREAM_DELTA_CHUNK_SIZE', value: '1' },
      { name: 'THREAD_POOL_SIZE', value: '40' },
      { name: 'AIOHTTP_CLIENT_TIMEOUT', value: '300' },
    ]));
    const readme = file('README.md');
    for (const setting of ['MODELS_CACHE_TTL, seconds', 'CHAT_RESPONSE_STREAM_DELTA_CHUNK_SIZE, tokens per update', 'THREAD_POOL_SIZE, threads', 'AIOHTTP_CLIENT_TIMEOUT, seconds']) {
      expect(readme).toMatch(new RegExp(`\\| placeholder \\| OpenWebUI's [^|]*\\(${setting}\\): set to [^|]*tuning for 4\\+ concurrent users`));
    }
  });

  test('peers reach the API server through Keycloak: the client, their groups and their kubeconfig are an owner step', () => {
    const readme = file('README.md');
    expect(readme).toContain('create the client kubernetes as a public client with redirect URI http://localhost:8000');
    expect(readme).toContain('the group peers with the subgroups alice and bob');
    expect(readme).toContain('a kubeconfig for the API server https://10.0.3.16:6443');
    expect(readme).toContain('--exec-arg=oidc-login --exec-arg=get-token --exec-arg=--oidc-issuer-url=https://auth.shdr.ch/realms/aether --exec-arg=--oidc-client-id=kubernetes');
  });

  test("the Talos provisioning step names the design's cluster, endpoint, network and HA", () => {
    const readme = file('README.md');
    expect(readme).toContain('one controlplane config per node of cluster k8s with endpoint https://10.0.3.16:6443');
    expect(readme).toContain('(/24 on ens18, gateway 10.0.3.1; no DHCP)');
    expect(readme).toContain('VLAN 3 on vmbr0) with HA (group ceph_workloads, at most 3 restarts and 2 relocations)');
  });

  test("the design's upgrade commands are an owner step, with its schematic filled in", () => {
    const readme = file('README.md');
    expect(readme).toContain('talosctl upgrade --nodes "$node" --image factory.talos.dev/installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.12.0');
    expect(readme).toContain('talosctl upgrade-k8s --nodes 10.0.3.16 --to "$KUBERNETES_VERSION"');
  });

  test('the migration retires the VMs the design eliminates, and the Grafana dashboards are an owner step', () => {
    const readme = file('README.md');
    expect(readme).toContain('move the stacks in the design\'s order (UPS stack, Dokku apps, Dokploy apps, AI tool stack, media stack, messaging stack; GitLab last)');
    expect(readme).toContain('AI Tool Stack (on Neo, 8 GB), GitLab (on Trinity, 8 GB), Messaging Stack (on Niobe, 2 GB), UPS Stack (on Niobe, 1 GB), '
      + 'Coupe Sandbox (on Niobe, 4 GB), Dokku (on Neo, 8 GB), Dokploy (on Trinity, 16 GB), Media Stack (on Trinity, 4 GB), about 51 GB');
    expect(readme).toContain('in Grafana on the monitoring stack (Niobe), add the Kubernetes dashboards');
  });
});

test("the nodes resolve through AdGuard, the design's DNS for them, whose address is a placeholder", () => {
  const readme = file('README.md');
  expect(readme).toContain('| adguard | 10.0.0.10 (placeholder) |  | dns 53 | VM on Proxmox host Oracle |');
  expect(readme).toContain('resolve names through 10.0.0.10 (machine.network.nameservers)');
  expect(readme).toContain('"nameservers":["10.0.0.10"]');
});
