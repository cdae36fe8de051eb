import { load } from 'js-yaml';
import { defineAether } from '../charts/aether';
import { defineElitedesk } from '../charts/elitedesk';
import { bashParses, blocks, rows, stepsOf } from './support/readme';
import { manifestsOf, synthInMemory } from './support/synth';

// The aether and elitedesk designs read a fourth time against the synthesized output: what a reader who checks
// dist/ against the designs alone finds there, and whether the owner's steps run as written on the objects it holds.

/** One cluster of a site as synthesized: its files, its objects, its README and the rows of its owner's table. */
function cluster(define: Parameters<typeof synthInMemory>[0], folder: string) {
  const result = synthInMemory(define);
  const readme = result.files.get(`${folder}/README.md`)!;
  const steps = rows(readme);
  return { result, objects: manifestsOf(result, folder), readme, rows: steps, step: stepsOf(steps) };
}

const { result: aetherResult, objects: aetherObjects, readme: aetherReadme, rows: aetherRows, step: aetherStep } = cluster(defineAether, 'aether/main');
const { result: elitedeskResult, objects: elitedeskObjects, readme: elitedeskReadme, rows: elitedeskRows, step: elitedeskStep } = cluster(defineElitedesk, 'elitedesk/main');

/** A bullet of a cluster README's "Choices against the design", by its bold title. */
const choice = (readme: string, title: string): string => readme.split('\n').find((line) => line.startsWith(`- **${title}**`))!;

describe("aether: the VIP's pool departs from the design's, which selects every Service, and the README says how", () => {
  test("the pool leaves out the Services labelled as having no load-balancer address, and Knative's local Gateway is one", () => {
    const pool = aetherObjects.find((o) => o.kind === 'CiliumLoadBalancerIPPool' && o.metadata.name === 'ingress-pool');
    expect(pool.spec.blocks).toEqual([{ start: '10.0.3.19', stop: '10.0.3.19' }]);
    expect(pool.spec.serviceSelector).toEqual({ matchExpressions: [{ key: 'network.homelab.dev/no-load-balancer-address', operator: 'DoesNotExist' }] });
    const local = aetherObjects.find((o) => o.kind === 'Gateway' && o.metadata.name === 'knative-local-gateway');
    expect(local.spec.infrastructure.labels).toEqual({ 'network.homelab.dev/no-load-balancer-address': 'true' });
  });

  test('the VIP bullet names the selector, its label and the Gateway that carries it', () => {
    const bullet = choice(aetherReadme, 'VIP 10.0.3.19.');
    expect(bullet).toContain("Unlike the design's pool and policy, both leave out the Services with the label `network.homelab.dev/no-load-balancer-address` (their `serviceSelector`): "
      + "Knative's cluster-local Gateway, `knative-local-gateway`, whose Service Cilium makes of type LoadBalancer too, carries it, "
      + 'so that Service never takes the VIP from `main-gateway`. It takes an address of its own instead, 10.0.3.20 (a placeholder');
    expect(bullet).toContain('so the cluster-local Knative Services it answers for stay off the LAN.');
  });
});

describe("elitedesk: Jellyfin's /config is backed up to a secondary location, as the design suggests, with Jellyfin stopped", () => {
  const backup = () => elitedeskRows[elitedeskStep("back up the config/ folder of Jellyfin's shared tree")];

  test('the step names the secondary location off the NFS server, and why Jellyfin is stopped while its SQLite databases are copied', () => {
    const [what, command] = backup();
    expect(what).toContain("back up the config/ folder of Jellyfin's shared tree 10.0.0.20:/srv/nfs/kubernetes/media/jellyfin-data to a secondary location off the NFS server, "
      + 'as the design suggests (by hand for now: the rsync or restic on a schedule it plans runs nowhere yet)');
    expect(what).toContain('Jellyfin writes its SQLite databases there while it runs, and a copy taken meanwhile may hold them half-written: '
      + 'stop it first, with the apps layer elitedesk-main-apps suspended, whose sync would start it again');
    expect(command).toMatch(/^block \d+ below the table$/);
  });

  test('the commands stop Jellyfin and its layer, copy its config/ folder and start both again, by the names and paths the output has', () => {
    const block = blocks(elitedeskReadme).find((b) => b.startsWith('flux suspend kustomization elitedesk-main-apps'))!;
    expect(block.split('\n')).toEqual([
      'flux suspend kustomization elitedesk-main-apps',
      'kubectl -n media scale deployment/jellyfin --replicas=0',
      'kubectl -n media wait --for=delete pod -l app.kubernetes.io/name=jellyfin --timeout=660s',
      `ssh 10.0.0.20 "rsync -a --delete /srv/nfs/kubernetes/media/jellyfin-data/config/ '$BACKUP_TARGET/jellyfin-config/'"`,
      'kubectl -n media scale deployment/jellyfin --replicas=1',
      'flux resume kustomization elitedesk-main-apps',
    ]);
    expect(bashParses(block)).toBe(true);
    // The layer is the one that applies Jellyfin's Deployment, whose pods carry the label the wait selects.
    const apps = elitedeskObjects.find((o) => o.kind === 'Kustomization' && o.metadata.name === 'elitedesk-main-apps');
    expect(apps.spec.path).toBe('./dist/elitedesk/main/apps');
    expect(elitedeskResult.files.get('elitedesk/main/apps/kustomization.yaml')).toContain('- jellyfin.yaml');
    const jellyfin = elitedeskObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'jellyfin');
    expect([jellyfin.metadata.namespace, jellyfin.spec.template.metadata.labels['app.kubernetes.io/name']]).toEqual(['media', 'jellyfin']);
    // config/ is the folder of the shared claim that Jellyfin mounts at /config.
    expect(jellyfin.spec.template.spec.containers[0].volumeMounts).toContainEqual({ mountPath: '/config', name: 'data', subPath: 'config' });
  });
});

describe("aether: the deploy jobs run on a GitLab Runner that runs their image, which the design's GitLab CI has to offer", () => {
  test("the first deploy's step asks for a runner with the Docker or Kubernetes executor that takes the jobs, which name no tag", () => {
    const ci = load(aetherResult.files.get('aether/main/gitlab-ci.yml')!) as Record<string, { image?: { name: string }; tags?: string[] }>;
    const template = ci['.aether-main-deploy'];
    expect(template.image!.name).toBe('alpine/k8s:1.34.1');
    expect(Object.values(ci).filter((job) => typeof job === 'object' && !Array.isArray(job) && job.tags !== undefined)).toEqual([]);
    const [what] = aetherRows[aetherStep("include the job file from the repository's .gitlab-ci.yml")];
    expect(what).toContain('the push of that change runs the first deploy, on a GitLab Runner of the project that takes untagged jobs, with the Docker or Kubernetes executor: '
      + 'each job runs in its image, alpine/k8s:1.34.1 (kubectl and helm), and fetches the charts and upstream manifests it installs from their public URLs; '
      + 'a shell runner would run the jobs on its own host, without that image');
  });
});

describe("aether: the upgrade block's Kubernetes release is one the owner sets, as the design's 1.32.0 would go back", () => {
  test('the step says to set KUBERNETES_VERSION, which the block reads, to the minor release after the one Talos v1.11.0 installs', () => {
    const [what, command] = aetherRows[aetherStep('upgrades, when you take them')];
    expect(what).toContain('and talosctl upgrade-k8s does not go back: set KUBERNETES_VERSION to that release first (1.35.&lt;patch> after the 1.34 Talos v1.11.0 installs)');
    expect(command).toMatch(/^block \d+ below the table$/);
    const block = blocks(aetherReadme).find((b) => b.includes('talosctl upgrade-k8s'))!;
    expect(block).toContain('talosctl upgrade-k8s --nodes 10.0.3.16 --to "$KUBERNETES_VERSION"');
    expect(bashParses(block)).toBe(true);
  });
});

describe("aether: the README says which namespaces besides the peers' an isolate-namespace policy covers, and what each admits", () => {
  const bullet = () => choice(aetherReadme, "The tenants' quota and policy, and what they add.");
  const isolation = (namespace: string) => aetherObjects.find((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.name === 'isolate-namespace' && o.metadata.namespace === namespace);

  test("projects, which the design does not isolate, gets the peers' policy without their quota", () => {
    expect(bullet()).toContain("`projects`, the side projects' namespace, gets the same `isolate-namespace` and no quota, so a peer's pods reach none of its pods, nor its pods a peer's.");
    const sources = (namespace: string) => isolation(namespace).spec.ingress.map((rule: { fromEndpoints?: Array<{ matchLabels: Record<string, string> }>; fromEntities?: string[] }) =>
      rule.fromEntities ?? rule.fromEndpoints!.map((e) => e.matchLabels['io.kubernetes.pod.namespace']));
    expect(sources('projects')).toEqual([['projects'], ['ingress'], ['knative-serving'], ['ingress']]);
    expect(sources('peers-alice')).toEqual([['peers-alice'], ['ingress'], ['knative-serving'], ['ingress']]);
    expect(aetherObjects.filter((o) => o.kind === 'ResourceQuota').map((o) => o.metadata.namespace).sort()).toEqual(['peers-alice', 'peers-bob']);
  });

  test("infra's covers the charts' pods, not the site's apps, and admits the Gateway on the ports the bullet lists", () => {
    expect(bullet()).toContain("`infra` gets an `isolate-namespace` too, over the pods the GitLab and Synapse charts make (every pod there but the site's own apps, "
      + "which carry policies of their own): it admits `infra`'s pods, the node collector that scrapes annotated pods, `knative-serving`, and the Gateway on the ports "
      + "its routes end at (Workhorse 8181, the registry 5000, KAS 8150 and 8154, Synapse 8008) and Knative's (8012, 8013).");
    const policy = isolation('infra');
    const apps = aetherObjects.filter((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.namespace === 'infra' && o.metadata.name !== 'isolate-namespace')
      .map((o) => o.spec.endpointSelector.matchLabels['app.kubernetes.io/name']);
    expect(policy.spec.endpointSelector.matchExpressions[0].values).toEqual([...new Set(apps)].sort());
    const gatewayPorts = policy.spec.ingress.filter((rule: { fromEntities?: string[] }) => rule.fromEntities?.includes('ingress'))
      .map((rule: { toPorts: Array<{ ports: Array<{ port: string }> }> }) => rule.toPorts[0].ports.map((p) => p.port));
    expect(gatewayPorts).toEqual([['5000', '8008', '8150', '8154', '8181'], ['8012', '8013']]);
    const peers = policy.spec.ingress.flatMap((rule: { fromEndpoints?: Array<{ matchLabels: Record<string, string> }> }) => rule.fromEndpoints ?? []).map((e: { matchLabels: Record<string, string> }) => e.matchLabels);
    expect(peers).toEqual([
      { 'k8s:io.kubernetes.pod.namespace': 'infra' },
      { 'k8s:app.kubernetes.io/instance': 'otel-node', 'k8s:io.kubernetes.pod.namespace': 'system' },
      { 'k8s:io.kubernetes.pod.namespace': 'knative-serving' },
    ]);
  });
});

describe("aether: Hubble UI, which the design exposes through the Gateway API, sits behind a login the README names", () => {
  test('the route ends at the login proxy in infra, which alone reaches the UI, and the bullet says so with the group it admits', () => {
    const route = aetherObjects.find((o) => o.kind === 'HTTPRoute' && o.spec.hostnames?.includes('hubble.apps.home.shdr.ch'));
    expect([route.metadata.namespace, route.spec.rules[0].backendRefs[0].name]).toEqual(['infra', 'hubble-ui-login']);
    const proxy = aetherObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'hubble-ui-login');
    const args: string[] = proxy.spec.template.spec.containers[0].args;
    expect(args).toEqual(expect.arrayContaining(['--provider=oidc', '--oidc-issuer-url=https://auth.shdr.ch/realms/aether', '--client-id=hubble',
      '--allowed-group=/admins', '--upstream=http://hubble-ui.kube-system.svc.cluster.local:80/']));
    const backend = aetherObjects.find((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.name === 'hubble-ui-login-backend');
    expect([backend.metadata.namespace, backend.spec.ingress]).toEqual(['kube-system', [{
      fromEndpoints: [{ matchLabels: { 'k8s:app.kubernetes.io/name': 'hubble-ui-login', 'k8s:io.kubernetes.pod.namespace': 'infra' } }],
      toPorts: [{ ports: [{ port: '8081', protocol: 'TCP' }] }],
    }]]);
    expect(choice(aetherReadme, 'Hubble UI behind a Keycloak login.')).toBe('- **Hubble UI behind a Keycloak login.** The design exposes Hubble UI through the Gateway API; '
      + "the UI has no login of its own and shows every network flow of every namespace, the peers' too. Its route, `hubble.apps.home.shdr.ch`, ends at `hubble-ui-login` in `infra`, "
      + 'an OAuth2 proxy (oauth2-proxy) that signs in through Keycloak realm `aether` (client `hubble`) and lets the members of the admins\' group (`/admins`, a placeholder) '
      + 'alone through to Service `kube-system/hubble-ui`, whose pods admit that proxy alone (CiliumNetworkPolicy `hubble-ui-login-backend`).');
  });
});

describe("aether: the platform components' namespaces and their NetworkPolicies, which the design does not write, are listed as they are", () => {
  test('the namespaces with platform-ingress and those annotated as having none are the ones the bullet names', () => {
    const bullet = choice(aetherReadme, 'Platform components in their own namespaces.');
    const withPolicy = aetherObjects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'platform-ingress').map((o) => o.metadata.namespace).sort();
    expect(withPolicy).toEqual(['cert-manager', 'external-secrets', 'gatekeeper-system', 'gitlab-agent', 'knative-operator', 'kubelet-csr-approver']);
    expect(bullet).toContain('through NetworkPolicy `platform-ingress`: ' + withPolicy.map((n) => `\`${n}\``).join(', ') + '.');
    const without = aetherObjects.filter((o) => o.kind === 'Namespace' && o.metadata.annotations?.['security.homelab.dev/no-network-policy']).map((o) => o.metadata.name).sort();
    expect(without).toEqual(['crossplane-system', 'knative-eventing', 'knative-serving', 'system']);
    expect(bullet).toContain('`crossplane-system`, `knative-serving`, `knative-eventing` and `system` have none, as what runs there serves ports chosen at run time');
    // Each admits ingress alone, on ports only: its egress stays open, as the components call the API server and the lab's services.
    for (const policy of aetherObjects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'platform-ingress')) {
      expect([policy.metadata.namespace, policy.spec.policyTypes, policy.spec.ingress.every((rule: { from?: unknown }) => rule.from === undefined)])
        .toEqual([policy.metadata.namespace, ['Ingress'], true]);
    }
  });
});

describe("aether: the Wazuh agents' release, which the design does not give, is the owner's, as the manager refuses newer agents", () => {
  test('the image tag is the placeholder, listed before the first deploy with what bounds it', () => {
    const daemonSet = aetherObjects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'wazuh-agent');
    expect(daemonSet.spec.template.spec.containers[0].image).toBe('wazuh/wazuh-agent:4.13.0');
    const [what] = aetherRows[aetherStep('release of the Wazuh agent (tag of wazuh/wazuh-agent)')];
    expect(what).toBe("release of the Wazuh agent (tag of wazuh/wazuh-agent): set to the release of the IDS stack's Wazuh manager, or an older one: "
      + 'the manager refuses an agent of a newer release than its own (now `4.13.0`)');
    expect(aetherStep('release of the Wazuh agent')).toBeLessThan(aetherStep("include the job file from the repository's .gitlab-ci.yml"));
  });
});

describe("aether: the per-node agents' settings, which the design does not give, are named as stand-ins with what they are", () => {
  test("the Wazuh agent's configuration and osquery's schedule are the ones the bullet describes", () => {
    const bullet = choice(aetherReadme, "The per-node agents' settings are stand-ins.");
    expect(bullet).toContain('The Wazuh agent enrolls into group `default` without a password and watches the node\'s `/etc` (syscheck every 12 hours), '
      + 'with rootcheck, syscollector and SCA off');
    const wazuh = aetherObjects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'wazuh-agent-config').data['ossec.conf'] as string;
    for (const line of ['<groups>default</groups>', '<frequency>43200</frequency>', '<directories>/host/etc</directories>',
      '<rootcheck><disabled>yes</disabled></rootcheck>', '<wodle name="syscollector"><disabled>yes</disabled></wodle>', '<sca><enabled>no</enabled></sca>']) {
      expect(wazuh).toContain(line);
    }
    expect(wazuh).not.toContain('authorization_pass');
    expect(bullet).toContain("osquery runs a small schedule of its own (the node's processes every 5 minutes, its kernel modules and the files under its `/etc` hourly, its kernel daily)");
    const schedule = JSON.parse(aetherObjects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'osquery-config').data['osquery.conf']).schedule;
    expect(Object.fromEntries(Object.entries(schedule).map(([name, query]) => [name, (query as { interval: number }).interval])))
      .toEqual({ host_etc_files: 3600, kernel_info: 86400, kernel_modules: 3600, processes: 300 });
    const osquery = aetherObjects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'osquery');
    expect(osquery.spec.template.spec.containers[0].args).toContain('--logger_plugin=stdout');
  });
});

describe("aether: what the cluster gets from the GitLab agent's bootstrap is listed by name, as Flux's is on elitedesk", () => {
  test('the row names the agent, its token Secret, its first release and the runner, each as the output has it', () => {
    const row = aetherReadme.split('\n').find((line) => line.startsWith('| GitLab agent bootstrap |'))!;
    expect(row).toBe('| GitLab agent bootstrap | agent k8s-agent, registered in GitLab project infra/k8s-agent, whose CI access the deploy jobs use (kubectl context infra/k8s-agent:k8s-agent); '
      + "Secret gitlab-agent/gitlab-agent-token with key token, the agent's token, made by hand and never committed; "
      + "the agent's first install, Helm release gitlab-agent in namespace gitlab-agent, which the deploy jobs upgrade; "
      + 'a GitLab Runner that runs the deploy jobs in their image, alpine/k8s:1.34.1 |');
    const ci = aetherResult.files.get('aether/main/gitlab-ci.yml')!;
    expect(ci).toContain('KUBE_CONTEXT: infra/k8s-agent:k8s-agent');
    expect(ci).toContain('helm upgrade --install gitlab-agent gitlab-agent --repo https://charts.gitlab.io --version 2.12.2 --namespace gitlab-agent ');
    expect(aetherResult.files.get('aether/main/helm/gitlab-agent.values.yml')).toContain('secretName: gitlab-agent-token');
  });
});

describe("aether: the Bytebot refusal is the Caddy step's site with lines added, as Caddy refuses two sites of one address", () => {
  test('the block has the same addresses and proxy as the Caddy step, with the matcher and the 403 inside, and says it takes that site\'s place', () => {
    const [entry, refusal] = [blocks(aetherReadme).find((b) => b.endsWith('\treverse_proxy 10.0.3.19:80\n}') && !b.includes('@bytebotOutside'))!,
      blocks(aetherReadme).find((b) => b.includes('@bytebotOutside'))!];
    const [addresses] = entry.split('\n');
    expect(addresses).toBe('*.apps.home.shdr.ch, *.projects.apps.home.shdr.ch, *.peers-alice.apps.home.shdr.ch, *.peers-bob.apps.home.shdr.ch {');
    expect(refusal.split('\n')).toEqual([
      addresses,
      '\t@bytebotOutside {',
      '\t\thost bytebot.apps.home.shdr.ch',
      '\t\tnot remote_ip private_ranges',
      '\t}',
      '\trespond @bytebotOutside 403',
      '\treverse_proxy 10.0.3.19:80',
      '}',
    ]);
    const [what] = aetherRows[aetherStep("owner decision: Bytebot's agent API")];
    expect(what).toContain('(as below: the site of the Caddy step with the refusal added, to put in its place, as Caddy refuses a second site of the same address)');
  });
});
