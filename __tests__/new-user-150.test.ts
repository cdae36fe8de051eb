/**
 * A new user's lab, written from the README alone: a highly available K3s cluster. Three mini PCs are K3s
 * servers of the embedded etcd, two older PCs agents; kube-vip holds the API server's virtual address, MetalLB
 * gives Services theirs, Longhorn keeps three replicas of each volume, system-upgrade-controller upgrades K3s,
 * and Flux syncs it. A web app runs two replicas kept apart by anti-affinity, Vaultwarden one on its
 * single-writer volume, Gitea one on a CloudNativePG database of three instances. Day two: a node is cordoned
 * for maintenance, a server is replaced by a new machine, an app goes from one replica to two.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppVolume, ChartRelease, ClusterChart, existingStorageClass, flux, HomelabApp, host, k3s, metalLb, noNetworkPolicy,
  SecretReference, servesPorts, site, traefik,
} from '../constructs';
import type { AppProps, HostProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';
import { synthInMemory } from './support/synth';

/** What one case changes of the lab, each the way a person new to this would write it. */
interface Changes {
  /** Day two: ms2 cordoned for maintenance (the taint `kubectl cordon` sets). */
  readonly drained?: boolean;
  /** Day two: server ms3 replaced by a new machine, ms4. */
  readonly replaced?: boolean;
  /** Day two: the docs app scaled from one replica to two. */
  readonly docsReplicas?: number;
  readonly k3s?: Parameters<typeof k3s>[0];
  readonly longhornValues?: Record<string, unknown>;
  readonly kubeVipValues?: Record<string, unknown>;
  readonly vaultwarden?: Partial<AppProps>;
  readonly vaultwardenEnv?: AppProps['env'];
  readonly gitea?: Partial<AppProps>;
  readonly giteaEnv?: AppProps['env'];
  readonly web?: Partial<AppProps>;
  readonly webAffinity?: Record<string, unknown>;
  readonly database?: Record<string, unknown>;
  readonly serverPlan?: Record<string, unknown>;
  readonly agentPlan?: Record<string, unknown>;
  /** Facts of a host changed, by its name. */
  readonly hostProps?: Readonly<Record<string, Partial<HostProps>>>;
  /** Day two gone wrong: the new machine ms4 added beside ms3 instead of in its place. */
  readonly keepReplaced?: boolean;
}

const VIP = '192.168.10.5';

/** kube-vip's environment for the API server's VIP alone: MetalLB gives Services their addresses. */
const KUBE_VIP_ENV = { vip_interface: 'enp1s0', vip_arp: 'true', lb_enable: 'false', cp_enable: 'true', svc_enable: 'false', vip_leaderelection: 'true' };

/** The anti-affinity that keeps two replicas of an app on two nodes, as Kubernetes' docs write it. */
function apartFromEachOther(app: string): Record<string, unknown> {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': app } } },
      }],
    },
  };
}

function defineLab(changes: Changes = {}): (scope: Construct) => void {
  return guarded((scope: Construct) => {
    const miniPc = (name: string, address: string) => host(name, {
      arch: 'amd64', roles: ['control-plane', 'worker'], address, model: 'Beelink SER5', cpuModel: 'AMD Ryzen 5 5560U',
      cores: 12, memoryGigabytes: 32, disks: [{ media: 'nvme', sizeGigabytes: 1000 }],
      ...(changes.drained && name === 'ms2' ? { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const }] } : {}),
      ...changes.hostProps?.[name],
    });
    const oldPc = (name: string, address: string) => host(name, {
      arch: 'amd64', address, model: 'Dell OptiPlex 7020', cpuModel: 'Intel Core i5-4590', cores: 4, memoryGigabytes: 16,
      disks: [{ media: 'ssd', sizeGigabytes: 500 }],
      ...changes.hostProps?.[name],
    });
    const ms1 = miniPc('ms1', '192.168.10.11');
    const ms2 = miniPc('ms2', '192.168.10.12');
    const third = changes.replaced ? miniPc('ms4', '192.168.10.14') : miniPc('ms3', '192.168.10.13');
    const op1 = oldPc('op1', '192.168.10.21');
    const op2 = oldPc('op2', '192.168.10.22');
    const hosts = [ms1, ms2, third, ...(changes.keepReplaced ? [miniPc('ms4', '192.168.10.14')] : []), op1, op2];
    const ha = site('ha', {
      domain: 'lab.example.com', hosts, git: { url: 'https://github.com/jdoe/ha-lab.git' },
      pools: { services: { first: '192.168.10.200', last: '192.168.10.220' } },
    });

    class Main extends ClusterChart {
      constructor(parent: Construct) {
        super(parent, 'main', {
          site: ha, hosts,
          preinstalled: [k3s({ serverUrl: `https://${VIP}:6443`, tokenFile: '/etc/rancher/k3s/token', ...changes.k3s })],
          routes: traefik({ address: ha.pools.services.at('192.168.10.200') }),
          loadBalancer: metalLb({ pools: [ha.pools.services] }),
          storage: { replicated: existingStorageClass('longhorn') },
          gitops: flux(),
        });

        new ChartRelease(this, 'kube-vip', {
          namespace: 'kube-system',
          chart: { repository: 'https://kube-vip.github.io/helm-charts', chart: 'kube-vip', version: '0.6.4' },
          values: {
            config: { address: VIP },
            env: KUBE_VIP_ENV,
            nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' },
            ...changes.kubeVipValues,
          },
          network: noNetworkPolicy('kube-vip runs on the host network, which NetworkPolicies do not govern'),
        });

        this.namespaces.ensure('longhorn-system', { podSecurity: 'privileged', reason: 'Longhorn\'s manager runs privileged with the node\'s /dev, /proc and data folder to attach its volumes' });
        new ChartRelease(this, 'longhorn', {
          namespace: 'longhorn-system',
          chart: { repository: 'https://charts.longhorn.io', chart: 'longhorn', version: '1.7.2' },
          values: {
            persistence: { defaultClassReplicaCount: 3 },
            defaultSettings: { defaultReplicaCount: 3 },
            ...changes.longhornValues,
          },
          network: noNetworkPolicy('Longhorn\'s managers, engines and CSI plugin call each other on ports the chart chooses'),
        });

        new ChartRelease(this, 'cloudnative-pg', {
          namespace: 'cnpg-system',
          chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.22.1' },
          crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster'] }],
          network: servesPorts({ port: 9443, purpose: 'admission webhook, called by the API server' }),
        });

        this.platform.require({
          name: 'system-upgrade-controller',
          description: 'upgrades K3s on each node by its Plans',
          namespace: 'system-upgrade',
          podSecurity: 'privileged',
          podSecurityReason: 'its upgrade jobs replace the K3s binary on the node',
          install: {
            type: 'manifests',
            repository: 'https://github.com/rancher/system-upgrade-controller',
            tag: 'v0.14.2',
            path: '',
            files: ['manifests/system-upgrade-controller.yaml', 'pkg/crds/yaml/generated/upgrade.cattle.io_plans.yaml'],
            createsNamespace: true,
          },
          crds: [{ group: 'upgrade.cattle.io', kinds: ['Plan'] }],
          resources: { chartDefault: 'the controller and its upgrade jobs keep upstream\'s resources' },
        });

        const channel = 'https://update.k3s.io/v1-release/channels/stable';
        new ApiObject(this, 'server-plan', {
          apiVersion: 'upgrade.cattle.io/v1', kind: 'Plan', metadata: { name: 'server-plan', namespace: 'system-upgrade' },
          spec: {
            concurrency: 1, cordon: true, channel, serviceAccountName: 'system-upgrade',
            nodeSelector: { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'In', values: ['true'] }] },
            upgrade: { image: 'rancher/k3s-upgrade' },
            ...changes.serverPlan,
          },
        });
        new ApiObject(this, 'agent-plan', {
          apiVersion: 'upgrade.cattle.io/v1', kind: 'Plan', metadata: { name: 'agent-plan', namespace: 'system-upgrade' },
          spec: {
            concurrency: 1, cordon: true, channel, serviceAccountName: 'system-upgrade',
            nodeSelector: { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }] },
            prepare: { image: 'rancher/k3s-upgrade', args: ['prepare', 'server-plan'] },
            upgrade: { image: 'rancher/k3s-upgrade' },
            ...changes.agentPlan,
          },
        });

        const web = new HomelabApp(this, 'web', {
          image: 'nginxinc/nginx-unprivileged:1.27.3', replicas: 2, ports: [{ name: 'http', port: 8080 }], route: { host: 'www' },
          ...changes.web,
        });
        web.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/affinity', changes.webAffinity ?? apartFromEachOther('web')));

        const docsReplicas = changes.docsReplicas ?? 1;
        const docs = new HomelabApp(this, 'docs', {
          image: 'nginxinc/nginx-unprivileged:1.27.3', replicas: docsReplicas, ports: [{ name: 'http', port: 8080 }], route: { host: 'docs' },
        });
        if (docsReplicas > 1) {
          docs.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/affinity', apartFromEachOther('docs')));
        }

        new HomelabApp(this, 'vaultwarden', {
          image: 'vaultwarden/server:1.32.7',
          env: {
            ROCKET_PORT: '8080', DOMAIN: 'https://vault.lab.example.com', SIGNUPS_ALLOWED: 'false',
            ADMIN_TOKEN: SecretReference.external('vaultwarden', 'vaultwarden-admin', 'token'),
            ...changes.vaultwardenEnv,
          },
          ports: [{ name: 'http', port: 8080 }],
          persistence: { data: { volume: AppVolume.claim({ tier: 'replicated', size: '2Gi' }), mountPath: '/data' } },
          route: { host: 'vault' },
          ...changes.vaultwarden,
        });

        new ApiObject(this, 'gitea-db', {
          apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'gitea-db', namespace: 'gitea' },
          spec: {
            instances: 3,
            storage: { size: '10Gi', storageClass: 'longhorn' },
            bootstrap: { initdb: { database: 'gitea', owner: 'gitea' } },
            ...changes.database,
          },
        });

        new HomelabApp(this, 'gitea', {
          image: 'gitea/gitea:1.22.6-rootless',
          env: {
            GITEA__database__DB_TYPE: 'postgres',
            GITEA__database__HOST: 'gitea-db-rw:5432',
            GITEA__database__NAME: 'gitea',
            GITEA__database__USER: 'gitea',
            GITEA__database__PASSWD: SecretReference.external('gitea', 'gitea-db-app', 'password'),
            GITEA__server__ROOT_URL: 'https://git.lab.example.com/',
            GITEA__server__DOMAIN: 'git.lab.example.com',
            GITEA__server__SSH_DOMAIN: 'git.lab.example.com',
            ...changes.giteaEnv,
          },
          ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }],
          persistence: {
            data: { volume: AppVolume.claim({ tier: 'replicated', size: '20Gi' }), mountPath: '/var/lib/gitea' },
            config: { volume: AppVolume.claim({ tier: 'replicated', size: '100Mi' }), mountPath: '/etc/gitea' },
          },
          route: { host: 'git' },
          ...changes.gitea,
        });
      }
    }
    new Main(scope);
  });
}

describe('a highly available K3s cluster, written from the README', () => {
  describe('written the obvious way', () => {
    const lab = (() => {
      let result: ReturnType<typeof synthInMemory> | undefined;
      return () => (result ??= synthInMemory(defineLab()));
    })();
    expectObviousLabClean(lab);
  });

  describe.each<[string, Changes]>([
    ['a server cordoned for maintenance', { drained: true }],
    ['a server replaced by a new machine', { replaced: true }],
    ['an app scaled from one replica to two', { docsReplicas: 2 }],
  ])('day two: %s', (_name, changes) => {
    test('synthesizes with no finding', () => {
      expect(shownFindings(synthInMemory(defineLab(changes)).findings)).toEqual([]);
    });
  });
});

const requiredApart = (matchLabels: Record<string, string>) => ({
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels } }] },
});

describe('mistakes of a person new to a highly available K3s cluster', () => {
  test.each<[string, Changes, string[]]>([
    ['two servers, the third mini PC joined as an agent', { hostProps: { ms3: { roles: ['worker'] } } }, [
      'warning main hosts: cluster "main" has two control-plane hosts (ms1, ms2), and K3s\' embedded etcd needs a majority of its members: either one down stops the API server, so two are no safer than one | give the control-plane role to one host or to three, or name an external datastore in k3s({ extraServerFlags: [\'--datastore-endpoint=…\'] })',
    ]],
    ['the new server added beside the one it replaces, four in the embedded etcd', { keepReplaced: true }, [
      'warning main hosts: cluster "main" has four control-plane hosts (ms1, ms2, ms3, ms4), and K3s\' embedded etcd needs a majority of its members (3 of 4): it survives the loss of one, as three would, and the fourth member is one more to fail and to wait for on every write | retire one of ms1, ms2, ms3, ms4 to keep three (the machine a new one replaces: drop it from hosts, or give it roles: [\'worker\']), or give the role to a fifth host: roles: [\'control-plane\', \'worker\'] on op1, or name an external datastore in k3s({ extraServerFlags: [\'--datastore-endpoint=…\'] })',
    ]],
    ['the VIP without the API server\'s port', { k3s: { serverUrl: `https://${VIP}` } }, [
      'error main preinstalled[0].serverUrl: serverUrl "https://192.168.10.5" names no port, so agents would join at port 443, where the K3s server listens on 6443 | write serverUrl: \'https://192.168.10.5:6443\' (or the port a load balancer in front of the servers takes, e.g. :443)',
    ]],
    ['the VIP taken from the MetalLB pool', { k3s: { serverUrl: 'https://192.168.10.210:6443' }, kubeVipValues: { config: { address: '192.168.10.210' } } }, [
      'error main preinstalled[0].serverUrl: the API server\'s endpoint 192.168.10.210 lies in pool "services" (192.168.10.200-192.168.10.220), whose addresses the load balancer hands to Services: two machines would answer for it | give serverUrl a VIP outside every load-balancer pool, or take the pool\'s addresses from elsewhere',
    ]],
    ['kube-vip given another address than the servers join at', { kubeVipValues: { config: { address: '192.168.10.6' } } }, [
      'error main/kube-vip values.config.address: kube-vip holds 192.168.10.6 for the API server, while k3s()\'s serverUrl joins the nodes at 192.168.10.5: no node takes that address, and every join and kubectl call there waits for good | give kube-vip the address the nodes join at: config: { address: \'192.168.10.5\' }',
    ]],
    ['kube-vip\'s env copied from its chart for Services, the control-plane VIP left off', { kubeVipValues: { env: { vip_interface: 'enp1s0', vip_arp: 'true', svc_enable: 'false' } } }, [
      'error main/kube-vip values.env.cp_enable: kube-vip is given 192.168.10.5, the address k3s()\'s serverUrl joins the API server at, with its control-plane VIP off (cp_enable, "false" unless given, as the chart is made for Services): no node takes the address, and every join and kubectl call there waits for good | turn it on: env: { cp_enable: \'true\', vip_leaderelection: \'true\' }',
    ]],
    ['kube-vip\'s Service load balancer left on beside MetalLB', { kubeVipValues: { env: { vip_interface: 'enp1s0', vip_arp: 'true', cp_enable: 'true', vip_leaderelection: 'true' } } }, [
      'error main/kube-vip values.env.svc_enable: kube-vip answers LoadBalancer Services (svc_enable, "true" unless given) beside the cluster\'s load balancer, MetalLB: both would hand out and announce addresses for every such Service, and fight over them | leave Services to the cluster\'s load balancer: env: { svc_enable: \'false\' }',
    ]],
    ['the flag for the VIP in the certificate written with a space', { k3s: { serverUrl: `https://${VIP}:6443`, extraServerFlags: [`--tls-san ${VIP}`] } }, [
      'error main preinstalled[0].extraServerFlags[0]: "--tls-san 192.168.10.5" holds a space, and K3s would take it as one word | join the flag and its value with \'=\': \'--tls-san=192.168.10.5\'',
    ]],
    ['Longhorn asked for a replica on every machine it might have', { longhornValues: { persistence: { defaultClassReplicaCount: 6 }, defaultSettings: { defaultReplicaCount: 3 } } }, [
      'error main/longhorn values.persistence.defaultClassReplicaCount: defaultClassReplicaCount 6 asks for more replicas of each volume than the cluster has nodes (5), and Longhorn keeps each on a node of its own: every volume made with it stays Degraded | defaultClassReplicaCount: 3',
    ]],
    ['the server Plan upgrading all three servers at once', { serverPlan: { concurrency: 3 } }, [
      'warning main/server-plan spec.concurrency: the Plan upgrades 3 of the 3 servers at once, each restarted with its member of the embedded etcd: etcd needs 2 running, so the cluster\'s API stops until they return | upgrade at most 1 server at a time: concurrency: 1',
    ]],
    ['the agent Plan\'s drain timeout in seconds', { agentPlan: { drain: { force: true, timeout: 300 } } }, [
      'error main/agent-plan spec.drain.timeout: timeout 300 is read as nanoseconds, not seconds: kubectl drain gives up after 300ns, before any pod is evicted, and the upgrade job fails on every node | write the duration with its unit: timeout: \'5m\'',
    ]],
    ['the Plan\'s channel written as its name', { serverPlan: { channel: 'stable' } }, [
      'error main/server-plan spec.channel: channel "stable" is no URL: the controller resolves a channel by requesting it and reading the release its redirect names, so this one resolves nothing and no node is upgraded | give the release server\'s URL of that channel: channel: \'https://update.k3s.io/v1-release/channels/stable\'',
    ]],
    ['the Plan without the controller\'s service account', { serverPlan: { serviceAccountName: undefined } }, [
      'error main/server-plan spec.serviceAccountName: the Plan\'s jobs run as the namespace\'s default service account, which may not cordon or drain a node nor read a Plan: the job fails at its first step on every node | name the service account the controller\'s manifests make and bind for this: serviceAccountName: \'system-upgrade\'',
    ]],
    ['Gitea pointed at the CloudNativePG Cluster\'s name', { giteaEnv: { GITEA__database__HOST: 'gitea-db:5432' } }, [
      'error main/gitea env.GITEA__database__HOST: env GITEA__database__HOST calls gitea-db.gitea, the name of CloudNativePG Cluster gitea-db, whose operator makes Services gitea-db-rw, gitea-db-ro, gitea-db-r for it, none of its own name: the app\'s connections would find no such host (at spec.template.spec.containers[0].env[1] of Deployment gitea/gitea) | write GITEA__database__HOST: \'gitea-db-rw:5432\' (-rw reaches the primary, which takes writes; -ro the replicas alone, -r any instance)',
    ]],
    ['Gitea pointed at the CloudNativePG Cluster\'s name without a port', { giteaEnv: { GITEA__database__HOST: 'gitea-db' } }, [
      'error main/gitea env.GITEA__database__HOST: env GITEA__database__HOST calls gitea-db.gitea, the name of CloudNativePG Cluster gitea-db, whose operator makes Services gitea-db-rw, gitea-db-ro, gitea-db-r for it, none of its own name: the app\'s connections would find no such host (at spec.template.spec.containers[0].env[1] of Deployment gitea/gitea) | write GITEA__database__HOST: \'gitea-db-rw\' (-rw reaches the primary, which takes writes; -ro the replicas alone, -r any instance)',
    ]],
    ['Gitea\'s database type spelled as PostgreSQL is', { giteaEnv: { GITEA__database__DB_TYPE: 'postgresql' } }, [
      'error main/gitea env.GITEA__database__DB_TYPE: Gitea reads DB_TYPE as written and connects only to mysql, postgres, mssql, sqlite3: with "postgresql", which its image writes into app.ini at every start, it stops with "unknown database type" and the pod restarts forever | write GITEA__database__DB_TYPE: \'postgres\'',
    ]],
    ['Gitea\'s password read from a key the operator does not write', { giteaEnv: { GITEA__database__PASSWD: SecretReference.external('gitea', 'gitea-db-app', 'url') } }, [
      'error main/gitea env.GITEA__database__PASSWD: Secret "gitea-db-app" has no key "url" (at spec.template.spec.containers[0].env[3].valueFrom.secretKeyRef.key of Deployment gitea/gitea) | did you mean "uri"? keys: dbname, fqdn-jdbc-uri, fqdn-uri, host, hostname, jdbc-uri, password, pgpass, port, uri, user, username',
    ]],
    ['Gitea\'s SSH port as the root image has it', { gitea: { ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 22 }] } }, [
      'error main/gitea ports[1].port: image "gitea/gitea:1.22.6-rootless" Gitea\'s rootless image runs its built-in SSH server, which listens on port 2222; the container declares SSH on 22, where nothing listens: clones and pushes over SSH through its Service would reach nothing (its image without -rootless starts as root and runs OpenSSH on 22) | declare the port it listens on, the Service keeping 22 for clients: { name: \'ssh\', port: 2222, servicePort: 22 }',
    ]],
    ['the database\'s size in docker\'s units', { database: { storage: { size: '10GB', storageClass: 'longhorn' } } }, [
      'error main/gitea-db spec.storage.size: "10GB" is not a size: CloudNativePG\'s webhook reads the size of each instance\'s claim as a Kubernetes quantity and refuses the Cluster | write \'10Gi\': docker\'s 10GB is 10Gi here (Kubernetes\' units are Ki, Mi, Gi, Ti, or k, M, G, T)',
    ]],
    ['Vaultwarden scaled to two replicas on its single-writer volume', { vaultwarden: { replicas: 2 } }, [
      'error main/vaultwarden replicas: 2 replicas share the ReadWriteOnce claim "vaultwarden-data", which only one node can mount (at spec.replicas of Deployment vaultwarden/vaultwarden) | use one replica, a ReadWriteMany storage tier, or, for pods that each keep data of their own (a database cluster), controller: AppController.statefulSet(), which gives each pod a claim of its own',
    ]],
    ['Vaultwarden\'s DOMAIN without its scheme', { vaultwardenEnv: { DOMAIN: 'vault.lab.example.com' } }, [
      'error main/vaultwarden env.DOMAIN: Vaultwarden\'s DOMAIN is "vault.lab.example.com", without http:// or https://: Vaultwarden checks the scheme as it starts and stops ("DOMAIN variable needs to contain the protocol"), so the container restarts again and again | write the URL with its scheme: DOMAIN: \'https://vault.lab.example.com\'',
    ]],
    ['Vaultwarden\'s admin token written inline', { vaultwardenEnv: { ADMIN_TOKEN: 'change-me' } }, [
      'error main/vaultwarden env.ADMIN_TOKEN: ADMIN_TOKEN is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { ADMIN_TOKEN: SecretReference.external(\'vaultwarden\', \'vaultwarden\', \'admin-token\') }',
    ]],
    ['the anti-affinity selecting the label of a compose file', { webAffinity: requiredApart({ app: 'web' }) }, [
      'error main/web/deployment spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: selects no pod of namespace web, so it keeps the pods apart from nothing | select the pods by the labels of their template (these pods carry app.kubernetes.io/name: web)',
    ]],
    ['six replicas that must each have a node of their own', { web: { replicas: 6 }, webAffinity: requiredApart({ 'app.kubernetes.io/name': 'web' }) }, [
      'error main/web/deployment spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]: 6 replicas must each run on a host of their own, but only 5 host(s) of cluster "main" can run them (ms1, ms2, ms3, op1, op2); the others stay Pending | run at most 5 replicas, or make the anti-affinity preferred (preferredDuringSchedulingIgnoredDuringExecution)',
    ]],
    ['the new server given the address of one still running', { replaced: true, hostProps: { ms4: { address: '192.168.10.12' } } }, [
      'error main site.hosts[2].address: address "192.168.10.12" of host ms4 is taken already by host ms2 of site "ha" | give every host of the site its own address',
    ]],
  ])('%s', (_name, changes, expected) => {
    expect(shownFindings(synthInMemory(defineLab(changes)).findings)).toEqual(expected);
  });
});

describe('the steps that bring the cluster up', () => {
  const steps = (changes: Changes = {}) => synthInMemory(defineLab(changes)).outcomes[0].figures.ownerActions;

  test('the kubeconfig step reaches the first server at its own address, as kube-vip holds the VIP only after the first sync, and says when to switch', () => {
    const kubeconfig = steps().find((step) => step.action.startsWith("kubectl's config"));
    expect(kubeconfig).toMatchObject({
      beforeFirstSync: true,
      command: "install -d -m 700 ~/.kube && install -m 600 /dev/null ~/.kube/ha-main.yaml && ssh 192.168.10.11 sudo cat /etc/rancher/k3s/k3s.yaml | sed 's#https://127.0.0.1:6443#https://192.168.10.11:6443#' > ~/.kube/ha-main.yaml && export KUBECONFIG=~/.kube/ha-main.yaml",
    });
    expect(kubeconfig?.action).toContain('; the VIP https://192.168.10.5:6443 answers only once the first sync has started kube-vip, which holds it, so the file names ms1\'s own address until then: after that sync, point it at the VIP with kubectl config set-cluster default --server=https://192.168.10.5:6443');
  });
});

test('on NixOS, the servers and agents joined before the first sync join at the first server\'s own address, and are told to move to the VIP after it', () => {
  const joins = synthInMemory(defineLab({ k3s: { serverUrl: `https://${VIP}:6443`, tokenFile: '/etc/rancher/k3s/token', nixos: true } })).outcomes[0].figures.ownerActions
    .filter((step) => step.action.startsWith('join '));
  expect(joins.map((step) => step.action.replace(/^join (\S+) .*$/, '$1'))).toEqual(['ms2', 'ms3', 'op1', 'op2']);
  for (const step of joins) {
    expect(step.command).toContain('serverAddr = "https://192.168.10.11:6443";');
    expect(step.action).toContain(', joined at ms1\'s own address https://192.168.10.11:6443: the VIP https://192.168.10.5:6443 answers only once the first sync has started kube-vip, which holds it; after that sync, set serverAddr to it and deploy again');
  }
});
