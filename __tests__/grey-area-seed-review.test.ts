import { manifestsOf, sitesInMemory } from './support/synth';
import { crossplanePackageLine, crossplanePackageProblems } from '../constructs/platform/crossplane-package-support';
import { greyAreaSite } from '../hosts/grey-area';
import { chartClaims } from '../constructs/validation/chart-claims';
import { checkNfsExportCapacity, nfsExportClaims } from '../constructs/validation/nfs-export-capacity';

// Facts of the grey-area design a reviewer checks first, read against the synthesized output.

const result = sitesInMemory();
const readme = result.files.get('grey-area/main/README.md')!;
const manifests = manifestsOf(result, 'grey-area/main');
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The README row that starts with `start`, checked to come after the step that starts the first sync. */
function rowAfterFirstSync(start: string): string {
  const lines = readme.split('\n');
  const at = lines.findIndex((line) => line.startsWith(start));
  expect(at).toBeGreaterThan(lines.findIndex((line) => line.startsWith('| bootstrap | first sync:')));
  return lines[at];
}

describe('grey-area: the cluster README says where the cluster departs from its design, and why', () => {
  const section = () => readme.slice(readme.indexOf('## Choices against the design'), readme.indexOf('## Platform components'));

  test('a reader of the output alone finds each choice, one bullet each, before the platform components', () => {
    expect(readme).toContain('## Choices against the design');
    const bullets = section().split('\n').filter((line) => line.startsWith('- **'));
    expect(bullets.length).toBeGreaterThanOrEqual(20);
  });

  test('the differences a line-by-line reading would otherwise take for mistakes are explained', () => {
    // Each difference, with what it explains.
    const explained: Array<[string, string]> = [
      ['limiting-factor is a worker in the design, a control-plane node here', 'Two etcd members survive no failure at all, so limiting-factor is a control-plane node too'],
      ["the design's .local names", 'Every host name the design writes as `.local` is served under `.tailnet`'],
      ["the registry's .local name", "the registry's `registry.grey-area.local` is the design's own MagicDNS name for it, `registry.limiting-factor.tailnet`"],
      ["no Let's Encrypt resolver", "no route names an ACME resolver (the design's `letsencrypt` resolver with HTTP-01)"],
      ["Ollama's home at /ollama", "so its home is `/ollama` (`HOME=/ollama`, models in `/ollama/.ollama/models`, where `OLLAMA_MODELS` points too) instead of the design's `/root/.ollama`"],
      ["provider-kubernetes v1.2.1, no provider-nfs", "the design's example pins `upbound/provider-kubernetes:v0.10.0`"],
      ["ollama-data's two sizes", 'The design also sketches a 10Gi ReadWriteOnce `ollama-data`; the 50Gi ReadWriteMany claim on `nfs-data` is the one kept'],
      ['the databases on node-local disk', 'the PostgreSQL of Nextcloud, because their locking and fsync are unsafe over NFS'],
      ['Ollama pinned to the GPU node', 'Ollama runs only on grey-area, the one node with the GPU it asks for'],
      ['one replica per service', 'every service runs one pod. A second one would not serve'],
      ["the first week's Talos in containers", "The design's first-week sandbox, Talos in containers on grey-area (`talosctl cluster create`), is a throwaway cluster"],
      ["congenital-optimist's Cache/Build node", 'no CI runner or build cache runs in the cluster'],
      ['traefik.containo.us', 'the design writes `traefik.containo.us/v1alpha1`, a group the Traefik v3 of the pinned chart no longer serves'],
      ["the design's traefik-dashboard", 'named `traefik-dashboard` in `traefik` as the design names it (the release\'s name, then `dashboard`)'],
      ["the cluster name and endpoint the design's gen config leaves out", "The design's `talosctl gen config --output-dir talos-config` leaves out the cluster's name and its API endpoint"],
      ["limiting-factor's memory, in the design's words", "limiting-factor's memory, \"(reserved for registry)\", is its `dedicated=registry` taint"],
      ["the composition's plain objects, provider-kubernetes Objects here", "(the PersistentVolumeClaim `postgresql-pvc`, the StatefulSet `postgresql-pod` with `serviceName: postgresql`, "
        + 'the Secret `postgres-credentials` with `password: changeme`) are provider-kubernetes `Object`s named `data`, `server` and `password`'],
      ["Traefik's pod ports behind the design's 80 and 443", 'while in the pod they listen on 8000 and 8443 where the design writes `port: 80` and `port: 443`'],
      ["the CI's sync body, not the design's syncStrategy", "and the design's `syncStrategy` is no field of it, which Argo CD would drop unread"],
      ["the example Application's fields", 'namespaces written out in the platform layer with their Pod Security levels, so that no sync relies on `CreateNamespace`'],
      ["Crossplane's packageManager value", "The design's Crossplane value `packageManager.enabled` is no value of the Crossplane chart"],
      ["the Crossplane tree's other definitions and claims", 'Its storage definition (ZFS volumes on sleeper-service), its network definition '
        + 'and the claims `ollama-database-claim` and `forgejo-storage-claim` are only names in that tree'],
      ['app: ollama', 'where the design writes `app: ollama`'],
      ["tailscale serve and olympus's pod address", "The design's `olympus.grey-area.tailnet`, which it has resolve to Ollama's pod, is a route of Traefik (IngressRoute `olympus`)"],
      ["the repository URL's git@", "The second is used, with Forgejo's SSH user (`ssh://git@forgejo.grey-area.tailnet/grey-area/gitops.git`)"],
    ];
    for (const [difference, text] of explained) {
      expect(`${difference}: ${section()}`).toContain(text);
    }
    // The design's gen config names no endpoint: the section quotes none as the design's.
    expect(section()).not.toContain("The design's `talosctl gen config grey-area");
  });

  test('every route host is a name of the design or one the section gives for a service the design names no host for', () => {
    const hosts = new Set<string>();
    for (const m of manifests) {
      for (const found of JSON.stringify(m).matchAll(/Host\(`([a-z0-9.-]+)`\)/g)) hosts.add(found[1]);
      for (const rule of m.kind === 'Ingress' ? m.spec.rules ?? [] : []) hosts.add(rule.host);
    }
    const design = ['ollama', 'olympus', 'forgejo', 'traefik', 'argocd'].map((name) => `${name}.grey-area.tailnet`)
      .concat(['ollama.services.svc.tailnet', 'registry.limiting-factor.tailnet']);
    const others = [...hosts].filter((host) => !design.includes(host)).sort();
    expect(others).toEqual(['audiobooks.grey-area.tailnet', 'calibre.grey-area.tailnet', 'grafana.grey-area.tailnet', 'jellyfin.grey-area.tailnet', 'nextcloud.grey-area.tailnet']);
    for (const host of others) expect(`${host}: ${section()}`).toContain(`\`${host}\``);
  });

  test("the composition's steps are the Objects that choice names, the server named after the claim", () => {
    const composition = find('Composition', 'postgresql');
    const resources = composition.spec.pipeline[0].input.resources;
    expect(resources.map((r: any) => r.name)).toEqual(['data', 'server', 'service', 'network-policy', 'password']);
    expect(resources.every((r: any) => r.base.kind === 'Object')).toBe(true);
    const server = resources.find((r: any) => r.name === 'server');
    expect(server.patches.find((p: any) => p.toFieldPath === 'spec.forProvider.manifest.spec.serviceName').transforms[0].string.fmt).toBe('%s-postgres');
  });

  test("the Crossplane objects are the design's database definition and its one claim, nextcloud-db", () => {
    const kinds = ['CompositeResourceDefinition', 'Composition', 'PostgreSQL'];
    expect(manifests.filter((m) => kinds.includes(m.kind)).map((m) => `${m.kind} ${m.metadata.name}`).sort())
      .toEqual(['CompositeResourceDefinition xpostgresqls.database.grey-area.internal', 'Composition postgresql', 'PostgreSQL nextcloud-db']);
    expect(find('PersistentVolumeClaim', 'forgejo-data')).toBeDefined();
  });

  test("Ollama's image is the one Nix-built in Harbor; the services whose Nix build the design does not write out run their projects' images", () => {
    const images = Object.fromEntries(manifests.filter((m) => m.kind === 'Deployment').map((d) => [d.metadata.name, d.spec.template.spec.containers[0].image as string]));
    expect(images.ollama).toBe('registry.limiting-factor.tailnet/library/ollama:0.1.2');
    for (const name of ['nextcloud', 'jellyfin', 'calibre-web', 'audiobook', 'forgejo']) {
      expect(`${name} ${images[name]}`).not.toContain('registry.limiting-factor.tailnet');
    }
    const choice = readme.split('\n').find((line) => line.startsWith('- **Images.**'))!;
    expect(choice).toContain("Its `nextcloud-container.nix` is only a name in its flake, and Jellyfin, Calibre-Web and the AudioBook service get none: "
      + "they run their projects' own images at pinned releases");
  });

  test("Traefik's entry points are what that choice says: the design's 80 and 443 outside, 8000 and 8443 in the pod, and the sync body's field", () => {
    const ports = find('Application', 'traefik').spec.source.helm.valuesObject.ports;
    expect([ports.web.port, ports.web.exposedPort, ports.websecure.port, ports.websecure.exposedPort, ports.traefik.port]).toEqual([8000, 80, 8443, 443, 9000]);
    expect(readme).toContain('-d \'{"strategy":{"hook":{}}}\'');
    expect(readme).not.toContain('-d \'{"syncStrategy"');
  });

  test('what those choices say is what the objects do', () => {
    const affinity = find('Deployment', 'ollama').spec.template.spec.affinity.nodeAffinity;
    expect(affinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['grey-area']);
    for (const name of ['nextcloud', 'forgejo']) {
      expect(find('Deployment', name).spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    }
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment')) {
      expect(deployment.spec.replicas).toBe(1);
    }
    expect(find('Application', 'argo-cd').spec.source.helm.valuesObject.server.replicas).toBe(2);
    const routes = manifests.filter((m) => ['IngressRoute', 'IngressRouteTCP', 'Middleware'].includes(m.kind));
    expect(new Set(routes.map((m) => m.apiVersion))).toEqual(new Set(['traefik.io/v1alpha1']));
    const root = find('Application', 'grey-area-services');
    expect(root.spec.project).toBe('grey-area');
    expect(root.spec.source).toMatchObject({ path: 'dist/grey-area/main', repoURL: 'ssh://git@forgejo.grey-area.tailnet/grey-area/gitops.git' });
    expect(root.spec.syncPolicy.syncOptions).not.toContain('CreateNamespace=true');
    expect(find('AppProject', 'default').spec.destinations).toEqual([]);
    expect(find('Namespace', 'services')).toBeDefined();
    expect(find('Application', 'crossplane').spec.source.helm.valuesObject.packageManager).toBeUndefined();
    const service = find('Application', 'traefik').spec.source.helm.valuesObject.service;
    expect(service.annotations['tailscale.com/hostname']).toBe('traefik');
    expect(service.spec.loadBalancerClass).toBe('tailscale');
    // The chart names its dashboard route after the release: traefik-dashboard.
    const traefik = find('Application', 'traefik').spec;
    expect(traefik.source.helm.releaseName).toBe('traefik');
    expect(traefik.destination.namespace).toBe('traefik');
    expect(traefik.source.helm.valuesObject.ingressRoute.dashboard.matchRule).toBe('Host(`traefik.grey-area.tailnet`) && (PathPrefix(`/dashboard`) || PathPrefix(`/api`))');
    expect(find('Service', 'ollama').spec.selector).toEqual({ 'app.kubernetes.io/name': 'ollama' });
  });

  test("Harbor's claims besides the design's 100Gi image store are the construct's defaults the sizes choice lists", () => {
    expect(section()).toContain("Harbor's other claims (its PostgreSQL 5Gi, Redis 1Gi, job logs 1Gi, Trivy's cache 5Gi)");
    const claims = find('Application', 'harbor').spec.source.helm.valuesObject.persistence.persistentVolumeClaim;
    expect([claims.registry.size, claims.database.size, claims.redis.size, claims.jobservice.jobLog.size, claims.trivy.size]).toEqual(['100Gi', '5Gi', '1Gi', '1Gi', '5Gi']);
  });

  test("the registry is served at the name the choice gives, and no route answers the one it rules out", () => {
    const harbor = find('Application', 'harbor').spec.source.helm.valuesObject;
    expect(harbor.expose.ingress.hosts.core).toBe('registry.limiting-factor.tailnet');
    expect(harbor.externalURL).toBe('https://registry.limiting-factor.tailnet');
    const matches = manifests.filter((m) => m.kind === 'IngressRoute').flatMap((m) => m.spec.routes.map((r: any) => r.match));
    expect(matches.join(' ')).not.toContain('registry.grey-area.tailnet');
  });

  test('the section speaks of the design, never of the text it was written from by another name', () => {
    expect(section()).not.toMatch(/\bseed\b/i);
  });
});

describe('grey-area: tailscaled on each node runs with --accept-dns=true', () => {
  test("the Tailscale extension's config takes the tailnet's DNS settings, so 100.100.100.100 answers the .tailnet names of its Split DNS", () => {
    const step = readme.split('\n').find((line) => line.includes('auth key of the Tailscale extension'))!;
    expect(step).toContain('\\"environment\\":[\\"TS_AUTHKEY=$TS_AUTHKEY\\",\\"TS_ACCEPT_DNS=true\\"]');
    // The nodes resolve through that resolver, which is why it matters.
    expect(readme).toContain('resolve names through 100.100.100.100 (machine.network.nameservers)');
  });
});

describe('grey-area: the claims and compute the design does not size are placeholders', () => {
  /** The README's placeholder row of `fact`, whose stand-in is `value`. */
  const placeholderRow = (fact: string, value: string) => new RegExp(`\\| placeholder \\| ${escape(fact)}: [^|]*\\(now \`${escape(value)}\`\\) \\|`);

  test('the README lists each, and the objects use its stand-in', () => {
    for (const [fact, value] of [
      ["size of Nextcloud's /var/www/html claim (its code, apps and the users' files)", '100Gi'],
      ['CPU request of Nextcloud', '250m'], ['memory request of Nextcloud', '512Mi'], ['memory limit of Nextcloud', '2Gi'],
      ["size of Calibre-Web's /config claim (its settings database and thumbnails)", '2Gi'],
      ['CPU request of Calibre-Web', '50m'], ['memory request of Calibre-Web', '256Mi'], ['memory limit of Calibre-Web', '1Gi'],
      ["size of the AudioBook service's /config claim (its library database)", '1Gi'],
      ["size of the AudioBook service's /metadata claim (covers, metadata and its backups)", '5Gi'],
      ['CPU request of the AudioBook service', '50m'], ['memory request of the AudioBook service', '256Mi'], ['memory limit of the AudioBook service', '1Gi'],
    ]) {
      expect(readme).toMatch(placeholderRow(fact, value));
    }
    expect(find('PersistentVolumeClaim', 'nextcloud-html').spec.resources.requests.storage).toBe('100Gi');
    expect(find('Deployment', 'nextcloud').spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '2Gi' } });
    expect(find('PersistentVolumeClaim', 'audiobook-metadata').spec.resources.requests.storage).toBe('5Gi');
  });

  test("Prometheus keeps its samples on a claim of the fast tier, whose size is a placeholder", () => {
    expect(readme).toMatch(placeholderRow("size of Prometheus' claim for its samples", '10Gi'));
    const values = find('Application', 'kube-prometheus-stack').spec.source.helm.valuesObject;
    expect(values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec).toEqual({
      storageClassName: 'local-path', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } },
    });
  });

  test("each node's CPU count and memory, blanks of the design's resource allocation, are placeholders marked as such on the node", () => {
    for (const node of ['grey-area', 'congenital-optimist', 'limiting-factor']) {
      expect(readme).toMatch(placeholderRow(`CPU cores of ${node}`, '4'));
      expect(readme).toMatch(placeholderRow(`memory of ${node} in gigabytes`, '16'));
      expect(readme).toContain(`| host ${node} cores |`);
      const label = readme.split('\n').find((line) => line.includes(`host_${node.replace(/-/g, '_')}["`))!;
      expect(label).toContain('4 cores (placeholder) · 16 GB (placeholder)');
    }
    // The stand-ins hold what the cluster requests of each node: no request is reported as too large for them.
    expect(result.findings.filter((f) => f.constructPath.startsWith('grey-area/') && f.message.includes("a placeholder's stand-in"))).toEqual([]);
  });

  test("Calibre-Web's release, which the design does not give, is a placeholder", () => {
    expect(readme).toMatch(placeholderRow('image of Calibre-Web', 'lscr.io/linuxserver/calibre-web:0.6.24'));
    expect(find('Deployment', 'calibre-web').spec.template.spec.containers[0].image).toBe('lscr.io/linuxserver/calibre-web:0.6.24');
  });
});

describe('grey-area: what the cluster gets from outside', () => {
  test('the public Nginx reverse proxy, the only public entry, is a machine outside the cluster; the NFS servers and the nameserver list their port', () => {
    const section = readme.slice(readme.indexOf('## Machines outside the cluster'), readme.indexOf('## What the owner does by hand'));
    expect(section).toContain('| public-proxy | 100.64.0.6 (placeholder) | api.example.com (placeholder) | https 443 |');
    expect(section).toContain('| sleeper-service | 100.64.0.4 (placeholder) | sleeper-service | nfs 2049 |');
    expect(section).toContain('| kubernetes-nfs | 100.64.0.5 (placeholder) | nfs.limiting-factor.tailnet | nfs 2049 |');
    // The nameserver behind the .tailnet names (MagicDNS itself answers <machine>.<tailnet>.ts.net only), which must
    // answer before the cluster runs; the Split DNS step names it.
    expect(section).toContain('| tailnet-dns | 100.64.0.7 (placeholder) |  | dns 53 |');
    expect(readme).toContain('send grey-area.tailnet, congenital-optimist.tailnet, limiting-factor.tailnet and svc.tailnet to the nameserver on the tailnet '
      + 'outside this cluster, external host tailnet-dns (100.64.0.7;');
    // Its public name is listed once, as the machine's, and the Nginx step uses it.
    expect(readme.match(/\| placeholder \| public name of the Nginx reverse proxy:/g)).toHaveLength(1);
    expect(readme).toContain('| external host public-proxy dnsName |');
    expect(readme).toContain('server_name api.example.com;');
  });
});

describe("grey-area: the design's names of the nodes on its mesh, grey-area.tailnet, congenital-optimist.tailnet and limiting-factor.tailnet", () => {
  const step = () => readme.split('\n').find((line) => line.startsWith('| bootstrap | make the other .tailnet names resolve'))!;
  const nodes: Array<[string, string]> = [['grey-area', '100.64.0.1'], ['congenital-optimist', '100.64.0.2'], ['limiting-factor', '100.64.0.3']];

  test('the step comes after talosctl bootstrap, so it asks nothing of it: the API server\'s name is the Talos step\'s, before bootstrap', () => {
    const lines = readme.split('\n');
    const at = lines.indexOf(step());
    expect(at).toBeGreaterThan(lines.findIndex((line) => line.includes('talosctl bootstrap --nodes 100.64.0.1')));
    expect(at).toBeLessThan(lines.findIndex((line) => line.startsWith('| bootstrap | first sync:')));
    expect(step()).toContain('make the other .tailnet names resolve before Argo CD clones from Forgejo (the API server\'s answers already, from the step before talosctl bootstrap)');
  });

  test("the tailnet's nameserver answers each node's own name with its tailnet address, and the step's check asks for each", () => {
    expect(step()).toContain(`with its tailnet address (${nodes.map(([node, address]) => `${node}.tailnet ${address}`).join(', ')})`);
    for (const [node] of nodes) {
      expect(step()).toMatch(new RegExp(`\\| \`tailscale status &&[^|]* nslookup ${escape(node)}\\.tailnet &&`));
    }
  });

  test("the nameserver's placeholder names every domain the Split DNS sends it, congenital-optimist.tailnet among them", () => {
    const row = readme.split('\n').find((line) => line.startsWith('| placeholder | tailnet address of the nameserver of the .tailnet names:'))!;
    expect(row).toContain('answers grey-area.tailnet, congenital-optimist.tailnet, limiting-factor.tailnet and svc.tailnet');
  });
});

describe("grey-area: the design's names of its Traefik objects", () => {
  test('Ollama\'s tailnet route is the design\'s ollama-tailnet; Forgejo\'s is its forgejo-ingress, behind its Middleware forgejo-auth', () => {
    const hostOf = (name: string) => find('IngressRoute', name)?.spec.routes[0].match;
    expect(hostOf('ollama-tailnet')).toBe('Host(`ollama.grey-area.tailnet`)');
    expect(hostOf('olympus')).toBe('Host(`olympus.grey-area.tailnet`)');
    expect(hostOf('ollama-service-discovery')).toBe('Host(`ollama.services.svc.tailnet`)');
    // That route answers HTTPS on Traefik's 443 only, which the site's notes say: the Service's 11434 is the cluster's.
    expect(find('IngressRoute', 'ollama-service-discovery').spec.entryPoints).toEqual(['websecure']);
    expect(readme).toContain("so it answers HTTPS on 443 through Traefik (`https://ollama.services.svc.tailnet/api/tags`), signed by the lab CA, not Ollama's own port 11434");
    expect(find('Middleware', 'forgejo-auth').spec.basicAuth.secret).toBe('forgejo-credentials');
    expect(find('IngressRoute', 'forgejo-ingress').spec.routes[0].middlewares).toEqual([{ name: 'forgejo-auth' }]);
    expect(find('IngressRoute', 'forgejo')).toBeUndefined();
  });
});

describe('grey-area: each service starts and serves with what dist/ gives it', () => {
  /** The README's owner step that names `text`. */
  const step = (text: string) => readme.split('\n').find((line) => line.startsWith('| bootstrap |') && line.includes(text));
  const container = (name: string) => find('Deployment', name).spec.template.spec.containers[0];
  const envOf = (name: string) => Object.fromEntries(container(name).env.map((e: any) => [e.name, e.value ?? e.valueFrom.secretKeyRef]));

  test('Nextcloud installs itself: its administrator comes from a Secret the owner creates, beside the database and the trusted domain', () => {
    const env = envOf('nextcloud');
    expect(env.NEXTCLOUD_ADMIN_USER).toEqual({ name: 'nextcloud-admin', key: 'username' });
    expect(env.NEXTCLOUD_ADMIN_PASSWORD).toEqual({ name: 'nextcloud-admin', key: 'password' });
    for (const name of ['POSTGRES_HOST', 'POSTGRES_DB', 'POSTGRES_USER', 'POSTGRES_PASSWORD']) {
      expect(env[name]).toMatchObject({ name: 'nextcloud-db-connection' });
    }
    expect(env.NEXTCLOUD_TRUSTED_DOMAINS).toBe('nextcloud.grey-area.tailnet');
    expect(step('create Secret services/nextcloud-admin with keys username, password')).toBeDefined();
  });

  test("Nextcloud's database answers the services namespace only, where Nextcloud and its wait for the database run", () => {
    const composition = find('Composition', 'postgresql');
    const policy = composition.spec.pipeline[0].input.resources.find((r: any) => r.base.spec.forProvider?.manifest?.kind === 'NetworkPolicy');
    expect(policy.base.spec.forProvider.manifest.spec.ingress).toEqual([{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(find('PostgreSQL', 'nextcloud-db').metadata.namespace).toBe(find('Deployment', 'nextcloud').metadata.namespace);
  });

  test('Nextcloud starts only once its database answers, as a user other than root', () => {
    const [wait] = find('Deployment', 'nextcloud').spec.template.spec.initContainers;
    expect(wait.image).toBe('postgres:15.14-alpine');
    expect(wait.command.join(' ')).toContain('until pg_isready -h "$POSTGRES_HOST"');
    expect(wait.env.map((e: any) => e.valueFrom.secretKeyRef.name)).toEqual(['nextcloud-db-connection', 'nextcloud-db-connection', 'nextcloud-db-connection']);
    expect(wait.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 70 });
  });

  test("Nextcloud's volumes belong to www-data, the group its entrypoint copies the release as: no start re-groups the NFS tree", () => {
    expect(find('Deployment', 'nextcloud').spec.template.spec.securityContext).toMatchObject({ fsGroup: 33, fsGroupChangePolicy: 'OnRootMismatch' });
  });

  test("Audiobookshelf listens on the PORT it is given, keeps its data in /config and /metadata, and is probed on its image's /healthcheck", () => {
    const c = container('audiobook');
    expect(envOf('audiobook').PORT).toBe('13378');
    expect(c.ports[0].containerPort).toBe(13378);
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toEqual(expect.arrayContaining(['/tmp', '/config', '/metadata']));
    for (const probe of [c.readinessProbe, c.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/healthcheck', port: 13378 });
    }
  });

  test('the apps that make their administrator on first use have a bootstrap step for it', () => {
    expect(step('open https://calibre.grey-area.tailnet and log in as admin with the password of Secret services/calibre-web-admin')).toContain('set the Calibre database location to /books');
  });

  test('the apps whose first visitor makes the administrator are claimed through a port forward, right after the first sync starts them', () => {
    const lines = readme.split('\n').filter((line) => line.startsWith('| '));
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    const firstSync = at('| bootstrap | first sync: the repository lives in the Forgejo this cluster runs');
    const audiobooks = at("as soon as Audiobookshelf's pod runs, create its root user at http://localhost:13378 through the port forward here");
    const jellyfin = at("as soon as Jellyfin's pod runs, finish its startup wizard at http://localhost:8096 through the port forward here");
    expect([audiobooks, jellyfin]).toEqual([firstSync + 1, firstSync + 2]);
    expect(lines[audiobooks]).toContain('before anyone else reaches its route (audiobooks.grey-area.tailnet): its first visitor creates the root user; then add the library folder /audiobooks');
    expect(lines[audiobooks]).toContain('`kubectl -n services port-forward deployment/audiobook 13378:13378`');
    expect(lines[jellyfin]).toContain('`kubectl -n services port-forward deployment/jellyfin 8096:8096`');
    // Argo CD's own admin password and Forgejo's administrator come after: neither is a first visitor's.
    expect(jellyfin).toBeLessThan(at("set the password of Argo CD's admin"));
    expect(jellyfin).toBeLessThan(at("create Forgejo's first administrator"));
    // Left once each, by the Jellyfin construct and the chart's Audiobookshelf, never by a URL anyone on the tailnet could open first.
    expect(lines.filter((line) => line.includes('startup wizard') || line.includes('root user'))).toHaveLength(2);
    expect(readme).not.toContain('open https://jellyfin.grey-area.tailnet');
    expect(readme).not.toContain('open https://audiobooks.grey-area.tailnet');
  });

  test('the design choice on first logins names how each app gets its administrator', () => {
    const choice = readme.split('\n').find((line) => line.startsWith('- **First logins.**'))!;
    expect(choice).toContain('No app is left to whoever opens it first');
    expect(choice).toContain('right after the first sync, through a port forward');
    expect(choice).not.toContain('admin123');
  });
});

describe("grey-area: Calibre-Web's administrator never has the default password admin123", () => {
  const spec = () => find('Deployment', 'calibre-web').spec.template.spec;
  const init = () => spec().initContainers.find((c: any) => c.name === 'set-admin-password');

  test("before the first start, an init container of Calibre-Web's own image makes app.db with the password of the owner's Secret", () => {
    expect(init().image).toBe(spec().containers[0].image);
    expect(init().env).toEqual([
      { name: 'ADMIN_PASSWORD', valueFrom: { secretKeyRef: { name: 'calibre-web-admin', key: 'password' } } },
      { name: 'CALIBRE_DBPATH', value: '/config' },
    ]);
    expect(init().volumeMounts).toContainEqual({ name: 'config', mountPath: '/config' });
    expect(init().securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true });
    const script: string = init().command[2];
    expect(init().command.slice(0, 2)).toEqual(['sh', '-ec']);
    expect(script).toContain('python3 /app/calibre-web/cps.py -p /config/app.db.new -s "admin:$ADMIN_PASSWORD"');
  });

  test('an app.db that exists is kept, and one whose password was not set never takes its place', () => {
    const lines: string[] = init().command[2].split('\n');
    expect(lines[0]).toBe('[ -f /config/app.db ] && exit 0');
    // Under sh -e, a failed cps.py (a password its rules refuse) stops before the rename: no app.db, no start.
    expect(lines.indexOf('mv /config/app.db.new /config/app.db')).toBe(lines.length - 1);
  });

  test('the Secret is an owner step with a command that generates a password Calibre-Web\'s default rules accept; no step mentions admin123 as a login', () => {
    expect(readme).toContain('| bootstrap | create Secret services/calibre-web-admin with key password: the password Calibre-Web\'s administrator admin gets before its first start');
    expect(readme).toContain('kubectl -n services create secret generic calibre-web-admin --from-literal=password="$(openssl rand -hex 16)-Aa1"');
    expect(readme).not.toContain('with password admin123');
  });
});

describe('grey-area: the NixOS machines become Talos nodes, and their services move in the design\'s order', () => {
  const steps = readme.split('\n');

  test('the disk each node installs Talos onto is a placeholder, patched into its first config, which says the disk is erased', () => {
    for (const [node, lan] of [['grey-area', '192.168.1.11'], ['congenital-optimist', '192.168.1.12'], ['limiting-factor', '192.168.1.13']]) {
      const row = steps.find((line) => line.startsWith(`| placeholder | disk Talos installs onto on ${node}:`))!;
      expect(row).toContain('Talos erases it, so copy off the data of the services it runs under NixOS and check the copy restores, before its first config (now `/dev/sda`)');
      const first = steps.find((line) => line.includes(`talosctl apply-config --insecure --nodes ${lan} `))!;
      expect(first).toContain('Talos installs onto /dev/sda and erases it: copy off and check what the machine keeps there first');
      expect(first).toContain(`--config-patch '{"machine":{"install":{"disk":"/dev/sda"}}}'`);
    }
  });

  test('the services move in the design\'s order, each restored from the copy of its machine before the next', () => {
    const step = steps.find((line) => line.startsWith('| manual | after the first sync, move the services the NixOS machines run now'))!;
    expect(step).toContain("in the design's order, the least risky first: Calibre-Web, Ollama, Forgejo, Nextcloud, Jellyfin.");
    expect(step).toContain('copied off its machine before Talos erased it (each copy checked to restore; its NFS folders before the first sync)');
    expect(step).toContain('Check that it serves that data before moving the next');
  });

  test('the NFS folders are restored before the first sync, the claims and databases through the pods it starts, after it', () => {
    const at = (start: string) => steps.findIndex((line) => line.startsWith(start));
    const firstSync = at('| bootstrap | first sync:');
    const nfs = at('| manual | before the first sync, restore into the folders of each NFS export');
    const move = at('| manual | after the first sync, move the services');
    expect(firstSync).toBeGreaterThan(0);
    expect(nfs).toBeGreaterThan(0);
    expect(nfs).toBeLessThan(firstSync);
    expect(move).toBeGreaterThan(firstSync);
    expect(steps[move]).toContain('a node-local claim through its running pod');
    expect(steps[move]).not.toContain('the folders of an NFS export');
  });
});

describe('grey-area: every node stays reachable via its Tailscale address, avoiding exposure to the wider LAN', () => {
  const step = readme.split('\n').find((line) => line.startsWith("| bootstrap | close the nodes to every network but 100.64.0.0/10 (Talos' ingress firewall)"))!;
  const documents = () => [...step.matchAll(/'(\{[^']*\})'/g)].map((m) => JSON.parse(m[1]));
  const from = (port: number | string, protocol = 'tcp') => documents()
    .find((d) => d.kind === 'NetworkRuleConfig' && d.portSelector.ports.includes(port) && d.portSelector.protocol === protocol)?.ingress.map((i: any) => i.subnet);
  const nodes = ['100.64.0.1/32', '100.64.0.2/32', '100.64.0.3/32'];

  test("the nodes' own services are closed to every network but the tailnet, before the first sync", () => {
    expect(documents()[0]).toEqual({ apiVersion: 'v1alpha1', kind: 'NetworkDefaultActionConfig', ingress: 'block' });
    // talosctl and kubectl from the tailnet; the pods reach the API server through the kubernetes Service.
    expect(from(50000)).toEqual(['100.64.0.0/10']);
    expect(from(6443)).toEqual(['100.64.0.0/10', '10.244.0.0/16']);
    // What only the cluster uses answers the three nodes (and the pods), not the whole tailnet.
    expect(from(50001)).toEqual(nodes);
    expect(from('2379-2380')).toEqual(nodes);
    expect(from(10250)).toEqual([...nodes, '10.244.0.0/16']);
    expect(from(4789, 'udp')).toEqual(nodes);
    expect(readme.indexOf(step)).toBeLessThan(readme.indexOf('| bootstrap | first install of Argo CD'));
  });

  test("the pods' traffic between the nodes stays inside the overlay too: Flannel's VXLAN runs over the tailnet, where the firewall lets it through", () => {
    const genConfig = readme.split('\n').find((line) => line.startsWith('| bootstrap |') && line.includes('talosctl gen config grey-area'))!;
    expect(genConfig).toContain('"cni":{"name":"flannel","flannel":{"extraArgs":["--iface=tailscale0"]}}');
  });

  test("the design's monitoring base keeps working: Prometheus reaches node-exporter on every node", () => {
    expect(from(9100)).toEqual([...nodes, '10.244.0.0/16']);
  });

  test('the step tries the firewall first, so that a mistake cannot lock talosctl out for good', () => {
    expect(step).toContain('talosctl patch mc --nodes 100.64.0.1,100.64.0.2,100.64.0.3 --patch @ingress-firewall.yaml --mode=try --timeout 5m && talosctl health && kubectl get nodes');
  });
});

describe("grey-area: the design's test of its high availability, shut down one node and the cluster remains operational", () => {
  test("a step after the first sync shuts down limiting-factor, the registry's node, and checks the API and etcd's quorum from the others", () => {
    // Listed after the step that starts the first sync, as it says.
    const step = rowAfterFirstSync("| manual | after the first sync, run the design's test of its high availability once");
    expect(step).toContain('shut down limiting-factor, which runs the registry only; kubectl still answers through kubernetes.default.svc.tailnet');
    expect(step).toContain('etcd keeps two of its three members, its quorum');
    // The registry is the one service on that node, and Ollama asks it at every start.
    expect(find('Deployment', 'ollama').spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(step).toContain('a pod that pulls its image Always (Ollama, as the design pulls it) cannot start again until it is back');
    expect(step).toContain('| `talosctl --nodes 100.64.0.3 shutdown && kubectl get nodes && talosctl --nodes 100.64.0.1 etcd members` |');
  });
});

describe("grey-area: kubernetes.default.svc.tailnet answers before talosctl bootstrap, from the tailnet's Split DNS", () => {
  test('the step before bootstrap says where the nodes, which ask Tailscale\'s resolver, find the records of the API server\'s name', () => {
    const lines = readme.split('\n');
    const records = lines.findIndex((line) => line.startsWith('| bootstrap | DNS name of the API server'));
    const bootstrap = lines.findIndex((line) => line.includes('talosctl bootstrap --nodes 100.64.0.1'));
    expect(records).toBeGreaterThan(-1);
    expect(records).toBeLessThan(bootstrap);
    expect(lines[records]).toContain("in the DNS the nodes ask, Tailscale's resolver: in the DNS page of the Tailscale admin console, send the name's domain (Split DNS) "
      + 'to a nameserver on the tailnet outside this cluster that holds these records');
  });
});

describe('grey-area: the CI pushes the Nix-built images to Harbor through Traefik', () => {
  test("Traefik lets a push take longer than its own 60-second limit, so a large layer of Ollama's image goes up", () => {
    const values = find('Application', 'traefik').spec.source.helm.valuesObject;
    for (const entryPoint of ['web', 'websecure']) {
      expect(values.ports[entryPoint].transport).toEqual({ respondingTimeouts: { readTimeout: '30m' } });
    }
    expect(result.findings.filter((f) => f.constructPath === 'grey-area/main/harbor')).toEqual([]);
  });
});

describe("grey-area: Argo CD clones the design's ssh://forgejo.grey-area.tailnet/grey-area/gitops.git with a deploy key", () => {
  test('the step that stores the deploy key runs as written: the key file is a variable, never a <placeholder> bash reads as a redirection', () => {
    const step = readme.split('\n').find((line) => line.startsWith('| bootstrap | create the repository credential of ssh://git@forgejo.grey-area.tailnet/grey-area/gitops.git'))!;
    expect(step).toContain("DEPLOY_KEY is the file of the private half of an SSH key pair made for it (ssh-keygen -t ed25519 -N '' -f \"$DEPLOY_KEY\")");
    expect(step).toContain('--from-file=sshPrivateKey="$DEPLOY_KEY" && kubectl -n argocd label secret forgejo-gitops-repo argocd.argoproj.io/secret-type=repository');
    expect(step).not.toMatch(/<[a-z][^>|]*>/);
  });
});

describe('grey-area: the first sync walks platform, config, apps without waiting for what only a later layer completes', () => {
  const layerOf = (kind: string, name: string) => result.files.get(`grey-area/main/config/${kind}.yaml`)?.includes(`name: ${name}`);
  const operatorValues = () => find('Application', 'tailscale-operator').spec.source.helm.valuesObject;
  const firstSync = () => readme.split('\n').find((line) => line.startsWith('| bootstrap | first sync:'))!;

  test("Traefik's tailnet machine waits for the operator's default ProxyClass, which the config layer brings after the platform layer", () => {
    // The operator starts no proxy for a Service while its default ProxyClass is missing.
    const proxyClass = operatorValues().proxyConfig.defaultProxyClass;
    expect(find('ProxyClass', proxyClass)).toBeDefined();
    expect(layerOf('tailscale-proxies', proxyClass)).toBe(true);
    expect(find('Application', 'traefik').spec.source.helm.valuesObject.service.spec.loadBalancerClass).toBe('tailscale');
  });

  test("so the platform wave does not wait for Traefik's Application: Argo CD's health check of Applications reports it Healthy while its Service has no address", () => {
    const annotations = find('Application', 'traefik').metadata.annotations;
    expect(annotations['gitops.homelab.dev/not-waited-for']).toBe('true');
    const health: string = find('Application', 'argo-cd').spec.source.helm.valuesObject.configs.cm['resource.customizations.health.argoproj.io_Application'];
    expect(health).toContain('obj.metadata.annotations["gitops.homelab.dev/not-waited-for"] == "true"');
    expect(health).toMatch(/hs\.status == "Progressing" and [^\n]*\n {2}hs\.status = "Healthy"/);
    // Components the layers after them need are still waited for.
    expect(find('Application', 'tailscale-operator').metadata.annotations['gitops.homelab.dev/not-waited-for']).toBeUndefined();
    expect(find('Application', 'cert-manager').metadata.annotations['gitops.homelab.dev/not-waited-for']).toBeUndefined();
  });

  test("the README's first sync waits for the platform Applications by name, but not for Traefik's, before it applies the config layer", () => {
    const waited = /kubectl -n argocd wait application ([a-z -]+) --for=/.exec(firstSync())![1].split(' ');
    expect(waited).not.toContain('traefik');
    expect(waited).toEqual(expect.arrayContaining(['argo-cd', 'cert-manager', 'crossplane', 'tailscale-operator']));
    expect(firstSync()).toContain('such as Traefik, whose tailnet machine the operator makes only once the config layer has brought its ProxyClass');
  });
});

describe('grey-area: the Secrets the platform and config layers read are made before the first sync, after what they hold', () => {
  const steps = readme.split('\n').filter((line) => line.startsWith('| bootstrap | '));
  const at = (start: string) => {
    const index = steps.findIndex((line) => line.startsWith(`| bootstrap | ${start}`));
    expect(index).toBeGreaterThanOrEqual(0);
    return index;
  };

  test("ClusterIssuer grey-area-ca, which the apps' certificates wait for, finds its CA Secret, made from the CA the step before makes", () => {
    expect(at("make the lab's certificate authority once")).toBeLessThan(at('create TLS Secret cert-manager/grey-area-ca with keys tls.crt, tls.key'));
    expect(at('create TLS Secret cert-manager/grey-area-ca')).toBeLessThan(at('first sync:'));
  });

  test("the Tailscale operator finds its OAuth client's Secret, made after the client itself", () => {
    expect(at("in the tailnet's policy, let tag:k8s-operator own tag:k8s")).toBeLessThan(at('create Secret tailscale/operator-oauth'));
    expect(at('create Secret tailscale/operator-oauth')).toBeLessThan(at('first sync:'));
  });
});

describe('grey-area: the images whose init stays root send their app its SIGTERM when the pod stops', () => {
  // A root process may signal another user's process only with KILL: without it, Calibre-Web (run as PUID by
  // s6-overlay) and Nextcloud's Apache workers (run as www-data) would die by SIGKILL at every stop.
  const containerOf = (name: string) => find('Deployment', name).spec.template.spec.containers[0];
  const reason = (name: string) => find('Deployment', name).metadata.annotations['security.homelab.dev/add-capabilities'];

  test('Calibre-Web: KILL beside the capabilities its init switches users with, and the reason', () => {
    expect(containerOf('calibre-web').securityContext.capabilities.add).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL']);
    expect(reason('calibre-web')).toMatch(/^CHOWN,DAC_OVERRIDE,FOWNER,KILL,SETGID,SETUID: s6-overlay chowns \/config and drops to PUID; its init stays root and signals the app/);
  });

  test("Nextcloud: KILL for Apache's root master process, beside the port it binds", () => {
    expect([...containerOf('nextcloud').securityContext.capabilities.add].sort()).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID']);
    expect(reason('nextcloud')).toContain('its init stays root and signals the app, run as another user, to stop it (KILL)');
  });
});

describe("grey-area: the NFS export's capacity, which the design leaves out, is a placeholder the claims are checked against", () => {
  const cluster = result.clusters.find((c) => c.folder === 'grey-area/main')!;
  const kubernetes = greyAreaSite.nfs.kubernetes;

  test('"limiting-factor NFS: [Capacity] total" is a placeholder the owner is asked to fill in, not an invented size', () => {
    expect(kubernetes.capacityIsPlaceholder).toBe(true);
    expect(readme).toMatch(/\| placeholder \| capacity of the NFS export nfs\.limiting-factor\.tailnet:\/export\/kubernetes: .*\(now `500Gi`\)/);
    expect(greyAreaSite.nfs.models.capacityIsPlaceholder).toBe(true);
  });

  test("the claims on it are counted (nfs-csi's claims, ollama-data on nfs-data, Harbor's image store) and fit in the stand-in", () => {
    const claims = nfsExportClaims(cluster.objects, kubernetes, chartClaims(cluster)).map((c) => `${c.description} ${c.size}`);
    expect(claims).toEqual(expect.arrayContaining(['claim services/ollama-data 50Gi', "Harbor's image store 100Gi"]));
    expect(claims.some((c) => /^claim services\/nextcloud/.test(c))).toBe(true);
    expect(checkNfsExportCapacity(cluster)).toEqual([]);
  });
});

describe("grey-area: Nextcloud's database comes from a Crossplane Function whose pod starts", () => {
  // A DeploymentRuntimeConfig that sets a security context replaces Crossplane's own one (user 2000), and
  // function-patch-and-transform's image names its user `nonroot`: with runAsNonRoot and no numeric user the
  // kubelet cannot verify the user, and the pod never starts, nor does the composition that makes the database.
  test("every Provider and Function runs as a numeric user other than root, Crossplane's own 2000", () => {
    const packages = manifests.filter((m) => m.kind === 'Provider' || m.kind === 'Function');
    expect(packages.map((p) => p.metadata.name)).toEqual(expect.arrayContaining(['function-patch-and-transform', 'provider-kubernetes']));
    for (const pkg of packages) {
      const pod = find('DeploymentRuntimeConfig', pkg.spec.runtimeConfigRef.name).spec.deploymentTemplate.spec.template.spec;
      expect({ pkg: pkg.metadata.name, ...pod.securityContext }).toMatchObject({ pkg: pkg.metadata.name, runAsNonRoot: true, runAsUser: 2000, runAsGroup: 2000 });
    }
  });
});

describe("grey-area: the database's Provider and Function install on the Crossplane Argo CD installs", () => {
  // The design's composition is a v1 definition with a claim, composed in Pipeline mode by
  // function-patch-and-transform through provider-kubernetes Objects: Crossplane 1.20 serves all of it.
  test('Crossplane 1.20.0, and provider-kubernetes and function-patch-and-transform releases known to run on it', () => {
    const crossplane = find('Application', 'crossplane').spec.source.targetRevision;
    expect(crossplane).toBe('1.20.0');
    const packages = manifests.filter((m) => m.kind === 'Provider' || m.kind === 'Function').map((m) => m.spec.package as string);
    expect(packages.sort()).toEqual([
      'xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.8.2', 'xpkg.crossplane.io/crossplane-contrib/provider-kubernetes:v1.2.1',
    ]);
    for (const pkg of packages) {
      expect({ pkg, known: crossplanePackageLine(pkg) !== undefined, problems: crossplanePackageProblems(pkg, [], crossplane) }).toEqual({ pkg, known: true, problems: [] });
    }
    expect(find('CompositeResourceDefinition', 'xpostgresqls.database.grey-area.internal')).toMatchObject({ apiVersion: 'apiextensions.crossplane.io/v1', spec: { claimNames: { kind: 'PostgreSQL' } } });
    expect(find('Composition', 'postgresql').spec.mode).toBe('Pipeline');
  });
});

describe("grey-area: day one at the registry, the design's Harbor on limiting-factor", () => {
  const rows = () => readme.split('\n').filter((line) => line.includes('registry/harbor-admin'));

  test("the owner's step names Harbor's administrator, where it logs in, and that the Secret's password counts at the first start only", () => {
    const externalURL: string = find('Application', 'harbor').spec.source.helm.valuesObject.externalURL;
    expect(externalURL).toBe('https://registry.limiting-factor.tailnet');
    expect(rows()).toHaveLength(1);
    const [row] = rows();
    expect(row).toContain(`| bootstrap | create Secret registry/harbor-admin with key HARBOR_ADMIN_PASSWORD: the first password of Harbor's administrator admin, who logs in at ${externalURL}; `
      + 'Harbor reads it at its first start only: change the password in Harbor (its user menu) afterwards, not in the Secret');
    // A password Harbor's own rules take when it is changed later: upper and lower case and a digit.
    expect(row).toContain('kubectl -n registry create secret generic harbor-admin --from-literal=HARBOR_ADMIN_PASSWORD="$(openssl rand -hex 16)-Aa1"');
    expect(row).not.toContain('made outside the repository');
  });
});

describe("grey-area: the design's CI commits the new tags where Argo CD syncs from, then asks for the sync", () => {
  const step = () => readme.split('\n').find((line) => line.startsWith("| manual | the design's CI (GitHub Actions)"))!;
  const gitops = greyAreaSite.git!;

  test("the commit goes to the Forgejo repository of the root Application, before the sync call that would otherwise find main unchanged", () => {
    expect(find('Application', 'grey-area-services').spec.source).toMatchObject({ repoURL: gitops.url, targetRevision: gitops.branch });
    expect(step()).toContain(`push that commit to the Forgejo repository Argo CD syncs from (${gitops.url}, with a deploy key of write access kept in the CI's secrets `
      + "and Forgejo's host key, what ssh-keyscan forgejo.grey-area.tailnet prints, in the runner's known_hosts), and only then call Argo CD's sync");
    expect(step()).toMatch(new RegExp(`\\| \`git push ${escape(gitops.url)} HEAD:${gitops.branch} && curl -fsS [^|]*/api/v1/applications/grey-area-services/sync `));
  });

  test('the workflow runs on a GitHub copy that a push mirror of Forgejo keeps, and its own commit does not start it again', () => {
    expect(step()).toContain('The workflow runs on a GitHub copy of that repository, which a push mirror of the Forgejo repository');
    expect(step()).toContain("the CI's own commit reaches GitHub that way too, and its [skip ci] keeps it from starting the workflow again");
    const choice = readme.split('\n').find((line) => line.startsWith('- **CI.**'))!;
    expect(choice).toContain('here Argo CD syncs from Forgejo, so the CI pushes its commit to Forgejo before it calls the sync');
  });
});

describe("grey-area: the design's routes and services a line-by-line reading finds changed", () => {
  const choices = () => readme.slice(readme.indexOf('## Choices against the design'), readme.indexOf('## Platform components'));

  test("the design's two Ollama IngressRoutes, ollama-ingress (.local) and ollama-tailnet, are one host, served by ollama-tailnet", () => {
    expect(choices()).toContain('The design routes Ollama twice, `ollama-ingress` at `ollama.grey-area.local` and `ollama-tailnet` at `ollama.grey-area.tailnet`; '
      + 'with every `.local` name served under `.tailnet` both are one host, and `ollama-tailnet` serves it.');
    const routes = manifests.filter((m) => m.kind === 'IngressRoute' && JSON.stringify(m.spec.routes).includes('Host(`ollama.grey-area.tailnet`)'));
    expect(routes.map((r) => r.metadata.name)).toEqual(['ollama-tailnet']);
  });

  test('Calibre-Web, which the design calls stateless, keeps its users and settings on a node-local claim: the README says why', () => {
    expect(choices()).toContain('The design calls Calibre-Web stateless, its safe first move: its books are on NFS (`/books`), '
      + 'but its users and settings are a SQLite file of its own (`app.db` in `/config`), so it keeps a node-local claim');
    expect(find('PersistentVolumeClaim', 'calibre-web-config').spec.storageClassName).toBe('local-path');
  });
});

describe("grey-area: Nextcloud's database server is probed as the claim's own user", () => {
  test("pg_isready asks as POSTGRES_USER of POSTGRES_DB, the claim's nextcloud-user and nextcloud, not as a role postgres the server lacks", () => {
    const server = find('Composition', 'postgresql').spec.pipeline[0].input.resources.find((r: { name: string }) => r.name === 'server');
    const container = server.base.spec.forProvider.manifest.spec.template.spec.containers[0];
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.exec.command).toEqual(['sh', '-c', 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB"']);
    }
    // The composition patches the claim's user and database into those variables.
    expect(container.env.slice(0, 2).map((e: { name: string }) => e.name)).toEqual(['POSTGRES_DB', 'POSTGRES_USER']);
    const patched = server.patches.map((p: { fromFieldPath: string; toFieldPath: string }) => `${p.fromFieldPath} ${p.toFieldPath}`);
    expect(patched).toEqual(expect.arrayContaining([
      'spec.parameters.dbName spec.forProvider.manifest.spec.template.spec.containers[0].env[0].value',
      'spec.parameters.dbUser spec.forProvider.manifest.spec.template.spec.containers[0].env[1].value',
    ]));
    expect(find('PostgreSQL', 'nextcloud-db').spec.parameters).toMatchObject({ dbName: 'nextcloud', dbUser: 'nextcloud-user' });
  });
});

describe("grey-area: Argo CD's admin, whose password the design gives as a bcrypt hash in the chart's values", () => {
  test('no hash of it reaches the values; the README says why, and where the UI and API answer', () => {
    const values = find('Application', 'argo-cd').spec.source.helm.valuesObject;
    expect(values.configs.secret?.argocdServerAdminPassword).toBeUndefined();
    expect(values.configs.params['server.insecure']).toBe(true);
    const choice = readme.split('\n').find((line) => line.startsWith('- **Argo CD**'))!;
    expect(choice).toContain("The design's `configs.secret.argocdServerAdminPassword` would put the admin's bcrypt hash in the values, in Git; it is left out");
    const host = /Host\(`([^`]+)`\)/.exec(find('IngressRoute', 'argocd').spec.routes[0].match)![1];
    expect(host).toBe('argocd.grey-area.tailnet');
    expect(choice).toContain(`Its UI and API answer at \`https://${host}\` (\`ARGOCD_HOST\` of its steps)`);
  });
});

describe("grey-area: day one at Grafana, the monitoring the design's nodes carry", () => {
  test("the Secret's step says who logs in where, makes the password and the key, and comes before the first sync that starts Grafana", () => {
    const lines = readme.split('\n');
    // The step that makes the Secret; the one that changes the password later reads it back.
    const rows = lines.filter((line) => (line.includes('monitoring/grafana-admin') || line.includes('secret generic grafana-admin')) && !line.includes('reset-admin-password'));
    expect(rows).toHaveLength(1);
    const host = /Host\(`([^`]+)`\)/.exec(find('IngressRoute', 'grafana').spec.routes[0].match)![1];
    expect(rows[0]).toContain(`| bootstrap | create Secret monitoring/grafana-admin with keys admin-user, admin-password, secret-key: admin-user and admin-password are the login of Grafana's administrator at https://${host} `);
    expect(rows[0]).toContain('--from-literal=admin-user="$GRAFANA_ADMIN" --from-literal=admin-password="$(openssl rand -base64 24)" --from-literal=secret-key="$(openssl rand -hex 32)"');
    expect(rows[0]).not.toContain('…');
    expect(lines.indexOf(rows[0])).toBeLessThan(lines.findIndex((line) => line.startsWith('| bootstrap | first sync:')));
    const grafana = find('Application', 'kube-prometheus-stack').spec.source.helm.valuesObject.grafana;
    expect(grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
  });
});

describe("grey-area: day one at Nextcloud, whose database the design claims through Crossplane", () => {
  const rowsOf = (secret: string) => readme.split('\n').filter((line) => line.includes(`services/${secret}`) || line.includes(`secret generic ${secret} `));

  test("its administrator's Secret says who logs in where, that Nextcloud reads it once, and makes the password", () => {
    const rows = rowsOf('nextcloud-admin').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("| bootstrap | create Secret services/nextcloud-admin with keys username, password: the login of Nextcloud's administrator at "
      + `https://${find('Deployment', 'nextcloud').spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'NEXTCLOUD_TRUSTED_DOMAINS').value} `);
    expect(rows[0]).toContain('Nextcloud reads them when it installs, on its first start only: change the password in Nextcloud afterwards, not in the Secret');
    expect(rows[0]).toContain('--from-literal=username="$NEXTCLOUD_ADMIN" --from-literal=password="$(openssl rand -base64 24)"');
  });

  test("the database password's Secret is made with a password, once, and kept: PostgreSQL and Nextcloud both keep their copy", () => {
    const rows = rowsOf('nextcloud-db-password').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('| bootstrap | create Secret services/nextcloud-db-password with key password: the password of the database user nextcloud-user; make it once, and keep it');
    expect(rows[0]).toContain('--from-literal=password="$(openssl rand -hex 24)"');
    expect(find('PostgreSQL', 'nextcloud-db').spec.parameters.passwordSecretRef).toEqual({ name: 'nextcloud-db-password', key: 'password' });
  });
});

describe("grey-area: Forgejo behind the design's basic-auth Middleware forgejo-auth still serves its own logins", () => {
  test("the gate's Authorization header stops at Traefik: Forgejo would check it as its own on its API, raw files and attachments, and answer 401", () => {
    expect(find('Middleware', 'forgejo-auth').spec).toEqual({ basicAuth: { secret: 'forgejo-credentials', removeHeader: true } });
    expect(find('IngressRoute', 'forgejo-ingress').spec.routes[0].middlewares).toEqual([{ name: 'forgejo-auth' }]);
  });
});

describe("grey-area: the design's first Nix-built service, Ollama, pushed to Harbor on limiting-factor", () => {
  test('the step builds the flake output, loads it as the design names it, and pushes the image the Deployment pulls, logged in to Harbor', () => {
    const image: string = find('Deployment', 'ollama').spec.template.spec.containers[0].image;
    const step = readme.split('\n').find((line) => line.startsWith('| manual | build the Ollama image with Nix'))!;
    expect(step).toContain(`| \`nix build .#ollama-container && docker load -i result && docker tag ollama:0.1.2 ${image} && docker login registry.limiting-factor.tailnet && docker push ${image}\` |`);
    expect(step).toContain("logged in as Harbor's administrator (or a robot account of project library)");
    expect(step).toContain('grey-area-ca.crt as /etc/docker/certs.d/registry.limiting-factor.tailnet/ca.crt');
  });
});

describe('grey-area: week after week, the services keep doing their job', () => {
  test("a new Nextcloud release replaces the running pod instead of upgrading the shared /var/www/html under it", () => {
    const nextcloud = find('Deployment', 'nextcloud');
    expect(nextcloud.spec.template.spec.volumes.find((v: any) => v.name === 'html').persistentVolumeClaim.claimName).toBe('nextcloud-html');
    expect(find('PersistentVolumeClaim', 'nextcloud-html').spec.accessModes).toEqual(['ReadWriteMany']);
    expect(nextcloud.spec.strategy).toEqual({ type: 'Recreate' });
  });

  test("Nextcloud's background jobs run from cron.php every five minutes, as www-data, on Nextcloud's own files and release", () => {
    const cron = find('CronJob', 'nextcloud-cron');
    expect(cron).toBeDefined();
    expect(cron.metadata.namespace).toBe('services');
    expect(cron.spec).toMatchObject({ schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid' });
    const pod = cron.spec.jobTemplate.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe(find('Deployment', 'nextcloud').spec.template.spec.containers[0].image);
    expect(container.command).toEqual(['php', '-f', '/var/www/html/cron.php']);
    // cron.php refuses a user other than config.php's owner; another fsGroup would re-group the NFS tree.
    expect(pod.securityContext).toMatchObject({ runAsUser: 33, runAsGroup: 33, fsGroup: 33 });
    expect(container.volumeMounts).toContainEqual({ name: 'html', mountPath: '/var/www/html' });
    expect(pod.volumes.find((v: any) => v.name === 'html').persistentVolumeClaim.claimName).toBe('nextcloud-html');
    // Its database is Nextcloud's, which answers every pod of the namespace.
    expect(find('PostgreSQL', 'nextcloud-db').metadata.namespace).toBe(cron.metadata.namespace);
  });

  test("Harbor's image store, which the CI pushes a new tag of Ollama to at every build, is kept from filling up by a retention rule and scheduled garbage collection", () => {
    const row = readme.split('\n').find((line) => line.startsWith('| manual |') && line.includes('garbage collection'));
    expect(row).toBeDefined();
    expect(row).toContain('https://registry.limiting-factor.tailnet');
    expect(row).toContain('tag retention rule');
    expect(row).toContain('schedule garbage collection weekly');
    expect(row).toContain('| grey-area/main/harbor |');
  });
});

describe("grey-area: Nextcloud's install and upgrades copy its release onto NFS before Apache answers", () => {
  test('the startup probe waits an hour, the time a slow NFS copy and install may take, before the kubelet restarts the pod mid-install', () => {
    const probe = find('Deployment', 'nextcloud').spec.template.spec.containers[0].startupProbe;
    expect(probe.httpGet).toMatchObject({ path: '/status.php', port: 80 });
    expect(probe.periodSeconds * probe.failureThreshold).toBeGreaterThanOrEqual(3600);
  });
});

describe('grey-area: after the move, the data the design backs up once has a backup step of its own', () => {
  const step = readme.split('\n').find((line) => line.startsWith('| manual | backups, which the design plans for the move only'))!;

  test('each claim of the output is named, the node-local ones apart from those on the NFS export', () => {
    const [nodeLocal, onNfs] = step.split('The NFS export');
    const claims = manifests.filter((m) => m.kind === 'PersistentVolumeClaim');
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      const ref = `${claim.metadata.namespace}/${claim.metadata.name}`;
      expect([ref, (claim.spec.storageClassName === 'local-path' ? nodeLocal : onNfs).includes(ref)]).toEqual([ref, true]);
    }
    expect(step).toContain("Forgejo's among them, the repository Argo CD syncs from");
    expect(step).toContain('its Crossplane claim services/nextcloud-db');
  });

  test('etcd, which holds the Secrets made by hand, is copied off as a talosctl snapshot of a control-plane node', () => {
    expect(step).toContain('etcd holds every object, the Secrets made by hand among them');
    expect(step).toContain('`talosctl --nodes 100.64.0.1 etcd snapshot grey-area-etcd.snapshot`');
  });
});

describe("grey-area: the design's test that a pod moves between nodes without losing its data", () => {
  // The design: "NFS mount on all nodes → pods migrate freely without data loss", and among its Phase 2
  // success criteria "NFS persistent volumes working across all nodes" and "pod can migrate between nodes
  // without data loss".
  test("a step after the first sync moves Nextcloud, whose files are on the NFS export, off its node and checks it answers as installed", () => {
    const step = rowAfterFirstSync("| manual | once Nextcloud is installed, run the design's test that a pod moves between nodes without losing its data");
    expect(step).toContain("Its database's server keeps its node-local claim on its own node, which must stay up meanwhile");
    expect(step).toContain('kubectl cordon "$NODE" && kubectl -n services delete pod -l app.kubernetes.io/name=nextcloud && kubectl -n services rollout status deployment/nextcloud --timeout=60m');
    expect(step).toContain('curl -fsS --cacert "$LAB_CA" https://nextcloud.grey-area.tailnet/status.php; kubectl uncordon "$NODE"');
    // What the test relies on: Nextcloud's files are a ReadWriteMany claim of the NFS class, and no rule pins its pod to a node.
    const html = find('PersistentVolumeClaim', 'nextcloud-html');
    expect(html.spec).toMatchObject({ storageClassName: 'nfs-csi', accessModes: ['ReadWriteMany'] });
    const pod = find('Deployment', 'nextcloud').spec.template.spec;
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    expect(pod.volumes).toContainEqual({ name: 'html', persistentVolumeClaim: { claimName: 'nextcloud-html' } });
  });
});
