import { Construct } from 'constructs';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { defineAether } from '../charts/aether';
import { manifestsOf, synthInMemory } from './support/synth';
import { aether, labServicesCa, otlpTransport, stepCaRootCertificate } from '../hosts/aether';
import { pemCertificateProblems } from '../constructs/validation/pem-certificates';
import { nfsExportClaims } from '../constructs/validation/nfs-export-capacity';
import { talosNetworkProblems } from '../constructs/platform/talos-network';
import { talosOidcPatch, talosOidcProblems } from '../constructs/platform/talos-oidc';
import { labelSelectorMatches } from '../constructs/validation/manifest';
import { awsProviderEndpointProblems } from '../constructs/platform/aws-provider-endpoint';
import { imageFloats } from '../constructs/app/image-tag';
import { GITLAB_CI_PINS } from '../constructs/platform/gitlab-ci';
import { JELLYFIN_TRANSCODE_SIZE_LIMIT, JELLYFIN_TRANSCODES_DIR } from '../constructs/services/jellyfin';
import { mcpoReplicas, mcpoToolServers } from '../charts/aether/mcpo';
import { crossplanePackageLine, crossplanePackageProblems } from '../constructs/platform/crossplane-package-support';
import { bashParses, blocks, rows } from './support/readme';

// Facts of the aether design a reviewer checks first, read against the synthesized output.

const result = synthInMemory(defineAether);
const objects = manifestsOf(result, 'aether/main');
const find = (kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
const readme = result.files.get('aether/main/README.md')!;

describe('OpenWebUI', () => {
  test('runs a release that reads the four tuning variables it is given (v0.6.5 read only AIOHTTP_CLIENT_TIMEOUT)', () => {
    const container = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0];
    expect(container.image).toBe('ghcr.io/open-webui/open-webui:v0.6.33');
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['MODELS_CACHE_TTL', 'CHAT_RESPONSE_STREAM_DELTA_CHUNK_SIZE', 'THREAD_POOL_SIZE', 'AIOHTTP_CLIENT_TIMEOUT']));
  });

  test("the design's openwebui-frontend:3000 reaches the OpenWebUI pods, which serve the built frontend; no pod runs a Node.js the image lacks", () => {
    const service = find('Service', 'openwebui-frontend', 'infra');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'openwebui-api' });
    expect(service.spec.ports).toEqual([{ name: 'http', port: 3000, targetPort: 'http', protocol: 'TCP' }]);
    const apiPort = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0].ports[0];
    expect(apiPort).toMatchObject({ name: 'http', containerPort: 8080 });
    expect(find('Deployment', 'openwebui-frontend', 'infra')).toBeUndefined();
    expect(JSON.stringify(objects)).not.toContain('"node","build"');
    expect(readme).not.toContain("image of OpenWebUI's separate frontend");
  });
});

describe('OpenWebUI, first start', () => {
  test('liveness waits while the first start downloads the model caches its claim hides: a startup probe gives it five minutes', () => {
    const container = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0];
    expect(container.volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/app/backend/data' }));
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/health', port: 8080 }, periodSeconds: 10, failureThreshold: 30 });
  });
});

describe('OpenWebUI, wiring after its first start', () => {
  test('the connection to LiteLLM and the MCPO tool servers it stores at its first start have a step for later changes, at the addresses its environment names', () => {
    const env: Array<{ name: string; value?: string }> = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0].env;
    const litellmUrl = env.find((e) => e.name === 'OPENAI_API_BASE_URL')!.value!;
    expect(litellmUrl).toBe('http://litellm.infra.svc.cluster.local/v1');
    const mcpoService = find('Service', 'openwebui-mcpo', 'infra');
    const mcpoUrl = `http://${mcpoService.metadata.name}.infra.svc.cluster.local:${mcpoService.spec.ports[0].port}`;
    // OpenWebUI's PersistentConfig: these variables count at the first start only, unless persistence is switched off.
    expect(env.find((e) => e.name === 'ENABLE_PERSISTENT_CONFIG')).toBeUndefined();
    const [step] = rows(readme).filter(([what]) => what.includes('TOOL_SERVER_CONNECTIONS')).map(([what]) => what);
    expect(step).toContain(`${mcpoUrl}/&lt;name>, OpenAPI path openapi.json`);
    expect(step).toContain(`the key of the connection ${litellmUrl}`);
    expect(step).toContain('OpenBao (litellm/master-key)');
    expect(find('ExternalSecret', 'litellm-secret', 'infra').spec.data[0].remoteRef).toMatchObject({ key: 'litellm/master-key', property: 'master-key' });
  });
});

describe("the design's pod network, 10.244.0.0/16", () => {
  test('is written into every node\'s machine config, and the README lists it', () => {
    expect(readme).toContain("the pods' addresses come from 10.244.0.0/16, each node's PodCIDR a block of it (cluster.network.podSubnets)");
    expect(readme).toContain('every node {"cluster":{"network":{"cni":{"name":"none"},"podSubnets":["10.244.0.0/16"]}');
  });

  test('talos({ podSubnets }) refuses a block with host bits set, or one that is no block, on the field', () => {
    expect(talosNetworkProblems({ podSubnets: ['10.244.1.0/16', '10.244.0.0'] })).toEqual([
      expect.objectContaining({ field: 'podSubnets[0]', hint: expect.stringContaining("'10.244.0.0/16'") }),
      expect.objectContaining({ field: 'podSubnets[1]', hint: expect.stringContaining("'10.244.0.0/16', Talos' own") }),
    ]);
    expect(talosNetworkProblems({ podSubnets: [] })).toEqual([expect.objectContaining({ field: 'podSubnets' })]);
    expect(talosNetworkProblems({ podSubnets: ['10.244.0.0/16'] })).toEqual([]);
  });
});

describe("Crossplane's providers each have a ProviderConfig and its credentials", () => {
  test('provider-cloudflare: ProviderConfig default, its key and e-mail from OpenBao as the JSON the provider reads', () => {
    expect(find('ProviderConfig', 'default')).toBeDefined();
    const config = objects.find((o) => o.kind === 'ProviderConfig' && o.apiVersion === 'cloudflare.crossplane.io/v1alpha1');
    expect(config).toMatchObject({ metadata: { name: 'default' }, spec: { credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'cloudflare-credentials', key: 'credentials' } } } });
    expect(find('ExternalSecret', 'cloudflare-credentials', 'crossplane-system').spec.data).toEqual([{ secretKey: 'credentials', remoteRef: { key: 'crossplane/cloudflare-credentials', property: 'credentials' } }]);
    expect(readme).toContain('write crossplane/cloudflare-credentials with the property credentials in the secret store openbao');
    expect(readme).toContain(`'{APIKey: $key, Email: $email}'`);
    // Each provider's credentials say the form that provider reads.
    expect(readme).toContain('[default]\\naws_access_key_id = %s\\naws_secret_access_key = %s');
    expect(readme).toContain('url: "https://auth.shdr.ch", realm: "master"');
  });

  test("provider-aws-s3 and provider-aws-iam manage Ceph RGW: ProviderConfig ceph-rgw sends S3, IAM and STS to RGW, not to AWS", () => {
    const config = objects.find((o) => o.kind === 'ProviderConfig' && o.metadata.name === 'ceph-rgw');
    expect(config.apiVersion).toBe('aws.upbound.io/v1beta1');
    // The provider writes the custom endpoint for the services listed alone: with none, buckets and roles go to AWS.
    expect(config.spec.endpoint).toEqual({
      services: ['s3', 'iam', 'sts'], url: { type: 'Static', static: 'https://s3.home.shdr.ch' }, hostnameImmutable: true,
    });
    expect(config.spec.s3_use_path_style).toBe(true);
  });

  test('an AWS ProviderConfig with a custom endpoint and no services is refused on the field, with the services to list', () => {
    const endpoint = { url: { type: 'Static', static: 'https://s3.example.org' } };
    expect(awsProviderEndpointProblems('aws.upbound.io/v1beta1', { endpoint }, 'addProviderConfig(rgw)')).toEqual([
      expect.objectContaining({ field: 'addProviderConfig(rgw).spec.endpoint.services', message: expect.stringContaining("AWS's own endpoints"), hint: expect.stringContaining("services: ['s3', 'iam', 'sts']") }),
    ]);
    expect(awsProviderEndpointProblems('aws.m.upbound.io/v1beta1', { endpoint: { ...endpoint, services: [] } }, 'x')).toHaveLength(1);
    expect(awsProviderEndpointProblems('aws.upbound.io/v1beta1', { endpoint: { ...endpoint, services: ['s3'] } }, 'x')).toEqual([]);
    // Real AWS needs no endpoint, and another provider's endpoint is its own.
    expect(awsProviderEndpointProblems('aws.upbound.io/v1beta1', { credentials: { source: 'IRSA' } }, 'x')).toEqual([]);
    expect(awsProviderEndpointProblems('kubernetes.crossplane.io/v1alpha1', { endpoint }, 'x')).toEqual([]);
  });

  test('provider-kubernetes: ProviderConfig default with the pod\'s own identity, bound to a ClusterRole that is a placeholder, with its reason', () => {
    const config = objects.find((o) => o.kind === 'ProviderConfig' && o.apiVersion === 'kubernetes.crossplane.io/v1alpha1');
    expect(config).toMatchObject({ metadata: { name: 'default' }, spec: { credentials: { source: 'InjectedIdentity' } } });
    const provider = objects.find((o) => o.kind === 'Provider' && o.metadata.name === 'provider-kubernetes');
    expect(provider.spec.runtimeConfigRef).toEqual({ name: 'provider-kubernetes' });
    expect(find('DeploymentRuntimeConfig', 'provider-kubernetes').spec.serviceAccountTemplate).toEqual({ metadata: { name: 'provider-kubernetes' } });
    const binding = find('ClusterRoleBinding', 'crossplane-provider-kubernetes');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'provider-kubernetes', namespace: 'crossplane-system' }]);
    expect(binding.metadata.annotations['security.homelab.dev/provider-identity']).toContain('provider-kubernetes');
    expect(readme).toMatch(/\| placeholder \| ClusterRole provider-kubernetes acts with for compositions: [^|]*\(now `edit`\)/);
    // The other providers keep the restricted runtime config every package gets.
    expect(objects.find((o) => o.kind === 'Provider' && o.metadata.name === 'provider-aws-s3').spec.runtimeConfigRef).toEqual({ name: 'default' });
  });
});

test('the claim sizes the design does not give are placeholders the README lists, not silent choices', () => {
  for (const [fact, size] of [["OpenWebUI's PostgreSQL and pgvector claim", '20Gi'], ["OpenWebUI's data claim", '10Gi'], ["Jellyfin's /config claim", '20Gi'], ["qBittorrent's /config claim", '2Gi']]) {
    expect(readme).toMatch(new RegExp(`\\| placeholder \\| size of ${fact.replace(/[()/]/g, '\\$&')}[^|]*\\(now \`${size}\`\\)`));
  }
  expect(find('PersistentVolumeClaim', 'jellyfin-config', 'infra').spec.resources.requests.storage).toBe('20Gi');
});

test("the OpenTofu step names the design's Talos provider, and where the image and the configs are stored", () => {
  expect(readme).toContain('with the siderolabs/talos provider ~> 0.7: downloads the Talos v1.11.0 nocloud image of schematic 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba to cephfs on smith');
  expect(readme).toContain('uploads them as Proxmox snippets on cephfs');
});

describe("the design's API server OIDC (Keycloak realm aether), a Talos config", () => {
  test('is a control-plane machine-config patch of the Talos bootstrap step, not a manual step after the cluster runs', () => {
    const extraArgs = { 'oidc-issuer-url': 'https://auth.shdr.ch/realms/aether', 'oidc-client-id': 'kubernetes', 'oidc-username-claim': 'preferred_username', 'oidc-groups-claim': 'groups' };
    expect(readme).toContain(`the control-plane nodes {"cluster":{"allowSchedulingOnControlPlanes":true,"apiServer":{"extraArgs":${JSON.stringify(extraArgs)}}}}`);
    expect(readme).toContain('the API server takes the ID tokens https://auth.shdr.ch/realms/aether issues to client kubernetes, the user from claim preferred_username and the groups from claim groups');
    expect(readme).not.toContain('| manual | Talos machine config: API server OIDC');
    // Keycloak's side stays a step: the client, its groups mapper and the peers' groups the RoleBindings name.
    expect(readme).toContain('a Group Membership mapper that writes claim groups with Full group path on');
    expect(find('RoleBinding', 'oidc-edit-peers-alice', 'peers-alice').subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: '/peers/alice' }]);
  });

  test('talos({ apiServerOidc }) refuses an issuer that is no https URL and a missing or empty client, on the field', () => {
    expect(talosOidcProblems({ apiServerOidc: { issuerUrl: 'http://auth.shdr.ch/realms/aether', clientId: '' } })).toEqual([
      expect.objectContaining({ field: 'apiServerOidc.issuerUrl', hint: expect.stringContaining('https://') }),
      expect.objectContaining({ field: 'apiServerOidc.clientId' }),
    ]);
    expect(talosOidcProblems({ apiServerOidc: { issuerUrl: 'https://auth.shdr.ch/realms/aether?x=1' } as never })).toEqual([
      expect.objectContaining({ field: 'apiServerOidc.clientId', message: expect.stringContaining('missing') }),
      expect.objectContaining({ field: 'apiServerOidc.issuerUrl' }),
    ]);
    expect(talosOidcProblems({ apiServerOidc: { issuerUrl: 'https://auth.shdr.ch/realms/aether', clientId: 'kubernetes' } })).toEqual([]);
    expect(talosOidcPatch({ issuerUrl: 'https://id.example/', clientId: 'k8s' }).patch).toEqual({ cluster: { apiServer: { extraArgs: { 'oidc-issuer-url': 'https://id.example/', 'oidc-client-id': 'k8s' } } } });
  });
});

test('the StorageClass of Ceph RBD, which the design does not name, is a placeholder every claim and the Ceph CSI step take', () => {
  expect(readme).toMatch(/\| placeholder \| name of the StorageClass of Ceph RBD \(ceph-csi\) the claims are made in: [^|]*\(now `ceph-rbd`\)/);
  expect(find('PersistentVolumeClaim', 'jellyfin-config', 'infra').spec.storageClassName).toBe('ceph-rbd');
  expect(readme).toContain('create StorageClass ceph-rbd as the cluster\'s default');
});

test("the README lists what the first deploy needs before the GitLab agent's steps that start it: the agent's project and the StorageClass", () => {
  const at = (text: string) => readme.indexOf(text);
  expect(at('| placeholder | GitLab project of the agent k8s-agent')).toBeGreaterThan(0);
  expect(at('| placeholder | GitLab project of the agent k8s-agent')).toBeLessThan(at('| bootstrap | register agent "k8s-agent"'));
  expect(at('| placeholder | name of the StorageClass of Ceph RBD')).toBeLessThan(at('| bootstrap | include the job file'));
  // The Talos patches, API server OIDC among them, come before the provisioning that applies them.
  expect(at('cluster.apiServer.extraArgs oidc-issuer-url')).toBeLessThan(at('run from the root of its repository: cd tofu/home && tofu init'));
});

test("the provisioning step says tofu/home is the owner's own OpenTofu tree, which this repository does not hold", () => {
  const step = readme.split('\n').find((line) => line.includes('cd tofu/home && tofu init'))!;
  expect(step).toContain('| bootstrap | the VMs and their Talos configs from your own OpenTofu code in tofu/home, as the design lays it out (it is not part of this repository)');
});

describe('each service the design lists starts with what dist/ gives it', () => {
  const podSpec = (name: string) => objects.find((o) => o.metadata.name === name && o.metadata.namespace === 'infra'
    && (['Deployment', 'StatefulSet'].includes(o.kind) || (o.kind === 'Service' && o.apiVersion === 'serving.knative.dev/v1'))).spec.template.spec;
  const main = (name: string) => podSpec(name).containers[0];
  const env = (name: string): Record<string, unknown> => Object.fromEntries((main(name).env ?? []).map((e: { name: string; value?: string; valueFrom?: { secretKeyRef: unknown } }) =>
    [e.name, e.value ?? e.valueFrom?.secretKeyRef]));
  const mountPaths = (name: string) => main(name).volumeMounts.map((m: { mountPath: string }) => m.mountPath);

  test('LiteLLM: its master key comes from OpenBao, so a caller that reaches its route without the key uses no model', () => {
    expect(env('litellm')).toMatchObject({ LITELLM_MASTER_KEY: { name: 'litellm-secret', key: 'master-key' } });
    expect(find('ExternalSecret', 'litellm-secret', 'infra').spec.data).toEqual([{ secretKey: 'master-key', remoteRef: { key: 'litellm/master-key', property: 'master-key' } }]);
    // LiteLLM refuses a master key that does not start with sk-: the owner's command makes one that does.
    expect(readme).toContain('vault kv put secret/litellm/master-key master-key="sk-$(openssl rand -hex 32)"');
    expect(readme).toContain('path "secret/data/litellm/master-key" { capabilities = ["read"] }');
    // The key is never written into the output.
    expect(JSON.stringify(main('litellm').env)).not.toMatch(/sk-[0-9a-f]/);
  });

  test("LiteLLM: the models it proxies are its config.yaml, a placeholder the README lists, not a silent empty proxy", () => {
    expect(main('litellm').args).toEqual(['--port', '4000', '--config', '/etc/litellm/config.yaml']);
    expect(main('litellm').volumeMounts).toEqual(expect.arrayContaining([expect.objectContaining({ mountPath: '/etc/litellm', readOnly: true })]));
    expect(find('ConfigMap', 'litellm-config', 'infra').data).toEqual({ 'config.yaml': 'model_list: []\n' });
    expect(readme).toContain("| placeholder | models LiteLLM proxies (its config.yaml's model_list): list the models");
  });

  test("SearXNG: its entrypoint's settings folder is writable, its secret_key comes from OpenBao, its base URL is the route's", () => {
    expect(mountPaths('searxng')).toContain('/etc/searxng');
    expect(env('searxng')).toMatchObject({ SEARXNG_SECRET: { name: 'searxng-secret', key: 'secret-key' }, SEARXNG_BASE_URL: 'https://searxng.apps.home.shdr.ch/' });
    expect(find('ExternalSecret', 'searxng-secret', 'infra').spec.data).toEqual([{ secretKey: 'secret-key', remoteRef: { key: 'searxng/secret', property: 'secret-key' } }]);
    expect(main('searxng').readinessProbe.httpGet).toMatchObject({ path: '/healthz', port: 8080 });
    expect(readme).toContain('vault kv put secret/searxng/secret secret-key="$(openssl rand -hex 32)"');
  });

  test("SearXNG's settings outlive its pods (it scales to zero): SEARXNG_SETTINGS_PATH names a file of a ConfigMap, a placeholder the README lists, not one its entrypoint copies into a folder that goes with each pod", () => {
    const path = env('searxng').SEARXNG_SETTINGS_PATH as string;
    const mount = main('searxng').volumeMounts.find((m: { mountPath: string }) => path.startsWith(`${m.mountPath}/`));
    expect(mount).toMatchObject({ readOnly: true });
    const volume = podSpec('searxng').volumes.find((v: { name: string }) => v.name === mount.name);
    const configMap = find('ConfigMap', volume.configMap.name, 'infra');
    expect(configMap.data[path.slice(mount.mountPath.length + 1)]).toBe('use_default_settings: true\n');
    // The stand-in sets no secret: SEARXNG_SECRET overrides SearXNG's default secret_key, which it refuses to run with.
    expect(configMap.data['settings.yml']).not.toContain('secret_key');
    expect(readme).toMatch(/\| placeholder \| SearXNG's settings\.yml: [^|]*`search: \{formats: \[html, json\]\}`/);
  });

  test('Firecrawl: the API and a queue worker share a Redis of their own, which only they reach', () => {
    const redisUrl = 'redis://firecrawl-redis.infra.svc.cluster.local:6379';
    expect(env('firecrawl')).toMatchObject({ REDIS_URL: redisUrl, REDIS_RATE_LIMIT_URL: redisUrl, USE_DB_AUTHENTICATION: 'false', FLY_PROCESS_GROUP: 'app' });
    // Knative gives the container its port as PORT: one written in the template is refused.
    expect(env('firecrawl').PORT).toBeUndefined();
    expect(find('Deployment', 'firecrawl-worker', 'infra')).toBeDefined();
    expect(env('firecrawl-worker')).toMatchObject({ REDIS_URL: redisUrl, FLY_PROCESS_GROUP: 'worker' });
    expect(main('firecrawl-worker').image).toBe(main('firecrawl').image);
    // Its admin calls and queue board live under /admin/<BULL_AUTH_KEY>/: unset, that is /admin/undefined/, open to all.
    expect(env('firecrawl').BULL_AUTH_KEY).toEqual({ name: 'firecrawl-secret', key: 'bull-auth-key' });
    expect(find('ExternalSecret', 'firecrawl-secret', 'infra').spec.data).toEqual([{ secretKey: 'bull-auth-key', remoteRef: { key: 'firecrawl/admin', property: 'bull-auth-key' } }]);
    expect(readme).toContain('vault kv put secret/firecrawl/admin bull-auth-key="$(openssl rand -hex 32)"');
    expect(find('Service', 'firecrawl-redis', 'infra').spec.ports[0]).toMatchObject({ port: 6379 });
    expect(mountPaths('firecrawl-redis')).toContain('/data');
    const policy = find('CiliumNetworkPolicy', 'firecrawl-redis', 'infra');
    expect(JSON.stringify(policy.spec.ingress)).toContain('"k8s:app.kubernetes.io/name":"firecrawl"');
    expect(JSON.stringify(policy.spec.ingress)).toContain('"k8s:app.kubernetes.io/name":"firecrawl-worker"');
  });

  test("Firecrawl's processes bound node's heap below their memory limit: the image's entrypoint gives 8 GiB and drops arguments", () => {
    for (const name of ['firecrawl', 'firecrawl-worker']) {
      const container = main(name);
      const heapMi = Number(/^--max-old-space-size=(\d+)$/.exec(container.command?.[1] ?? '')?.[1]);
      expect([name, container.command?.[0], heapMi < parseInt(container.resources.limits.memory, 10) * (container.resources.limits.memory.endsWith('Gi') ? 1024 : 1)]).toEqual([name, 'node', true]);
      expect(container.args).toBeUndefined();
    }
    expect(main('firecrawl').command[2]).toBe('dist/src/index.js');
    expect(main('firecrawl-worker').command[2]).toBe('dist/src/services/queue-worker.js');
  });

  test("Bytebot's agent: its PostgreSQL, database URL, model key and the desktop's address", () => {
    expect(env('bytebot')).toMatchObject({
      DATABASE_URL: { name: 'bytebot-secret', key: 'url' }, ANTHROPIC_API_KEY: { name: 'bytebot-secret', key: 'anthropic-api-key' },
      BYTEBOT_DESKTOP_BASE_URL: 'http://bytebot-desktop.infra.svc.cluster.local:9990',
    });
    expect(env('bytebot-postgres')).toMatchObject({ POSTGRES_USER: 'bytebot', POSTGRES_DB: 'bytebot', POSTGRES_PASSWORD: { name: 'bytebot-secret', key: 'password' } });
    expect(find('StatefulSet', 'bytebot-postgres', 'infra')).toBeDefined();
    expect(readme).toMatch(/\| placeholder \| size of Bytebot's PostgreSQL claim[^|]*\(now `5Gi`\)/);
    // The desktop it drives is not an object yet: the README says so, rather than the agent failing every task silently.
    expect(readme).toContain("| manual | Bytebot's desktop, which its agent drives and the design does not size or place: add bytebot-desktop");
  });

  test("Bytebot's agent migrates and starts without rebuilding what its image holds: its start:prod script writes into the root-owned /app", () => {
    const agent = main('bytebot');
    expect(agent.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true });
    // Prisma's CLI of the client's major: the latest (7) refuses the schema's datasource url.
    expect(agent.args).toEqual(['sh', '-c', 'npx --yes prisma@6 migrate deploy && exec node dist/main']);
    expect(JSON.stringify(agent)).not.toMatch(/start:prod|prisma generate|--prefix/);
  });

  test('MediaManager: its PostgreSQL, token secret, frontend URL and a writable config folder for the config its start script copies', () => {
    expect(env('mediamanager')).toMatchObject({
      MEDIAMANAGER_DATABASE__HOST: 'mediamanager-postgres.infra.svc.cluster.local', MEDIAMANAGER_DATABASE__USER: 'mediamanager', MEDIAMANAGER_DATABASE__DBNAME: 'mediamanager',
      MEDIAMANAGER_DATABASE__PASSWORD: { name: 'mediamanager-secret', key: 'password' }, MEDIAMANAGER_AUTH__TOKEN_SECRET: { name: 'mediamanager-secret', key: 'token-secret' },
      MEDIAMANAGER_MISC__FRONTEND_URL: 'https://mediamanager.apps.home.shdr.ch',
    });
    expect(mountPaths('mediamanager')).toEqual(expect.arrayContaining(['/app/config', '/data']));
    expect(main('mediamanager').readinessProbe.httpGet).toMatchObject({ path: '/api/v1/health', port: 8000 });
    expect(env('mediamanager-postgres')).toMatchObject({ POSTGRES_USER: 'mediamanager', POSTGRES_PASSWORD: { name: 'mediamanager-secret', key: 'password' } });
    expect(JSON.stringify(find('CiliumNetworkPolicy', 'mediamanager-postgres', 'infra').spec.ingress)).toContain('"k8s:app.kubernetes.io/name":"mediamanager"');
    expect(readme).toMatch(/\| placeholder \| size of MediaManager's PostgreSQL claim[^|]*\(now `5Gi`\)/);
  });

  test("MediaManager hands torrents to the stack's qBittorrent and imports them from the media export, where qBittorrent saves and Jellyfin reads", () => {
    expect(env('mediamanager')).toMatchObject({
      MEDIAMANAGER_TORRENTS__QBITTORRENT__ENABLED: 'true', MEDIAMANAGER_TORRENTS__QBITTORRENT__HOST: 'http://qbittorrent.infra.svc.cluster.local',
      MEDIAMANAGER_TORRENTS__QBITTORRENT__PORT: '8080', MEDIAMANAGER_TORRENTS__QBITTORRENT__PASSWORD: { name: 'mediamanager-secret', key: 'qbittorrent-password' },
      MEDIAMANAGER_MISC__TORRENT_DIRECTORY: '/data',
    });
    // A Knative Service mounts no NFS volume: the export is a claim bound to a volume of it, the one qBittorrent and Jellyfin mount.
    const volume = find('PersistentVolume', 'aether-media-library');
    const media = podSpec('jellyfin').volumes.find((v: { name: string }) => v.name === 'media').nfs;
    expect(volume.spec.nfs).toEqual(media);
    expect(podSpec('qbittorrent').volumes.find((v: { name: string }) => v.name === 'downloads').nfs).toEqual(media);
    expect(podSpec('mediamanager').volumes).toEqual(expect.arrayContaining([{ name: 'data', persistentVolumeClaim: { claimName: 'media-library' } }]));
    expect(main('mediamanager').volumeMounts).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'data', mountPath: '/data' })]));
    expect(find('PersistentVolumeClaim', 'media-library', 'infra').spec.volumeName).toBe('aether-media-library');
    expect(readme).toContain('the property password of mediamanager/qbittorrent is the password of qBittorrent\'s Web UI admin');
    expect(readme).toContain('all_squash,anonuid=1000,anongid=1000');
  });

  test('MediaManager finds torrents only through an indexer the design does not name: a step gives its env and its API key\'s OpenBao path, as its config folder goes with each pod', () => {
    expect(Object.keys(env('mediamanager')).filter((name) => name.startsWith('MEDIAMANAGER_INDEXERS__'))).toEqual([]);
    const config = podSpec('mediamanager').volumes.find((v: { name: string }) => v.name === main('mediamanager').volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/app/config').name);
    expect(config.emptyDir).toBeDefined();
    const secretName = (env('mediamanager').MEDIAMANAGER_DATABASE__PASSWORD as { name: string }).name;
    const [step, command] = rows(readme).find(([what]) => what.startsWith('MediaManager searches for torrents only through an indexer'))!;
    expect(step).toContain('MEDIAMANAGER_INDEXERS__PROWLARR__ENABLED true and MEDIAMANAGER_INDEXERS__PROWLARR__URL http://');
    expect(step).toContain(`the property api-key of mediamanager/indexer in OpenBao, a key of ExternalSecret ${secretName} that MEDIAMANAGER_INDEXERS__PROWLARR__API_KEY reads`);
    expect(command).toBe('vault kv put secret/mediamanager/indexer api-key="$INDEXER_API_KEY"');
    expect(find('ExternalSecret', secretName, 'infra').spec.secretStoreRef.name).toBe('openbao');
  });

  test("MediaManager starts as root with a writable root: v1.4.0's Python sits under root's home and its start script runs everything through uv run", () => {
    // Its base image has no Python: uv installed one under /root (mode 700), which the project's environment links to.
    expect(podSpec('mediamanager').securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    expect(main('mediamanager').securityContext).toMatchObject({ runAsUser: 0, readOnlyRootFilesystem: false, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(main('mediamanager').securityContext.capabilities.add).toBeUndefined();
    // uv finds its own Python under root's home; a HOME elsewhere would send it looking in the wrong place.
    expect(env('mediamanager').HOME).toBeUndefined();
    const annotations = objects.find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === 'mediamanager').spec.template.metadata.annotations;
    expect(annotations['security.homelab.dev/run-as-root']).toContain('/root');
    expect(annotations['security.homelab.dev/writable-root-filesystem']).toContain('uv run');
  });

  test('Jellyfin keeps the stock image\'s ffmpeg until its image placeholder names one with rffmpeg: it refuses to start when JELLYFIN_FFMPEG names none', () => {
    expect(main('jellyfin').image).toBe('jellyfin/jellyfin:10.10.7');
    expect(env('jellyfin').JELLYFIN_FFMPEG).toBeUndefined();
    expect(readme).toMatch(/\| placeholder \| Jellyfin's image, one that adds rffmpeg at \/usr\/local\/bin\/rffmpeg to jellyfin\/jellyfin:10\.10\.7[^|]*\(now `jellyfin\/jellyfin:10\.10\.7`\)/);
    expect(readme).toContain("name it in the placeholder of Jellyfin's image (which sets JELLYFIN_FFMPEG), and register the workstation once: rffmpeg add gpu.home.shdr.ch");
  });

  test("Jellyfin's transcodes get a volume of their own, larger than its cache's: a long high-bitrate stream outgrows the cache's limit and the pod would be evicted mid-stream", () => {
    const spec = podSpec('jellyfin');
    expect(main('jellyfin').volumeMounts).toEqual(expect.arrayContaining([{ name: 'transcodes', mountPath: JELLYFIN_TRANSCODES_DIR }]));
    expect(spec.volumes).toEqual(expect.arrayContaining([{ name: 'transcodes', emptyDir: { sizeLimit: JELLYFIN_TRANSCODE_SIZE_LIMIT } }]));
  });

  test("the monitoring VM's alerts reach someone: the design names no channel, so its kind is a placeholder and the step gives Alertmanager's configuration, the URL in a file of the VM", () => {
    expect(readme).toMatch(/\| placeholder \| kind of receiver the monitoring VM's Alertmanager sends alerts to \(webhook, slack, discord or msteams\)[^|]*\(now `webhook`\)/);
    expect(readme).toContain('so that the cluster\'s alerts reach someone, run Alertmanager on the monitoring stack (Niobe)');
    expect(readme).toMatch(/webhook_configs:\n\s+- \{ send_resolved: true, url_file: \/etc\/alertmanager\/receiver-url \}/);
  });

  test("NUT server: its upsmon logs in with the API user's password, from OpenBao as the file the image reads, never in etcd, or it stops the container at start", () => {
    const spec = podSpec('nut-server');
    expect(main('nut-server').volumeMounts).toEqual(expect.arrayContaining([{ name: 'secrets', mountPath: '/run/secrets', readOnly: true }]));
    expect(spec.volumes).toEqual(expect.arrayContaining([
      { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'nut-server-secrets' } } },
    ]));
    expect(env('nut-server')).toMatchObject({ SECRETNAME: 'nut-upsd-password' });
    const spc = find('SecretProviderClass', 'nut-server-secrets', 'infra');
    expect(spc.spec.parameters).toMatchObject({ vaultAddress: 'https://bao.home.shdr.ch', roleName: 'k8s-workloads' });
    expect(parse(spc.spec.parameters.objects)).toEqual([{ objectName: 'nut-upsd-password', secretPath: 'secret/data/nut/upsd', secretKey: 'password' }]);
    expect(objects.filter((o) => o.kind === 'ExternalSecret' && JSON.stringify(o.spec).includes('nut/upsd'))).toEqual([]);
    expect(readme).toContain('vault kv put secret/nut/upsd password="$(openssl rand -hex 32)"');
    expect(readme).toContain('a Kubernetes-auth role k8s-workloads for the pods of namespace infra that mount SecretProviderClass nut-server-secrets (and infra/app-secrets), reading secret/data/myapp, secret/data/nut/upsd');
  });

  test('PeaNUT has a writable /config for its settings.yml, which the image does not make and UID 1000 cannot', () => {
    expect(mountPaths('peanut')).toContain('/config');
    expect(env('peanut')).toMatchObject({ NUT_HOST: 'nut-server.infra.svc.cluster.local', WEB_PORT: '8080', HOME: '/tmp' });
  });

  test("MCPO runs no pod while its config lists no MCP server: it exits at start with \"No 'mcpServers' found in config file.\"", () => {
    expect(find('ConfigMap', 'openwebui-mcpo', 'infra').data['config.json']).toBe('{"mcpServers": {}}\n');
    expect(find('Deployment', 'openwebui-mcpo', 'infra').spec.replicas).toBe(0);
    expect(readme).toContain('MCPO refuses a config without one, and runs no pod until one is listed');
    const scope = new Construct(undefined as unknown as Construct, 'mcpo');
    expect(mcpoReplicas(scope, '{"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time"]}}}')).toBe(1);
    expect(mcpoReplicas(scope, '{"mcpServers": {}}')).toBe(0);
    expect(scope.node.metadata).toEqual([]);
    for (const config of ['{"mcpServers": ', '{"servers": {}}', '[]', '{"mcpServers": []}']) {
      const invalid = new Construct(undefined as unknown as Construct, 'mcpo');
      expect(mcpoReplicas(invalid, config)).toBe(0);
      expect(invalid.node.metadata.map((entry) => entry.data)).toEqual([expect.objectContaining({ severity: 'error', field: 'config.json', hint: expect.stringContaining('"mcpServers"') })]);
    }
  });

  test("Synapse's PostgreSQL makes its database in UTF8: with the C character type alone initdb picks SQL_ASCII, which Synapse refuses at start", () => {
    // Synapse checks SHOW SERVER_ENCODING on its first connection ("Database has incorrect encoding: 'SQL_ASCII' instead of 'UTF8'").
    const args = String(env('synapse-postgres').POSTGRES_INITDB_ARGS).split(' ');
    expect(args).toEqual(expect.arrayContaining(['--encoding=UTF8', '--lc-collate=C', '--lc-ctype=C']));
  });

  test("Element runs as the image's nginx user, who owns the folders its entrypoint and nginx write", () => {
    expect(podSpec('element').securityContext).toMatchObject({ runAsUser: 101, runAsGroup: 101 });
    expect(main('element').securityContext).toMatchObject({ runAsUser: 101, runAsGroup: 101 });
  });
});

test("the GitLab and Synapse charts' claims, which the design does not size, are placeholders the README lists; StatefulSets' before the first sync", () => {
  const values = (release: string) => parse(result.files.get(`aether/main/helm/${release}.values.yml`)!);
  const gitlab = values('gitlab');
  expect(gitlab.gitlab.gitaly.persistence.size).toBe('50Gi');
  expect(gitlab.minio.persistence.size).toBe('10Gi');
  expect(gitlab.postgresql.primary.persistence.size).toBe('8Gi');
  expect(values('synapse').persistence).toEqual({ storageClass: 'ceph-rbd', size: '10Gi' });
  const row = (fact: string) => readme.split('\n').findIndex((line) => line.startsWith(`| placeholder | size of ${fact}`));
  for (const fact of ["GitLab's Gitaly claim (the Git repositories)", "GitLab's bundled PostgreSQL claim", "GitLab's bundled MinIO claim", "Synapse's media claim"]) {
    expect(row(fact)).toBeGreaterThan(0);
  }
  // A StatefulSet's claim template cannot change after the first sync: those sizes come before the steps that start it.
  const firstDeploy = readme.split('\n').findIndex((line) => line.includes('| bootstrap | include the job file'));
  expect(row("GitLab's Gitaly claim")).toBeLessThan(firstDeploy);
  expect(row("GitLab's bundled PostgreSQL claim")).toBeLessThan(firstDeploy);
});

describe("the Helm charts' pods in infra (GitLab, Synapse) are isolated as a peer's namespace is", () => {
  const isolation = () => find('CiliumNetworkPolicy', 'isolate-namespace', 'infra');
  const plain = (selector: Record<string, any>) => ({
    matchLabels: Object.fromEntries(Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [k.replace(/^k8s:/, ''), v])),
    matchExpressions: (selector.matchExpressions ?? []).map((e: Record<string, unknown>) => ({ ...e, key: String(e.key).replace(/^k8s:/, '') })),
  });
  const selects = (labels: Record<string, string>) => labelSelectorMatches(plain(isolation().spec.endpointSelector), labels);
  const rules = () => isolation().spec.ingress as Array<Record<string, any>>;

  test("a policy selects every pod the charts make (GitLab's own, its bundled PostgreSQL and Redis, Synapse), and no App's, whose own policy stays", () => {
    expect(find('Namespace', 'infra').metadata.annotations?.['security.homelab.dev/no-network-policy']).toBeUndefined();
    const chartPods: Array<Record<string, string>> = [
      { app: 'webservice', release: 'gitlab', owner: 'infra' }, { app: 'gitaly', release: 'gitlab' }, { app: 'gitlab-shell', release: 'gitlab' },
      { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': 'gitlab', owner: 'infra' },
      { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': 'gitlab' },
      { 'app.kubernetes.io/name': 'matrix-synapse', 'app.kubernetes.io/instance': 'synapse', owner: 'infra' },
      // A Job of the chart with no label at all.
      {},
    ];
    for (const labels of chartPods) {
      expect([labels, selects(labels)]).toEqual([labels, true]);
    }
    for (const app of ['openwebui-postgres', 'element', 'firecrawl-redis', 'synapse-postgres', 'synapse-redis']) {
      expect([app, selects({ 'app.kubernetes.io/name': app, owner: 'infra' })]).toEqual([app, false]);
    }
  });

  test("infra's own pods reach every port; Gateway traffic only the routed ports (GitLab's Workhorse, registry and agent server, Synapse's client and federation API); peers' pods nothing", () => {
    expect(rules()[0]).toEqual({ fromEndpoints: expect.arrayContaining([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'infra' } }]) });
    expect(rules()[0].toPorts).toBeUndefined();
    const routed = (name: string) => find('HTTPRoute', name, 'infra').spec.rules[0].backendRefs[0].port;
    expect([routed('gitlab'), routed('synapse')]).toEqual([8181, 8008]);
    const gateway = rules().find((r) => JSON.stringify(r.fromEntities) === '["ingress"]' && JSON.stringify(r.toPorts).includes('"8181"'));
    expect(gateway!.toPorts[0].ports.map((p: { port: string }) => Number(p.port))).toEqual([5000, 8008, 8150, 8154, 8181]);
    // Every rule names its sources: the namespace itself, the node collector, Knative; none is open to all, none to a peer's namespace.
    const namespaces = rules().flatMap((r) => (r.fromEndpoints ?? []).map((e: any) => e.matchLabels['k8s:io.kubernetes.pod.namespace']));
    expect([...new Set(namespaces)].sort()).toEqual(['infra', 'knative-serving', 'system']);
    expect(rules().every((r) => r.fromEndpoints !== undefined || (JSON.stringify(r.fromEntities) === '["ingress"]' && r.toPorts !== undefined))).toBe(true);
  });

  test("the node collector, which scrapes GitLab's annotated pods, reaches them; the Knative Services the infra group's CI deploys here keep their activator", () => {
    expect(rules()[0].fromEndpoints).toContainEqual({ matchLabels: { 'k8s:app.kubernetes.io/instance': 'otel-node', 'k8s:io.kubernetes.pod.namespace': 'system' } });
    expect(rules()).toContainEqual({ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'knative-serving' } }] });
  });

  test('the namespace side projects deploy into is isolated as well', () => {
    const policy = find('CiliumNetworkPolicy', 'isolate-namespace', 'projects');
    expect(policy.spec.endpointSelector).toEqual({});
    expect(policy.spec.ingress.flatMap((r: any) => (r.fromEndpoints ?? []).map((e: any) => e.matchLabels['io.kubernetes.pod.namespace']))).toEqual(['projects', 'ingress', 'knative-serving']);
  });
});

test("Bytebot's agent API, which has no login, is reached by whoever reaches its route: the README puts that to the owner, with the limit Caddy can set", () => {
  expect(readme).toContain("owner decision: Bytebot's agent API (https://bytebot.apps.home.shdr.ch) has no login of its own, and main-gateway (Cilium's Gateway API) can neither ask for one nor limit a route to source addresses");
  expect(readme).toContain('not remote_ip private_ranges');
});

test("GitLab's container registry, which the design's deploy jobs push $CI_REGISTRY_IMAGE to and Knative pulls from, has its own routed host", () => {
  const route = find('HTTPRoute', 'gitlab-registry', 'infra');
  expect(route.spec.hostnames).toEqual(['registry.apps.home.shdr.ch']);
  expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'gitlab-registry', port: 5000 }]);
  // The Gateway's traffic reaches the registry's pods, and the gateway certificate names the host.
  const isolation = find('CiliumNetworkPolicy', 'isolate-namespace', 'infra');
  const fromGateway = isolation.spec.ingress.filter((r: any) => JSON.stringify(r.fromEntities) === '["ingress"]');
  expect(fromGateway.flatMap((r: any) => r.toPorts[0].ports.map((p: { port: string }) => p.port))).toContain('5000');
  expect(find('Certificate', 'main-gateway-tls', 'ingress').spec.dnsNames).toContain('registry.apps.home.shdr.ch');
});

describe("the first pipeline's apps job, whose helm --wait needs the pods' Secrets, comes after the steps that put them in OpenBao", () => {
  const at = (text: string) => readme.indexOf(text);
  const firstSync = () => at('| bootstrap | include the job file');

  test("OpenBao's Kubernetes authentication, each entry an ExternalSecret reads and the command that writes it come before the job file is included", () => {
    expect(firstSync()).toBeGreaterThan(0);
    expect(at('enable Kubernetes authentication at auth/kubernetes for this cluster')).toBeGreaterThan(at('| bootstrap | write the kubeconfig'));
    expect(at('enable Kubernetes authentication at auth/kubernetes for this cluster')).toBeLessThan(firstSync());
    for (const step of [
      '| bootstrap | write synapse/postgres with the property password', '| manual | the property password of synapse/postgres',
      '| bootstrap | write crossplane/ceph-rgw-credentials', '| manual | the property credentials of crossplane/ceph-rgw-credentials',
      '| manual | the property master-key of litellm/master-key', '| manual | the property token-secret of mediamanager/auth',
      '| manual | the property url of bytebot/db',
      // OpenWebUI's session key, which each pod of its Deployment must share: a command that makes one, as for every other key.
      '| manual | the property secret-key of openwebui/webui is OpenWebUI\'s WEBUI_SECRET_KEY',
    ]) {
      expect([step, at(step) > 0 && at(step) < firstSync()]).toEqual([step, true]);
    }
  });

  test("OpenWebUI's database entry says the form of its url, as Bytebot's does: OpenWebUI reads the URL alone", () => {
    expect(readme).toContain('vault kv put secret/openwebui/db password="$PASSWORD" url="postgresql://openwebui:$PASSWORD@openwebui-postgres.infra.svc.cluster.local:5432/openwebui"');
    expect(at('| manual | the property url of openwebui/db is the connection URL of OpenWebUI\'s database')).toBeLessThan(firstSync());
  });
});

test('values the first sync fixes for good are set before it: the Matrix server name and the sizes of the databases\' claim templates', () => {
  const at = (text: string) => readme.indexOf(text);
  for (const fact of ['Matrix server name', "size of Bytebot's PostgreSQL claim", "size of OpenWebUI's PostgreSQL and pgvector claim", "size of Synapse's PostgreSQL claim", "size of MediaManager's PostgreSQL claim"]) {
    expect([fact, at(`| placeholder | ${fact}`) > 0 && at(`| placeholder | ${fact}`) < at('| bootstrap | include the job file')]).toEqual([fact, true]);
  }
  // A StatefulSet's claim template is what the size is written into, which the API server refuses to change.
  expect(find('StatefulSet', 'synapse-postgres', 'infra').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('16Gi');
  // A claim of its own can grow later: it stays among the steps of the running cluster.
  expect(at("| placeholder | size of Jellyfin's /config claim")).toBeGreaterThan(at('| bootstrap | include the job file'));
});

test("the node collector's prometheus receiver scrapes the port an annotated pod names for its metrics, not each port it declares", () => {
  const values = result.files.get('aether/main/helm/otel-node-collector.values.yml')!;
  expect(values).toBeDefined();
  const job = parse(values).config.receivers.prometheus.config.scrape_configs[0];
  expect(job.relabel_configs).toContainEqual({
    source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'], action: 'replace', target_label: '__address__',
    // The collector reads `$$` as the `$` Prometheus is to see; a single `$1` would be taken for a variable of the collector's.
    regex: '([^:]+)(?::\\d+)?;(\\d+)', replacement: '$$1:$$2',
  });
});

test("the node collector's filelog receiver can open the containers' logs: it runs as root, their owner, with no capability", () => {
  // The runtime writes each log 0640 root:root, under a /var/log Talos keeps at 0700; the image's user 10001 opens none.
  const values = parse(result.files.get('aether/main/helm/otel-node-collector.values.yml')!);
  expect(values.presets.logsCollection.enabled).toBe(true);
  expect(values.config.service.pipelines.logs.receivers).toContain('filelog');
  expect(values.podSecurityContext).toMatchObject({ runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } });
  expect(values.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
  expect(values.podAnnotations['security.homelab.dev/run-as-root']).toContain('/var/log/pods');
});

test("the upgrade step upgrades every node's Talos, and never sends Kubernetes back to the design's 1.32.0, older than what Talos v1.11.0 installs", () => {
  expect(readme).toContain('for node in 10.0.3.16 10.0.3.17 10.0.3.18; do talosctl upgrade --nodes "$node" --image factory.talos.dev/installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.12.0; done');
  expect(readme).not.toContain('--to 1.32.0');
  expect(readme).toContain('talosctl upgrade-k8s --nodes 10.0.3.16 --to "$KUBERNETES_VERSION"');
  expect(readme).toContain('(Talos v1.11.0 installs 1.34)');
});

describe("the design's PBS backs up the VMs the cluster replaces, not the claims that now hold their data", () => {
  test('the README says so and names every claim of the output, and every StatefulSet that makes claims', () => {
    const step = readme.split('\n').find((line) => line.startsWith('| manual | backups: the design\'s Proxmox Backup Server'))!;
    expect(step).toContain('but not the claims');
    const holders = objects.filter((o) => o.kind === 'PersistentVolumeClaim' || (o.kind === 'StatefulSet' && (o.spec.volumeClaimTemplates ?? []).length > 0));
    expect(holders.length).toBeGreaterThan(0);
    for (const o of holders) {
      expect([o.metadata.name, step.includes(`${o.metadata.namespace}/${o.metadata.name}`)]).toEqual([o.metadata.name, true]);
    }
    expect(step).toContain("the claims GitLab's chart (Gitaly, PostgreSQL, MinIO) and Synapse's (media) make");
  });
});

describe("the design's ProviderConfig surrealdb, which its Database (a PostgreSQL kind of provider-sql) names", () => {
  test('is a PostgreSQL config whose connection the README says how to write: the inventory\'s database server, its port and a role that may create databases', () => {
    const config = find('ProviderConfig', 'surrealdb');
    expect(config.apiVersion).toBe('postgresql.sql.crossplane.io/v1alpha1');
    expect(config.spec.credentials.connectionSecretRef).toEqual({ namespace: 'crossplane-system', name: 'surrealdb-connection' });
    expect(find('ExternalSecret', 'surrealdb-connection', 'crossplane-system').spec.data.map((d: { secretKey: string }) => d.secretKey).sort())
      .toEqual(['endpoint', 'password', 'port', 'username']);
    expect(readme).toMatch(/\| manual \| the properties of crossplane\/surrealdb are the PostgreSQL server [^|]*external host database: endpoint db\.home\.shdr\.ch, port 5432[^|]*CREATEDB/);
    expect(readme).toContain('`vault kv put secret/crossplane/surrealdb endpoint=db.home.shdr.ch port=5432 username="$DB_ADMIN" password="$DB_ADMIN_PASSWORD"`');
    const choice = readme.split('\n').find((line) => line.startsWith("- **The design's examples of a developer's files stay theirs.**"))!;
    expect(choice).toContain("`surrealdb` is provider-sql's PostgreSQL config");
  });
});

describe("the design's Knative Functions (func deploy) in the namespaces whose pods Gatekeeper refuses without an owner", () => {
  const constraint = find('K8sRequiredLabels', 'require-owner-label');
  const mutations = objects.filter((o) => o.apiVersion === 'mutations.gatekeeper.sh/v1' && o.kind === 'AssignMetadata');
  const inScope = (mutation: any, namespace: string, labels: Record<string, string>) =>
    mutation.spec.match.namespaces.includes(namespace)
    && mutation.spec.match.kinds.some((k: any) => k.apiGroups.includes('') && k.kinds.includes('Pod'))
    && labelSelectorMatches(mutation.spec.match.labelSelector, labels);
  // Gatekeeper's AssignMetadata adds a label that is missing and never changes one that is set.
  const admitted = (namespace: string, labels: Record<string, string>) => {
    const mutated = { ...labels };
    for (const mutation of mutations.filter((m) => inScope(m, namespace, labels))) {
      const key = mutation.spec.location.replace(/^metadata\.labels\./, '').replace(/^"|"$/g, '');
      mutated[key] ??= mutation.spec.parameters.assign.value;
    }
    return constraint.spec.parameters.labels.every((label: string) => mutated[label] !== undefined) ? mutated : undefined;
  };
  // The labels func writes on its Knative Service and its revision template, which Knative's pods carry, beside Knative's own.
  const functionPod = (name: string) => ({
    'boson.dev/function': 'true', 'function.knative.dev/name': name, 'function.knative.dev/runtime': 'python',
    'serving.knative.dev/service': name, 'serving.knative.dev/configuration': name, 'serving.knative.dev/revision': `${name}-00001`,
  });

  test("the cluster README's choice on the owner rule says what the mutations add for functions, which the design does not ask for", () => {
    const choice = readme.split('\n').find((line) => line.startsWith("- **Gatekeeper's `require-owner-label`**"))!;
    expect(choice).toContain('`func deploy` writes no `owner`');
    expect(choice).toContain('`AssignMetadata` `<namespace>-function-owner`');
    expect(mutations.length).toBeGreaterThan(0);
    for (const mutation of mutations) {
      const [namespace] = mutation.spec.match.namespaces;
      expect(mutation.metadata.name).toBe(`${namespace}-function-owner`);
      expect(choice).toContain(`\`${mutation.spec.parameters.assign.value}\``);
    }
  });

  test('the owner constraint matches Pods, so the pods Knative makes for a function are what it refuses', () => {
    expect(constraint.spec.match.kinds).toEqual([{ apiGroups: [''], kinds: ['Pod'] }]);
    expect(constraint.spec.match.namespaces).toEqual(['peers-alice', 'peers-bob', 'projects']);
  });

  test("a function's pods are admitted with their namespace's owner; a pod written by hand without an owner is still refused", () => {
    const owners: Record<string, string> = { projects: 'projects', 'peers-alice': 'alice', 'peers-bob': 'bob' };
    for (const namespace of constraint.spec.match.namespaces) {
      expect(admitted(namespace, functionPod('my-function'))?.owner).toBe(owners[namespace]);
      expect(admitted(namespace, { app: 'by-hand' })).toBeUndefined();
      // A function that names its owner (func.yaml's deploy.labels) keeps it.
      expect(admitted(namespace, { ...functionPod('my-function'), owner: 'portfolio' })?.owner).toBe('portfolio');
    }
    // Nothing gives a pod of another namespace an owner.
    expect(mutations.every((m) => m.spec.match.namespaces.every((n: string) => constraint.spec.match.namespaces.includes(n)))).toBe(true);
  });

  test("Gatekeeper's mutation webhook is on: the chart's values do not disable it", () => {
    const values = parse(result.files.get('aether/main/helm/gatekeeper.values.yml')!);
    expect(values.disableMutation ?? false).toBe(false);
  });
});

test("GitLab's agent server (KAS), which the agent moves to with GitLab, has its own routed host: agents at /, CI jobs' kubectl under /k8s-proxy", () => {
  const agent = find('HTTPRoute', 'gitlab-kas', 'infra');
  expect(agent.spec.hostnames).toEqual(['kas.apps.home.shdr.ch']);
  expect(agent.spec.rules).toEqual([expect.objectContaining({
    matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'gitlab-kas', port: 8150 }],
  })]);
  const proxy = find('HTTPRoute', 'gitlab-kas-k8s-proxy', 'infra');
  expect(proxy.spec.hostnames).toEqual(['kas.apps.home.shdr.ch']);
  expect(proxy.spec.rules).toEqual([expect.objectContaining({
    matches: [{ path: { type: 'PathPrefix', value: '/k8s-proxy' } }], backendRefs: [{ name: 'gitlab-kas', port: 8154 }],
  })]);
  // The Gateway's traffic reaches KAS's pods on both ports, and the gateway certificate names the host.
  const isolation = find('CiliumNetworkPolicy', 'isolate-namespace', 'infra');
  const fromGateway = isolation.spec.ingress.filter((r: any) => JSON.stringify(r.fromEntities) === '["ingress"]');
  const ports = fromGateway.flatMap((r: any) => r.toPorts[0].ports.map((p: { port: string }) => p.port));
  expect(ports).toEqual(expect.arrayContaining(['8150', '8154']));
  expect(find('Certificate', 'main-gateway-tls', 'ingress').spec.dnsNames).toContain('kas.apps.home.shdr.ch');
  // The agent keeps the VM's KAS, the design's address, until the migration step moves it here.
  expect(parse(result.files.get('aether/main/helm/gitlab-agent.values.yml')!).config.kasAddress).toBe('wss://gitlab.home.shdr.ch/-/kubernetes-agent/');
  expect(readme).toContain("before GitLab's VM goes, point the agent at this cluster's GitLab: kasAddress wss://kas.apps.home.shdr.ch");
});

describe('the first sync starts from the push that includes the job file', () => {
  const pipeline = parse(result.files.get('aether/main/gitlab-ci.yml')!);
  // GitLab's globs of `changes`: `**/` any folders, `*` any name within one folder.
  const matches = (file: string, glob: string): boolean => new RegExp(`^${glob.split('**/').map((part) =>
    part.split('*').map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('(?:.*/)?')}$`).test(file);
  // A push runs a job when its branch matches and it changed a file one of the rule's globs names.
  const runsOnPush = (branch: string, changed: readonly string[]): boolean =>
    (pipeline['.aether-main-deploy'].rules as Array<{ if: string; changes: string[] }>).some((rule) =>
      rule.if === `$CI_COMMIT_BRANCH == "${branch}"` && changed.some((file) => rule.changes.some((glob) => matches(file, glob))));

  test('the push that adds the include to the root .gitlab-ci.yml, and nothing under dist/, runs the deploy jobs', () => {
    expect(readme).toContain("| bootstrap | include the job file from the repository's .gitlab-ci.yml: include: [{ local: dist/aether/main/gitlab-ci.yml }]");
    expect(runsOnPush('main', ['.gitlab-ci.yml'])).toBe(true);
  });

  test('a change of the cluster folder still deploys; a change of another folder, or of another branch, does not', () => {
    expect(runsOnPush('main', ['dist/aether/main/apps/litellm.yaml'])).toBe(true);
    expect(runsOnPush('main', ['dist/mobius/homelab/apps/jellyfin.yaml', 'charts/aether/main.ts'])).toBe(false);
    expect(runsOnPush('feature', ['.gitlab-ci.yml'])).toBe(false);
  });
});

test("GitLab's bundled PostgreSQL and Redis pull from bitnamilegacy: chart 8.11.2 names tags docker.io/bitnami no longer serves", () => {
  const values = parse(result.files.get('aether/main/helm/gitlab.values.yml')!);
  expect(values.postgresql.image.repository).toBe('bitnamilegacy/postgresql');
  expect(values.postgresql.metrics.image.repository).toBe('bitnamilegacy/postgres-exporter');
  expect(values.redis.image.repository).toBe('bitnamilegacy/redis');
  expect(values.redis.metrics.image.repository).toBe('bitnamilegacy/redis-exporter');
  // The pod labels the namespace's policies select stay beside them.
  expect(values.postgresql.primary.podLabels).toEqual({ owner: 'infra' });
  expect(values.redis.master.podLabels).toEqual({ owner: 'infra' });
  // The legacy images are frozen: the README tells the owner what to move to.
  expect(readme).toContain("| manual | GitLab's bundled PostgreSQL and Redis run Bitnami's legacy images, which get no security updates");
});

test("Synapse's signing-key Job pulls pinned images that exist: not the chart's matrixdotorg/synapse:latest and bitnami/kubectl:latest", () => {
  const values = parse(result.files.get('aether/main/helm/synapse.values.yml')!);
  // The chart writes each image as repository:tag, a missing tag as latest.
  const image = ({ repository, tag }: { repository: string; tag?: string }) => `${repository}:${tag ?? 'latest'}`;
  const generate = image(values.signingkey?.job?.generateImage ?? { repository: 'matrixdotorg/synapse' });
  const publish = image(values.signingkey?.job?.publishImage ?? { repository: 'bitnami/kubectl' });
  expect([generate, publish].filter(imageFloats)).toEqual([]);
  // docker.io/bitnami keeps only rolling latest tags, in a trial catalogue.
  expect([generate, publish].filter((ref) => /^(docker\.io\/)?bitnami\//.test(ref))).toEqual([]);
  expect(generate).toBe('matrixdotorg/synapse:v1.127.1');
  // The store step is a shell script calling kubectl: the image the deploy jobs already run has both.
  expect(publish).toBe(GITLAB_CI_PINS.image);
});

test("Synapse's macaroon key comes from the owner's Secret, a key of its own rather than one derived from the registration secret", () => {
  const values = parse(result.files.get('aether/main/helm/synapse.values.yml')!);
  expect(values.extraConfig).toEqual({ macaroon_secret_key_path: '/synapse/macaroon/key' });
  expect(values.synapse.extraVolumes).toEqual([{ name: 'macaroon-key', secret: { secretName: 'synapse-macaroon-secret', items: [{ key: 'key', path: 'key' }] } }]);
  expect(values.synapse.extraVolumeMounts).toEqual([{ name: 'macaroon-key', mountPath: '/synapse/macaroon', readOnly: true }]);
  // No value of the key itself is written: the chart's own config.macaroonSecretKey would land in Git.
  expect(values.config?.macaroonSecretKey).toBeUndefined();
  expect(find('ExternalSecret', 'synapse-macaroon-secret', 'infra').spec.data).toEqual([{ secretKey: 'key', remoteRef: { key: 'synapse/macaroon', property: 'key' } }]);
  const at = (text: string) => readme.indexOf(text);
  expect(at('| manual | the property key of synapse/macaroon')).toBeGreaterThan(0);
  expect(at('| manual | the property key of synapse/macaroon')).toBeLessThan(at('| bootstrap | include the job file'));
});

test("Synapse's registration secret comes from the owner's Secret, the same at every render, never drawn by the chart nor written out", () => {
  const values = parse(result.files.get('aether/main/helm/synapse.values.yml')!);
  // A value given keeps the chart from drawing one at random on every render; it is a stand-in, which the
  // pod's start replaces with the owner's key before Synapse reads its config.
  expect(values.config.registrationSharedSecret).toBe('${REGISTRATION_SHARED_SECRET}');
  expect(values.synapse.extraEnv).toEqual([
    { name: 'REGISTRATION_SHARED_SECRET', valueFrom: { secretKeyRef: { name: 'synapse-registration-secret', key: 'secret' } } },
  ]);
  expect(values.synapse.extraCommands).toEqual(['sed -i "s/[$]{REGISTRATION_SHARED_SECRET}/$REGISTRATION_SHARED_SECRET/" /synapse/config/conf.d/secrets.yaml']);
  expect(find('ExternalSecret', 'synapse-registration-secret', 'infra').spec.data).toEqual([{ secretKey: 'secret', remoteRef: { key: 'synapse/registration', property: 'secret' } }]);
  const at = (line: string) => readme.indexOf(line);
  expect(at('| manual | the property secret of synapse/registration')).toBeGreaterThan(0);
  expect(at('| manual | the property secret of synapse/registration')).toBeLessThan(at('| bootstrap | include the job file'));
});

describe('the monitoring stack, outside the cluster, "must alert when k8s is down"', () => {
  test("its Prometheus gets alerting rules over the nodes' Ready condition the cluster collector reads from the API server", () => {
    expect(readme).toContain('| manual | in Prometheus on the monitoring stack (Niobe), load these alerting rules (rule_files), so that it alerts when the cluster is down');
    expect(readme).toContain(`expr: 'absent_over_time({__name__=~"k8s_node_condition_ready(_ratio)?"}[5m])'`);
    expect(readme).toContain(`expr: '{__name__=~"k8s_node_condition_ready(_ratio)?"} != 1'`);
    // The metric comes from the cluster collector's k8s_cluster receiver, which reads the API server: it stops with the cluster.
    const values = parse(result.files.get('aether/main/helm/otel-cluster-collector.values.yml')!);
    expect(values.presets.clusterMetrics.enabled).toBe(true);
    expect(values.config.service.pipelines.metrics.receivers).toContain('k8s_cluster');
  });
});

test("the peers' deploy template pulls a private project's image from GitLab's registry with a pull secret of the job's namespace", () => {
  const step = readme.split('\n').find((line) => line.includes('create GitLab project infra/ci-templates'))!;
  expect(step).toContain('deploy token named gitlab-deploy-token with read_registry');
  expect(step).toContain('kubectl create secret docker-registry gitlab-registry --docker-server="$CI_REGISTRY"');
  expect(step).toContain('--pull-secret gitlab-registry');
});

test('a Knative Service scales to zero after 60 s idle, as the design says, written into the autoscaler\'s configuration', () => {
  const serving = find('KnativeServing', 'knative-serving', 'knative-serving');
  expect(serving.spec.config.autoscaler).toEqual({ 'enable-scale-to-zero': 'true', 'stable-window': '60s' });
});

describe("the node collector's kubelet metrics on Talos", () => {
  const values = (name: string) => parse(result.files.get(`aether/main/helm/${name}.values.yml`)!);

  test("kubeletstats verifies each kubelet's serving certificate against the cluster CA", () => {
    const collector = values('otel-node-collector');
    expect(collector.presets.kubeletMetrics).toEqual({ enabled: true });
    expect(collector.config.receivers.kubeletstats).toEqual({ insecure_skip_verify: false });
    expect(collector.podAnnotations['security.homelab.dev/unverified-kubelet-tls']).toBeUndefined();
  });

  test('every node asks the cluster CA for its kubelet serving certificate, in the patches the README gives the provisioning', () => {
    expect(readme).toContain('"kubelet":{"extraArgs":{"rotate-server-certificates":true}}');
    expect(readme).toContain('(machine.kubelet.extraArgs.rotate-server-certificates)');
  });

  test("an approver of the nodes' requests, pinned, for the three nodes' names and addresses alone, in a restricted namespace with a policy", () => {
    const approver = values('kubelet-csr-approver');
    expect(approver).toMatchObject({
      providerRegex: '^(talos-neo|talos-niobe|talos-trinity)$',
      providerIpPrefixes: ['10.0.3.16/32', '10.0.3.17/32', '10.0.3.18/32'],
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
      podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
    });
    expect(result.files.get('aether/main/gitlab-ci.yml')).toContain(
      'helm upgrade --install kubelet-csr-approver kubelet-csr-approver --repo https://postfinance.github.io/kubelet-csr-approver --version 1.2.11 --namespace kubelet-csr-approver',
    );
    expect(find('Namespace', 'kubelet-csr-approver').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(find('NetworkPolicy', 'platform-ingress', 'kubelet-csr-approver')).toBeDefined();
  });
});

describe('Hubble UI, which shows every flow of the cluster', () => {
  const routes = objects.filter((o) => o.kind === 'HTTPRoute' && o.spec.hostnames.includes('hubble.apps.home.shdr.ch'));

  test('is routed only through the Keycloak login, which lets the admins alone through', () => {
    expect(routes.map((r) => r.spec.rules.flatMap((rule: any) => rule.backendRefs.map((b: any) => `${r.metadata.namespace}/${b.name}:${b.port}`)))).toEqual([['infra/hubble-ui-login:4180']]);
    expect(objects.filter((o) => o.kind === 'HTTPRoute').flatMap((r) => r.spec.rules.flatMap((rule: any) => rule.backendRefs.map((b: any) => b.name)))).not.toContain('hubble-ui');
    const proxy = find('Deployment', 'hubble-ui-login', 'infra').spec.template.spec.containers[0];
    expect(proxy.image).toBe('quay.io/oauth2-proxy/oauth2-proxy:v7.7.1');
    expect(proxy.args).toEqual(expect.arrayContaining([
      '--provider=oidc', '--oidc-issuer-url=https://auth.shdr.ch/realms/aether', '--client-id=hubble', '--allowed-group=/admins',
      '--redirect-url=https://hubble.apps.home.shdr.ch/oauth2/callback', '--upstream=http://hubble-ui.kube-system.svc.cluster.local:80/', '--cookie-secure=true',
    ]));
    expect(proxy.env.map((e: any) => e.valueFrom.secretKeyRef)).toEqual([{ name: 'hubble-login-secret', key: 'client-secret' }, { name: 'hubble-login-secret', key: 'cookie-secret' }]);
    expect(find('ExternalSecret', 'hubble-login-secret', 'infra').spec.data.map((d: any) => d.remoteRef)).toEqual([
      { key: 'hubble/login', property: 'client-secret' }, { key: 'hubble/login', property: 'cookie-secret' },
    ]);
    expect(readme).toContain('create the confidential client hubble (standard flow) with redirect URI https://hubble.apps.home.shdr.ch/oauth2/callback');
    expect(readme).toContain('Keycloak group of the cluster admins (Hubble UI)');
  });

  test("no pod but the login proxy reaches the UI's pods", () => {
    const policy = find('CiliumNetworkPolicy', 'hubble-ui-login-backend', 'kube-system');
    expect(policy.spec.endpointSelector).toEqual({ matchLabels: { 'k8s-app': 'hubble-ui' } });
    expect(policy.spec.ingress).toEqual([{
      fromEndpoints: [{ matchLabels: { 'k8s:app.kubernetes.io/name': 'hubble-ui-login', 'k8s:io.kubernetes.pod.namespace': 'infra' } }],
      toPorts: [{ ports: [{ port: '8081', protocol: 'TCP' }] }],
    }]);
  });
});

describe('the images whose init stays root send their app its SIGTERM when the pod stops', () => {
  // A root process may signal another user's process only with KILL: s6-overlay runs qBittorrent as PUID, and
  // the Wazuh agent's init stops its daemons, run as the wazuh user, by signal.
  const switchUsers = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];
  const podOf = (kind: string, name: string) => find(kind, name).spec.template;

  test.each([['Deployment', 'qbittorrent'], ['DaemonSet', 'wazuh-agent']])('%s %s: KILL beside the capabilities its init switches users with, and the reason', (kind, name) => {
    const pod = podOf(kind, name);
    expect(pod.spec.containers[0].securityContext.capabilities.add).toEqual([...switchUsers, 'KILL']);
    expect(pod.metadata.annotations['security.homelab.dev/add-capabilities']).toContain('its init stays root and signals the app, run as another user, to stop it (KILL)');
  });

  test("the NUT server, whose root upsmon parent signals none of the nut user's processes, gets no KILL", () => {
    const pod = podOf('Deployment', 'nut-server');
    expect(pod.spec.containers[0].securityContext.capabilities.add).toEqual(switchUsers);
    expect(pod.metadata.annotations['security.homelab.dev/add-capabilities']).not.toContain('KILL:');
  });
});

describe("aether: the media export's capacity, which the design leaves out, is a placeholder", () => {
  test("the owner is asked for it, and the one claim on the export is MediaManager's, of the whole export", () => {
    expect(aether.nfs.media.capacityIsPlaceholder).toBe(true);
    expect(result.files.get('aether/main/README.md')).toMatch(/\| placeholder \| capacity of the NFS export of the media library: .*\(now `4T`\)/);
    const cluster = result.clusters.find((c) => c.folder === 'aether/main')!;
    expect(nfsExportClaims(cluster.objects, aether.nfs.media).map((claim) => [claim.description, claim.size])).toEqual([['claim infra/media-library', '4T']]);
  });
});

test("GitLab leaves cert-manager to the cluster's own: chart 8.11.2 reads certmanager.install, not installCertmanager (chart 9.0)", () => {
  const values = parse(result.files.get('aether/main/helm/gitlab.values.yml')!);
  expect(values.certmanager).toEqual({ install: false });
  expect(values).not.toHaveProperty('installCertmanager');
  expect(values.global.ingress.configureCertmanager).toBe(false);
});

describe("aether: Crossplane's six providers install on the Crossplane the pipeline installs", () => {
  // A Provider whose release does not run on the installed Crossplane never becomes healthy, and the
  // pipeline waits for each of them. provider-keycloak v2.1.0 still builds on crossplane-runtime v1 (its
  // namespaced kinds came with v2.7.0); provider-kubernetes v1.2.1 builds on v2 and keeps serving the
  // cluster-scoped kinds Crossplane 1 reconciles.
  const ci = result.files.get('aether/main/gitlab-ci.yml')!;
  const crossplane = /helm upgrade --install crossplane crossplane .*--version (\S+)/.exec(ci)?.[1];

  test('Crossplane 1.20.0, and each Provider a release known to run on it', () => {
    expect(crossplane).toBe('1.20.0');
    const packages = objects.filter((o) => o.kind === 'Provider' && o.apiVersion === 'pkg.crossplane.io/v1').map((o) => o.spec.package as string);
    expect(packages.sort()).toEqual([
      'xpkg.crossplane.io/crossplane-contrib/provider-kubernetes:v1.2.1', 'xpkg.upbound.io/crossplane-contrib/provider-cloudflare:v0.1.0',
      'xpkg.upbound.io/crossplane-contrib/provider-keycloak:v2.1.0', 'xpkg.upbound.io/crossplane-contrib/provider-sql:v0.11.0',
      'xpkg.upbound.io/upbound/provider-aws-iam:v1.21.0', 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0',
    ]);
    for (const pkg of packages) {
      expect({ pkg, known: crossplanePackageLine(pkg) !== undefined, problems: crossplanePackageProblems(pkg, [], crossplane!) }).toEqual({ pkg, known: true, problems: [] });
    }
  });

  test('the ProviderConfigs use the cluster-scoped API versions those releases serve, no namespaced group of Crossplane 2', () => {
    const configs = objects.filter((o) => o.kind === 'ProviderConfig').map((o) => o.apiVersion).sort();
    expect(configs).toEqual([
      'aws.upbound.io/v1beta1', 'cloudflare.crossplane.io/v1alpha1', 'keycloak.crossplane.io/v1beta1', 'kubernetes.crossplane.io/v1alpha1', 'postgresql.sql.crossplane.io/v1alpha1',
    ]);
    expect(objects.filter((o) => String(o.apiVersion).split('/')[0].split('.').includes('m'))).toEqual([]);
  });
});

describe("aether: the migrated apps' administrators are the owner's, claimed right after the first deploy, and their first credentials named", () => {
  // Their databases are new here: OpenWebUI's first account to sign up becomes the administrator, MediaManager's
  // first start makes one with a known password, Jellyfin's wizard makes one for its first visitor.
  const lines = readme.split('\n').filter((line) => line.startsWith('| '));
  const at = (text: string) => lines.findIndex((line) => line.includes(text));

  test('the step follows the push that runs the first deploy, and reaches the pod through a port forward', () => {
    const step = at("as soon as OpenWebUI's pod runs, sign up at http://localhost:8080 through the port forward here");
    expect(step).toBe(at("include the job file from the repository's .gitlab-ci.yml") + 1);
    expect(lines[step]).toContain('before anyone else reaches its route (openwebui.apps.home.shdr.ch): its first visitor to sign up becomes the administrator');
    const port = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0].ports[0].containerPort;
    expect(lines[step]).toContain(`\`kubectl -n infra port-forward deployment/openwebui-api ${port}:${port}\``);
    // Before Caddy and AdGuard send the lab's names to the cluster.
    expect(step).toBeLessThan(at("add the DNS rewrite *.apps.home.shdr.ch"));
  });

  test("MediaManager's administrators are the owner's address, not its example config's, and its default password is replaced right away", () => {
    const env = objects.find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === 'mediamanager').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'MEDIAMANAGER_AUTH__ADMIN_EMAILS', value: '["admin@shdr.ch"]' });
    expect(lines[at("| placeholder | address of MediaManager's administrator (its auth.admin_emails)")]).toContain('(now `admin@shdr.ch`)');
    const step = at('sign in to MediaManager at https://mediamanager.apps.home.shdr.ch as admin@shdr.ch with the password admin');
    // Its route is the only way in (no Deployment to port-forward to): right after Caddy and AdGuard open it.
    expect(step).toBeGreaterThan(at("as soon as OpenWebUI's pod runs"));
    expect(step).toBe(at('add the DNS rewrite *.apps.home.shdr.ch') + 1);
    expect(lines[step]).toContain('set a password of your own before anyone else on the network signs in with it');
  });

  test("Jellyfin's startup wizard, open to its first visitor on a new /config, is the owner's right after the first deploy", () => {
    const step = at("as soon as Jellyfin's pod runs, finish its startup wizard at http://localhost:8096 through the port forward here");
    // Among the steps right after the first deploy, before Caddy and AdGuard send the lab's names to the cluster.
    expect(step).toBe(at("as soon as OpenWebUI's pod runs") + 1);
    expect(step).toBeLessThan(at('add the DNS rewrite *.apps.home.shdr.ch'));
    expect(lines[step]).toContain('before anyone else reaches its route (jellyfin.apps.home.shdr.ch)');
    expect(lines[step]).toContain('`kubectl -n infra port-forward deployment/jellyfin 8096:8096`');
  });

  test("GitLab's root password is the one the chart writes into its Secret, which the README names", () => {
    const step = lines[at('sign in to GitLab at https://gitlab.apps.home.shdr.ch as root')];
    expect(step).toContain("`kubectl -n infra get secret gitlab-gitlab-initial-root-password -o jsonpath='{.data.password}' \\| base64 -d`");
  });

  test("Element's users sign in to accounts the owner makes in Synapse's pod with the registration secret, the first an administrator", () => {
    const step = lines[at('Element (https://element.apps.home.shdr.ch) signs in to accounts of this Synapse only')];
    // The chart names its Deployment and Service alike; the route's Service is that name.
    expect(find('HTTPRoute', 'synapse', 'infra').spec.rules[0].backendRefs[0].name).toBe('synapse-matrix-synapse');
    expect(step).toContain('`kubectl -n infra exec -it deployment/synapse-matrix-synapse -- register_new_matrix_user -c /synapse/config/conf.d/secrets.yaml http://localhost:8008`');
    // That file holds the registration secret the pod's start writes in place of the chart's stand-in.
    expect(parse(result.files.get('aether/main/helm/synapse.values.yml')!).synapse.extraCommands[0]).toContain('/synapse/config/conf.d/secrets.yaml');
  });

  test("qBittorrent's admin signs in with the temporary password its pod prints until one is set", () => {
    const step = lines[at('sign in to qBittorrent at https://qbittorrent.apps.home.shdr.ch as admin')];
    expect(step).toContain("`kubectl -n infra logs deployment/qbittorrent \\| grep 'temporary password'`");
  });
});

describe("aether: the design's OpenBao secrets as files reach the NUT server's pod at its first start", () => {
  const at = (text: string) => readme.indexOf(text);
  const roleBlock = () => blocks(readme).find((b) => b.includes('vault write auth/kubernetes/role/k8s-workloads'));

  test("the CSI provider logs in as the pod's ServiceAccount, whose own token OpenBao reviews: the role is bound to it, and it may review tokens", () => {
    const block = roleBlock()!;
    expect(block).toBeDefined();
    expect(block).toContain('vault write auth/kubernetes/role/k8s-workloads bound_service_account_names=default bound_service_account_namespaces=infra policies=k8s-workloads ttl=1h');
    expect(block).toContain('kubectl create clusterrolebinding infra-default-tokenreview --clusterrole=system:auth-delegator --serviceaccount=infra:default');
    expect(bashParses(block)).toBe(true);
    // The store's step enables the method and its config already: a second enable fails on the taken path.
    expect(block).not.toContain('vault auth enable');
  });

  test('one policy reads what every class of the role mounts: a second step writing the role alone would take the first one\'s paths away', () => {
    const block = roleBlock()!;
    expect(block.match(/^path "[^"]+"/gm)).toEqual(['path "secret/data/myapp"', 'path "secret/data/nut/upsd"']);
    expect(blocks(readme).filter((b) => b.includes('vault policy write k8s-workloads'))).toHaveLength(1);
  });

  test('the role is written before the first sync, after the step that enables the auth method', () => {
    const step = at('| bootstrap | in Vault or OpenBao at https://bao.home.shdr.ch: a Kubernetes-auth role k8s-workloads for the pods of namespace infra that mount SecretProviderClass nut-server-secrets');
    expect(step).toBeGreaterThan(at('enable Kubernetes authentication at auth/kubernetes for this cluster'));
    expect(step).toBeLessThan(at('| bootstrap | include the job file'));
  });
});

describe("aether: the site README's counts and Knative hosts say what the output holds", () => {
  const siteReadme = readFileSync(join(__dirname, '..', 'charts', 'aether', 'README.md'), 'utf8');
  const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

  test('the gateway certificate lists as many names as the README says', () => {
    expect(siteReadme).toContain(`lists each routed name (${find('Certificate', 'main-gateway-tls', 'ingress').spec.dnsNames.length} today)`);
  });

  test("every ExternalSecret is among the Secrets the cluster README's choice says reach etcd, against the design's \"never in etcd\", and their count is right", () => {
    const externalSecrets = objects.filter((o) => o.kind === 'ExternalSecret');
    const choice = readme.split('\n').find((line) => line.startsWith('- **Secrets that reach etcd.**'))!;
    expect(choice).toContain('"Secrets Store CSI: secrets never in etcd"');
    expect(choice).toContain(`So these ${WORDS[externalSecrets.length]} reach etcd`);
    for (const secret of externalSecrets) {
      expect([secret.metadata.name, choice.includes(`\`${secret.metadata.namespace === 'infra' ? 'infra/' : ''}${secret.metadata.name}\``)]).toEqual([secret.metadata.name, true]);
    }
    // The ones the CSI driver serves as files are named as never reaching it, and no Secret mirrors them.
    for (const spc of objects.filter((o) => o.kind === 'SecretProviderClass')) {
      expect([spc.metadata.name, choice.includes(`\`${spc.metadata.name}\``), spc.spec.secretObjects]).toEqual([spc.metadata.name, true, undefined]);
    }
  });

  test("Knative's domain claims and host template are the ones the README describes", () => {
    const serving = find('KnativeServing', 'knative-serving', 'knative-serving');
    expect(serving.spec.config.network['autocreate-cluster-domain-claims']).toBe('false');
    expect(siteReadme).toContain("`autocreate-cluster-domain-claims: 'false'`");
    expect(serving.spec.config.network['domain-template']).toContain('{{.Name}}.{{.Namespace}}.{{.Domain}}');
    expect(siteReadme).toContain('`<name>.<namespace>.apps.home.shdr.ch`');
  });
});

describe('aether: the AI tool stack works together, as on its VM', () => {
  const openWebUi = () => find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0];
  const env = (name: string) => openWebUi().env.find((e: { name: string }) => e.name === name);

  test("OpenWebUI asks LiteLLM for its models, inside the cluster, with the master key LiteLLM takes callers with", () => {
    // Knative answers a Knative Service at its name inside the cluster, through the cluster-local gateway on port 80.
    const litellm = objects.find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === 'litellm');
    expect(env('OPENAI_API_BASE_URL')).toEqual({ name: 'OPENAI_API_BASE_URL', value: `http://${litellm.metadata.name}.${litellm.metadata.namespace}.svc.cluster.local/v1` });
    const masterKey = litellm.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'LITELLM_MASTER_KEY').valueFrom;
    expect(env('OPENAI_API_KEY')).toEqual({ name: 'OPENAI_API_KEY', valueFrom: masterKey });
    // Knative's gateway and activator reach LiteLLM's pods.
    const policy = find('CiliumNetworkPolicy', 'litellm', 'infra');
    expect(policy.spec.ingress).toEqual(expect.arrayContaining([{ fromEntities: ['ingress'] }]));
  });

  test("OpenWebUI's tool servers are MCPO's, one per MCP server its config lists, at the address MCPO's policy admits OpenWebUI on", () => {
    expect(env('TOOL_SERVER_CONNECTIONS')).toEqual({ name: 'TOOL_SERVER_CONNECTIONS', value: '[]' });
    const url = 'http://openwebui-mcpo.infra.svc.cluster.local:8000';
    expect(mcpoToolServers('{"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time"]}, "fetch": {"command": "uvx"}}}', url)).toEqual([
      { url: `${url}/time`, path: 'openapi.json', auth_type: 'bearer', key: '', config: { enable: true } },
      { url: `${url}/fetch`, path: 'openapi.json', auth_type: 'bearer', key: '', config: { enable: true } },
    ]);
    expect(mcpoToolServers('{"servers": {}}', url)).toEqual([]);
    expect(find('Service', 'openwebui-mcpo', 'infra').spec.ports[0].port).toBe(8000);
    expect(find('CiliumNetworkPolicy', 'openwebui-mcpo', 'infra').spec.ingress).toContainEqual(expect.objectContaining({
      fromEndpoints: [expect.objectContaining({ matchLabels: expect.objectContaining({ 'k8s:app.kubernetes.io/name': 'openwebui-api' }) })],
    }));
  });
});

describe("aether: the cluster trusts the identity layer's certificates where its platform calls the lab's services", () => {
  /** The cluster rendered with the placeholder of the lab services' CA set to `ca`. */
  const renderedWith = (ca: 'public' | 'step-ca') => {
    const fact = labServicesCa as unknown as { value: string };
    const stand = fact.value;
    fact.value = ca;
    try {
      const rendered = synthInMemory(defineAether);
      return { objects: manifestsOf(rendered, 'aether/main'), files: rendered.files, errors: rendered.findings.filter((f) => f.severity === 'error') };
    } finally {
      fact.value = stand;
    }
  };
  const store = (list: typeof objects) => list.find((o) => o.kind === 'ClusterSecretStore' && o.metadata.name === 'openbao').spec.provider.vault;
  const agentValues = (files: Map<string, string>) => parse(files.get('aether/main/helm/gitlab-agent.values.yml')!).config;
  const classParameters = (list: typeof objects, name: string) => list.find((o) => o.kind === 'SecretProviderClass' && o.metadata.name === name).spec.parameters;
  const providerValues = (files: Map<string, string>) => parse(files.get('aether/main/helm/vault-csi-provider.values.yml')!).csi;
  const otlpTls = (files: Map<string, string>, collector: string) => parse(files.get(`aether/main/helm/${collector}.values.yml`)!).config.exporters.otlp.tls;
  const COLLECTORS = ['otel-node-collector', 'otel-cluster-collector'];

  test('which CA signs OpenBao, the agent server and the OTLP gateway is a placeholder the README lists before the first sync; the stand-in trusts the public roots', () => {
    expect(readme).toContain("| placeholder | CA that signs the certificates of OpenBao (bao.home.shdr.ch), GitLab's agent server (gitlab.home.shdr.ch) and the OTLP gateway (public or step-ca)");
    const lines = readme.split('\n');
    expect(lines.findIndex((line) => line.includes('| placeholder | CA that signs the certificates of OpenBao'))).toBeLessThan(lines.findIndex((line) => line.includes('| bootstrap | include the job file')));
    expect(store(objects).caBundle).toBeUndefined();
    expect(agentValues(result.files).kasCaCert).toBeUndefined();
    for (const name of ['nut-server-secrets', 'app-secrets']) {
      expect(classParameters(objects, name).vaultCACertPath).toBeUndefined();
    }
    expect(providerValues(result.files).volumes).toBeUndefined();
    expect(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'vault-csi-provider-trusted-ca')).toBeUndefined();
    for (const collector of COLLECTORS) {
      expect(otlpTls(result.files, collector)).toEqual({ insecure: false });
    }
  });

  test("with step-ca, External Secrets and the GitLab agent trust step-ca's root for them, and that root is set before the first sync", () => {
    const { objects: stepCaObjects, files, errors } = renderedWith('step-ca');
    expect(errors).toEqual([]);
    const root = String(stepCaRootCertificate.value);
    expect(Buffer.from(store(stepCaObjects).caBundle, 'base64').toString()).toBe(root);
    expect(agentValues(files).kasCaCert).toBe(root);
    const lines = files.get('aether/main/README.md')!.split('\n');
    expect(lines.findIndex((line) => line.includes('| placeholder | root certificate of step-ca (PEM)'))).toBeLessThan(lines.findIndex((line) => line.includes('| bootstrap | include the job file')));
  });

  test("with step-ca, the Secrets Store CSI provider trusts step-ca's root for OpenBao, so the NUT server's pod mounts its password", () => {
    const { objects: stepCaObjects, files } = renderedWith('step-ca');
    const root = String(stepCaRootCertificate.value);
    const caFiles = stepCaObjects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'vault-csi-provider-trusted-ca');
    expect(caFiles.metadata.namespace).toBe('kube-system');
    for (const name of ['nut-server-secrets', 'app-secrets']) {
      const path = classParameters(stepCaObjects, name).vaultCACertPath;
      expect(path).toBe(`/vault/trusted-ca/infra.${name}.pem`);
      expect(caFiles.data[`infra.${name}.pem`]).toBe(root);
    }
    // The provider reads the file from its own pods, where the chart mounts the ConfigMap.
    const csi = providerValues(files);
    expect(csi.volumes).toEqual([{ name: 'trusted-ca', configMap: { name: 'vault-csi-provider-trusted-ca', optional: true } }]);
    expect(csi.volumeMounts).toEqual([{ name: 'trusted-ca', mountPath: '/vault/trusted-ca', readOnly: true }]);
  });

  test("with step-ca, the OpenTelemetry collectors trust step-ca's root for the OTLP gateway over TLS, and check nothing over plain gRPC", () => {
    const { files } = renderedWith('step-ca');
    for (const collector of COLLECTORS) {
      expect(otlpTls(files, collector)).toEqual({ insecure: false, ca_pem: String(stepCaRootCertificate.value) });
    }
    const transport = otlpTransport as unknown as { value: string };
    transport.value = 'plaintext';
    try {
      const plain = renderedWith('step-ca');
      expect(plain.errors).toEqual([]);
      for (const collector of COLLECTORS) {
        expect(otlpTls(plain.files, collector)).toEqual({ insecure: true });
      }
    } finally {
      transport.value = 'tls';
    }
  });

  test('a CA bundle that holds no certificate, or a private key, is refused on the field', () => {
    expect(pemCertificateProblems('caBundle', undefined)).toEqual([]);
    expect(pemCertificateProblems('caBundle', String(stepCaRootCertificate.value))).toEqual([]);
    expect(pemCertificateProblems('caBundle', 'ca.home.shdr.ch')).toEqual([expect.objectContaining({ field: 'caBundle', message: expect.stringContaining('holds no PEM certificate') })]);
    expect(pemCertificateProblems('agent.kasCaCert', '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----')).toEqual([expect.objectContaining({ field: 'agent.kasCaCert', message: expect.stringContaining('private key') })]);
  });
});

describe('aether: each workload fits in its memory limit under its normal load', () => {
  test("LiteLLM's proxy, which holds about 1 GiB once it runs, is given that much and room above it", () => {
    const resources = find('Service', 'litellm', 'infra').spec.template.spec.containers[0].resources;
    expect(resources.requests.memory).toBe('1Gi');
    expect(resources.limits.memory).toBe('2Gi');
  });

  test("SearXNG starts one uWSGI worker, not one per CPU of the node: each loads the whole app, and eight would pass its 512Mi", () => {
    const service = find('Service', 'searxng', 'infra');
    expect(service.apiVersion).toBe('serving.knative.dev/v1');
    const container = service.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env.UWSGI_WORKERS).toBe('1');
    expect(container.resources.limits.memory).toBe('512Mi');
  });
});

describe('aether: a workload that migrates its data before it opens its port is not killed midway', () => {
  test("Jellyfin, on the media stack VM's /config or after an upgrade, has ten minutes before liveness counts", () => {
    const container = find('Deployment', 'jellyfin', 'infra').spec.template.spec.containers[0];
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/health', port: 8096 }, periodSeconds: 10, failureThreshold: 60 });
  });

  test("Synapse, on the messaging stack VM's database or after an upgrade, has ten minutes, not the chart's two", () => {
    const values = parse(result.files.get('aether/main/helm/synapse.values.yml')!);
    // The chart's own probe, its path and port written out, tried every 10 s (Kubernetes' default period).
    expect(values.synapse.startupProbe).toEqual({ failureThreshold: 60, httpGet: { path: '/health', port: 'http' } });
  });
});

describe("aether: Jellyfin's transcodes on the GPU workstation through rffmpeg", () => {
  test("the step keeps rffmpeg's hosts on Jellyfin's claim and gives the workstation the paths ffmpeg reads and writes there", () => {
    const step = readme.split('\n').find((line) => line.startsWith('| manual | rffmpeg: build an image'))!;
    // Its default state folder is on the read-only root: the registration would fail, or vanish at a restart.
    expect(step).toContain('state folder is under /config');
    // ffmpeg runs remotely with the pod's paths: the media and the transcodes Jellyfin serves must be there.
    expect(step).toContain('mount the media export there at /media');
    expect(step).toContain('/cache/transcodes');
  });
});

describe('aether: restarts and updates keep each workload running', () => {
  test("Synapse's Deployment, whose media claim is ReadWriteOnce, stops the old pod before the new one starts: a rolling update on another node would wait forever for the volume", () => {
    const values = parse(result.files.get('aether/main/helm/synapse.values.yml')!);
    // The chart mounts persistence's claim, ReadWriteOnce unless told otherwise, in its single Synapse pod.
    expect(values.persistence.accessMode ?? 'ReadWriteOnce').toBe('ReadWriteOnce');
    expect(values.synapse.strategy).toEqual({ type: 'Recreate' });
  });

  test.each(['bytebot', 'mediamanager'])("Knative runs at most one pod of %s, whose every process runs the background jobs kept in its database", (name) => {
    const service = find('Service', name, 'infra');
    expect(service.apiVersion).toBe('serving.knative.dev/v1');
    expect(service.spec.template.metadata.annotations['autoscaling.knative.dev/max-scale']).toBe('1');
  });

  test("a hung Nuclei scan is stopped before the next week's is due, which the CronJob forbids while one runs", () => {
    const cronJob = find('CronJob', 'nuclei', 'infra');
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    const deadline = cronJob.spec.jobTemplate.spec.activeDeadlineSeconds;
    expect(deadline).toBeGreaterThan(0);
    expect(deadline).toBeLessThan(7 * 24 * 3600);
  });
});

describe("aether: a reader of the cluster README alone sees where it departs from the design, and where the VMs it uses run", () => {
  const choices = readme.split('## Choices against the design')[1]?.split('\n## ')[0] ?? '';
  const machineRow = (name: string) => readme.split('\n').find((line) => line.startsWith(`| ${name} |`)) ?? '';

  test("the design's one mention of the VIP as 10.0.3.60 is answered: the VIP is 10.0.3.19, as everywhere else", () => {
    expect(readme).toContain('Its ingress (gateway-api) is reached at 10.0.3.19');
    expect(choices).toContain('10.0.3.60');
  });

  test("the design's names without an object here are answered: AuthorizationPolicy, Kourier, the developer's example files, Smallweb", () => {
    for (const said of ['AuthorizationPolicy', 'Kourier', 'portfolio.shdr.ch', '/mnt/secrets', 'Smallweb', '`--set config.token=<token>`']) {
      expect(choices).toContain(said);
    }
  });

  test("the design's table gives each workload a kind; where the output's kind differs, the README says why", () => {
    expect(find('Deployment', 'openwebui-api', 'infra')).toBeDefined();
    expect(find('Deployment', 'firecrawl-worker', 'infra')).toBeDefined();
    expect(objects.filter((o) => ['DaemonSet'].includes(o.kind) && o.metadata.namespace === 'system').length).toBeGreaterThan(0);
    expect(choices).toContain("**Platform components in their own namespaces.** The design calls `system` the platform components' namespace");
    for (const said of ['**OpenWebUI as a Deployment.**', '**Firecrawl\'s worker is a Deployment.**', '"Helm (StatefulSet)" for GitLab and Synapse', '`require-owner-label`']) {
      expect(choices).toContain(said);
    }
  });

  test("what the tenants' objects add to the design's quota and policy is said: the LimitRange and the two admitted sources", () => {
    expect(find('LimitRange', 'defaults', 'peers-alice')).toBeDefined();
    expect(choices).toContain('plus LimitRange `defaults` (128Mi request, 256Mi limit)');
    expect(choices).toContain('plus `knative-serving`');
  });

  test.each([
    ['keycloak', 'Oracle'], ['openbao', 'Oracle'], ['step-ca', 'Oracle'], ['adguard', 'Oracle'], ['gateway-stack', 'Oracle'],
    ['wazuh-manager', 'Oracle'], ['otel-gateway', 'Niobe'], ['nfs-server', 'Smith'], ['gpu-workstation', 'Neo'], ['gitlab', 'Trinity'],
  ])("the machines table says which Proxmox host the design keeps %s's VM on (%s)", (machine, proxmoxHost) => {
    expect(machineRow(machine)).toMatch(new RegExp(`\\| VM on Proxmox host ${proxmoxHost} \\|$`));
  });
});

describe("aether: the design's phases end with checks, written as steps on the objects synth renders", () => {
  const steps = rows(readme);
  const at = (text: string) => steps.findIndex(([what]) => what.includes(text));
  // The nodes as the README's diagram draws them: name, roles, address, then what the machine is.
  const nodes = [...readme.matchAll(/host_[a-z_]+\["([a-z-]+)<br\/>amd64 · ([a-z, -]+)<br\/>([0-9.]+)<br\/>([^"]+)"\]/g)]
    .map(([, name, roles, address, machine]) => ({ name, roles: roles.split(', '), address, machine }));

  test("each node is the design's Proxmox VM, by its id and host, with its 100 GB disk on ceph-vm-disks", () => {
    expect(nodes.map((node) => [node.name, node.machine])).toEqual([
      ['talos-trinity', 'Proxmox VM 1030 on host trinity, 100 GB disk on ceph-vm-disks · 8 cores · 16 GB'],
      ['talos-neo', 'Proxmox VM 1031 on host neo, 100 GB disk on ceph-vm-disks · 8 cores · 16 GB'],
      ['talos-niobe', 'Proxmox VM 1032 on host niobe, 100 GB disk on ceph-vm-disks · 8 cores · 16 GB'],
    ]);
  });

  test("phase 1: the cluster's health is checked with talosctl and kubectl over every control-plane node, after Cilium and before the first deploy", () => {
    const step = at("check the cluster's health, as the design's first phase does");
    expect(step).toBeGreaterThan(at('install Cilium'));
    expect(step).toBeLessThan(at("include the job file from the repository's .gitlab-ci.yml"));
    const [, command] = steps[step];
    const controlPlanes = nodes.filter((node) => node.roles.includes('control-plane')).map((node) => node.address);
    expect(controlPlanes).toHaveLength(3);
    expect(command).toContain(`talosctl --nodes ${controlPlanes[0]} health --control-plane-nodes ${controlPlanes.join(',')} `);
    expect(command).toContain('kubectl wait --for=condition=Ready node --all');
    expect(bashParses(command)).toBe(true);
  });

  test("phases 4 and 5: the deploy from GitLab is tested through the UPS stack, PeaNUT at its route, behind Caddy, at main-gateway's VIP", () => {
    const step = at('test the deploy from GitLab and validate the platform with the UPS stack');
    expect(step).toBeGreaterThan(at('add the DNS rewrite *.apps.home.shdr.ch'));
    const [, command] = steps[step];
    const gateway = find('Gateway', 'main-gateway', 'ingress');
    const [vip] = gateway.spec.addresses.map((address: { value: string }) => address.value);
    const [host] = find('HTTPRoute', 'peanut', 'infra').spec.hostnames;
    expect(find('HTTPRoute', 'peanut', 'infra').spec.parentRefs).toContainEqual(expect.objectContaining({ name: 'main-gateway', namespace: 'ingress' }));
    expect(command).toContain('kubectl -n ingress wait --for=condition=Programmed gateway/main-gateway');
    expect(command).toContain(`.status.addresses[0].value}')" = ${vip} `);
    expect(command).toContain(`curl -fsS -o /dev/null https://${host}/`);
    expect(bashParses(command)).toBe(true);
  });

  test("phase 6: each peer's kubectl access is tested, yes in the namespace its group is bound in and no in the others", () => {
    const step = at("test each peer's kubectl access");
    expect(step).toBe(at('peer access: in Keycloak realm aether') + 1);
    const [, command] = steps[step];
    const binding = objects.find((o) => o.kind === 'RoleBinding' && o.subjects?.some((s: { name: string }) => s.name === '/peers/alice'));
    expect(binding.metadata.namespace).toBe('peers-alice');
    expect(binding.roleRef.name).toBe('edit');
    expect(command).toContain('&& kubectl --user keycloak auth can-i create deployments.apps -n peers-alice ');
    for (const other of ['peers-bob', 'infra']) {
      expect(command).toContain(`! kubectl --user keycloak auth can-i create deployments.apps -n ${other}`);
      expect(objects.some((o) => o.kind === 'RoleBinding' && o.metadata.namespace === other && o.subjects?.some((s: { name: string }) => s.name === '/peers/alice'))).toBe(false);
    }
    expect(bashParses(command)).toBe(true);
  });
});

describe("aether: qBittorrent's traffic leaves through the rotating SOCKS5 proxy, as the design has it, and no other way", () => {
  test("its pods reach DNS and the proxy's address on its SOCKS5 port, nothing else outside the cluster", () => {
    const policy = find('CiliumNetworkPolicy', 'qbittorrent', 'infra');
    const proxy = readme.split('\n').find((line) => line.startsWith('| rotating-proxy |'))!.split('|').map((cell) => cell.trim());
    const [address] = proxy[2].split(' ');
    const port = /socks5 (\d+)/.exec(proxy[4])![1];
    expect(policy.spec.egress).toEqual([
      expect.objectContaining({ toEndpoints: [{ matchLabels: expect.objectContaining({ 'k8s:k8s-app': 'kube-dns' }) }] }),
      { toCIDR: [`${address}/32`], toPorts: [{ ports: [{ port, protocol: 'TCP' }] }] },
    ]);
    expect(rows(readme).find(([what]) => what.startsWith("in qBittorrent's Web UI"))![0])
      .toContain(`its pods may reach ${address} on that port and nothing else outside the cluster`);
  });
});

describe("aether: who talks to whom, the design's \"who can talk to who\", for the apps' own data stores", () => {
  test.each(['openwebui-postgres', 'bytebot-postgres', 'mediamanager-postgres', 'synapse-postgres', 'firecrawl-redis', 'synapse-redis'])(
    '%s admits its app alone and reaches DNS alone', (store) => {
      const policy = find('CiliumNetworkPolicy', store, 'infra');
      expect(policy.spec.egress).toEqual([expect.objectContaining({ toEndpoints: [{ matchLabels: expect.objectContaining({ 'k8s:k8s-app': 'kube-dns' }) }] })]);
      expect(policy.spec.ingress.length).toBeGreaterThan(0);
    });
});

describe("aether: the UPS stack, the design's first to move, talks to the UPS and nothing else", () => {
  const dns = expect.objectContaining({ toEndpoints: [{ matchLabels: expect.objectContaining({ 'k8s:k8s-app': 'kube-dns' }) }] });

  test("the NUT server reaches the UPS's address on its SNMP port, as its driver polls it", () => {
    const upsRow = readme.split('\n').find((line) => line.startsWith('| ups |'))!.split('|').map((cell) => cell.trim());
    const [address] = upsRow[2].split(' ');
    const port = /snmp (\d+)/.exec(upsRow[4])![1];
    const env = find('Deployment', 'nut-server', 'infra').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'PORT', value: address });
    expect(find('CiliumNetworkPolicy', 'nut-server', 'infra').spec.egress)
      .toEqual([dns, { toCIDR: [`${address}/32`], toPorts: [{ ports: [{ port, protocol: 'UDP' }] }] }]);
  });

  test('PeaNUT reaches the NUT server alone', () => {
    expect(find('CiliumNetworkPolicy', 'peanut', 'infra').spec.egress).toEqual([
      dns, { toEndpoints: [{ matchLabels: { 'k8s:app.kubernetes.io/name': 'nut-server', 'k8s:io.kubernetes.pod.namespace': 'infra' } }] },
    ]);
    expect(find('Deployment', 'peanut', 'infra').spec.template.spec.containers[0].env).toContainEqual({ name: 'NUT_HOST', value: 'nut-server.infra.svc.cluster.local' });
  });
});
