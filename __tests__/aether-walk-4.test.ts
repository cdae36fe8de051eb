import { host, type Host, type SynthesizeResult } from '../constructs';
import { gitLabAgentDeployment } from '../constructs/platform/components/gitlab-agent';
import { envSecretNames, readerRestartCommand, storeValueChangeStep } from '../constructs/secrets/store-value-changes';
import { defineAether } from '../charts/aether';
import { aether, talosNodes } from '../hosts/aether';
import { bashParses, blocks, rows, stepsOf } from './support/readme';
import { readCluster, synthInMemory } from './support/synth';

// aether walked a fourth time, into its second day: the owner adds a node, changes a password and keys the first
// deploy's steps wrote into OpenBao, and replaces the GitLab agent's token, a Secret made by hand.

/** A fourth Proxmox VM of the design's kind, a worker alone, as the owner would add it to the inventory. */
const FOURTH_NODE = { name: 'talos-smith', address: '10.0.3.21', vm: 'Proxmox VM 1033 on host smith, 100 GB disk on ceph-vm-disks' };

/**
 * aether synthesized in memory with the inventory as the owner edits it to add a node: the host declared with the
 * others, in the list the site and the cluster take their nodes from. The library loads once per worker, so the
 * lists are given back as they were, and the node reaches no other test.
 */
function aetherWithFourthNode(): SynthesizeResult {
  const node = host(FOURTH_NODE.name, { arch: 'amd64', roles: ['worker'], address: FOURTH_NODE.address, cores: 8, memoryGigabytes: 16, model: FOURTH_NODE.vm });
  const lists = [talosNodes, aether.hosts as Host[]];
  lists.forEach((list) => list.push(node));
  try {
    return synthInMemory(defineAether);
  } finally {
    lists.forEach((list) => list.splice(list.indexOf(node), 1));
  }
}

describe('aether: a node added to the inventory reaches every step that names the nodes', () => {
  const result = aetherWithFourthNode();
  const readme = result.files.get('aether/main/README.md')!;
  const steps = rows(readme);
  const step = stepsOf(steps);
  const nodes = ['10.0.3.16', '10.0.3.17', '10.0.3.18', FOURTH_NODE.address];

  test('the cluster synthesizes with the node, which its README lists', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(readme).toContain('4 node(s)');
  });

  test("the media export names the new node too, whose kubelet mounts it for the pods placed there, and says a later node needs its entry", () => {
    const [what, command] = steps[step('read-write to the nodes')];
    expect(what).toContain(`read-write to the nodes ${nodes.join(', ')} (VLAN 3`);
    for (const node of nodes) {
      expect(command).toContain(` ${node}(rw,sync,no_subtree_check,all_squash,anonuid=1000,anongid=1000)`);
    }
    expect(what).toContain('A node added to the cluster later needs its own entry in that line');
  });

  test('the health check waits for the worker among the nodes, and the upgrades take every node', () => {
    const [what, command] = steps[step("check the cluster's health")];
    expect(what).toContain('over the 3 control-plane nodes and the 1 worker node');
    expect(command).toContain(`health --control-plane-nodes 10.0.3.16,10.0.3.17,10.0.3.18 --worker-nodes ${FOURTH_NODE.address} `);
    expect(steps[step('upgrades, when you take them')][1]).toMatch(/^block \d+ below the table$/);
    expect(blocks(readme).find((block) => block.includes('talosctl upgrade --nodes'))).toContain(`for node in ${nodes.join(' ')}; do talosctl upgrade`);
  });

  test("the provisioning step makes the new node's VM a worker, where the design's code makes every node a control plane", () => {
    const [what] = steps[step('the VMs and their Talos configs from your own OpenTofu code')];
    expect(what).toContain(`worker (machine_type = "worker", where the design's code writes controlplane for every node) for ${FOURTH_NODE.name}`);
    expect(what).toContain(`${FOURTH_NODE.name}: ${FOURTH_NODE.vm}, 8 cores, 16 GiB`);
    // talosctl's endpoints are the control planes, never a worker.
    expect(steps[step('write the kubeconfig that data.talos_cluster_kubeconfig.this retrieves')][0])
      .toContain('with the nodes 10.0.3.16, 10.0.3.17, 10.0.3.18 as endpoints');
  });
});

describe("aether: a database password changed later reaches the role first, then the app, which reads it when it starts", () => {
  // The official image's entrypoint sets POSTGRES_PASSWORD on the role only when initdb makes the data folder: a new
  // value in OpenBao alone reaches the app's Secret, and with it the app's next start, which the role then refuses.
  const cluster = readCluster(defineAether, 'aether/main');
  const externalSecret = (name: string) => cluster.objects.find((o) => o.kind === 'ExternalSecret' && o.metadata.name === name);
  const databases = [
    { database: 'openwebui', secret: 'openwebui-db', client: 'openwebui-api', url: true },
    { database: 'bytebot', secret: 'bytebot-secret', client: 'bytebot', url: true },
    { database: 'mediamanager', secret: 'mediamanager-secret', client: 'mediamanager', url: false },
    { database: 'synapse', secret: 'synapse-postgres-secret', client: 'matrix-synapse', url: false },
  ];

  test.each(databases)("$database: the role's new password, then OpenBao's entry, the Secret synced at once, and the app's pods", ({ database, secret, client, url }) => {
    const [what, command] = cluster.rows[cluster.step(`to change the password of ${database}'s PostgreSQL role later`)];
    expect(what).toContain(`the server (infra/${database}-postgres) took it at its first start only`);
    const entry = externalSecret(secret).spec.data.find((d: any) => d.secretKey === 'password').remoteRef;
    const order = [
      `echo "ALTER ROLE ${database} PASSWORD '$NEW';" | kubectl -n infra exec -i statefulset/${database}-postgres -- psql -v ON_ERROR_STOP=1 -U ${database} -d ${database} `,
      `vault kv put secret/${entry.key} ${entry.property}="$NEW"`,
      `kubectl -n infra annotate externalsecret ${secret} force-sync=`,
      `get secret ${secret} -o jsonpath='{.data.password}' | base64 -d)" = "$NEW" ]`,
      `kubectl -n infra delete pods -l app.kubernetes.io/name=${client}`,
    ].map((part) => command.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // An entry that holds the app's URL gets it anew, as the first deploy's step wrote it, with the new password.
    const first = url ? cluster.rows[cluster.step(`the property url of ${entry.key} is the connection URL`)][1] : undefined;
    expect(command.includes(' url="')).toBe(url);
    if (first !== undefined) {
      expect(command).toContain(first.slice(first.indexOf(' url="')).replaceAll('$PASSWORD', '$NEW'));
    }
  });

  test("the pods the step restarts are those of the app that reads the password's Secret", () => {
    for (const { secret, client } of databases.filter((d) => d.client !== 'matrix-synapse')) {
      const reader = cluster.objects.find((o) => o.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'] === client && !o.kind.startsWith('Stateful'));
      expect([client, JSON.stringify(reader.spec.template.spec)]).toEqual([client, expect.stringContaining(`"name":"${secret}"`)]);
    }
    // Synapse is the chart's Deployment, whose pods carry the chart's name.
    expect(cluster.objects.find((o) => o.metadata.name === 'synapse-postgres' && o.kind === 'CiliumNetworkPolicy')?.spec.ingress[0].fromEndpoints[0].matchLabels)
      .toEqual(expect.objectContaining({ 'k8s:app.kubernetes.io/name': 'matrix-synapse' }));
  });
});

describe("aether: the GitLab agent's token, a Secret made by hand, is replaced without cutting the deploy jobs off", () => {
  // agentk reads --token-file when it starts and sends that token on every call to GitLab; the chart mounts the
  // owner's Secret and carries no checksum of it, so replacing the Secret restarts nothing.
  const cluster = readCluster(defineAether, 'aether/main');

  test("the step replaces the Secret the first install reads, restarts the agent's Deployment, and revokes the old token last", () => {
    const [what, command] = cluster.rows[cluster.step('to replace the token of agent k8s-agent')];
    const parts = [
      'kubectl -n gitlab-agent create secret generic gitlab-agent-token --from-literal=token="$NEW_AGENT_TOKEN" --dry-run=client -o yaml | kubectl apply -f -',
      'kubectl -n gitlab-agent rollout restart deployment/gitlab-agent-v2',
      'kubectl -n gitlab-agent rollout status deployment/gitlab-agent-v2 --timeout=5m',
    ];
    expect(command).toBe(parts.join(' && '));
    expect(what).toContain('an agent keeps two active at once');
    expect(what.indexOf('restart the agent')).toBeLessThan(what.indexOf('Revoke the old token'));
    // It is the Secret the values file names and the first install's step makes.
    expect(cluster.rows[cluster.step('create Secret gitlab-agent/gitlab-agent-token with key token')][0]).toContain('--from-literal=token=');
  });

  test("the Deployment is the chart's: its full name from the release, with the -v2 it appends", () => {
    expect(gitLabAgentDeployment('gitlab-agent')).toBe('gitlab-agent-v2');
    expect(gitLabAgentDeployment('k8s-agent')).toBe('k8s-agent-gitlab-agent-v2');
    expect(gitLabAgentDeployment('a'.repeat(70))).toBe(`${'a'.repeat(60)}-v2`);
  });
});

describe("aether: a value written anew into OpenBao reaches the pods that read it as environment variables by a step", () => {
  // The operator reads the store again every refreshInterval (1h), and the kubelet writes a container's
  // environment when it starts it: a rotated key reached no running pod, whatever its Secret held.
  const cluster = readCluster(defineAether, 'aether/main');
  const index = cluster.step('a value written anew into the secret store after the first sync');
  const [what, reference] = cluster.rows[index];
  const block = blocks(cluster.readme)[Number(/^block (\d+) below the table$/.exec(reference)![1]) - 1];
  const lines = block.split('\n');

  test("each Secret an ExternalSecret writes and a workload reads into its environment has its line, which syncs it and restarts its readers", () => {
    expect(bashParses(block)).toBe(true);
    /** The line of a Secret: its sync, waited for, then the restarts of its readers. */
    const line = (name: string, ...restarts: string[]) => [
      `before="$(kubectl -n infra get externalsecret ${name} -o jsonpath='{.status.syncedResourceVersion}')"`,
      `kubectl -n infra annotate externalsecret ${name} force-sync="$(date +%s)" --overwrite`,
      `until [ "$(kubectl -n infra get externalsecret ${name} -o jsonpath='{.status.syncedResourceVersion}')" != "$before" ]; do sleep 2; done`,
      ...restarts,
    ].join(' && ');
    expect(lines).toContain(line('litellm-secret', 'kubectl -n infra delete pods -l serving.knative.dev/service=litellm', 'kubectl -n infra rollout restart deployment/openwebui-api'));
    expect(lines).toContain(line('openwebui-secret', 'kubectl -n infra rollout restart deployment/openwebui-api'));
    expect(lines).toContain(line('hubble-login-secret', 'kubectl -n infra rollout restart deployment/hubble-ui-login'));
    // Every Secret listed is one an ExternalSecret writes.
    const externalSecrets = new Set(cluster.objects.filter((o) => o.kind === 'ExternalSecret').map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
    for (const each of lines) {
      const [, namespace, name] = /^before="\$\(kubectl -n (\S+) get externalsecret (\S+) /.exec(each)!;
      expect(externalSecrets).toContain(`${namespace}/${name}`);
    }
    expect(what).toContain('Secret infra/litellm-secret (Knative Service infra/litellm, Deployment infra/openwebui-api)');
  });

  test("a database server, which reads its password only when it makes its data folder, is not restarted: the role's own step changes it", () => {
    expect(block).not.toContain('statefulset/');
    expect(what).toContain("Where the value is kept elsewhere too (a database role's password");
    expect(envSecretNames([{ env: [{ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }])).toEqual([]);
    expect(envSecretNames([{ env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } }], envFrom: [{ secretRef: { name: 'app' } }] }])).toEqual(['app', 'db']);
  });

  test('no step where no workload reads a synced Secret into its environment', () => {
    const secret = { namespace: 'apps', name: 'web', refreshInterval: '1h' };
    expect(storeValueChangeStep([secret], [{ kind: 'Deployment', namespace: 'apps', name: 'web', secretNames: ['other'] }])).toBeUndefined();
    expect(readerRestartCommand({ kind: 'StatefulSet', namespace: 'apps', name: 'db', secretNames: ['web'] })).toBe('kubectl -n apps rollout restart statefulset/db');
  });
});
