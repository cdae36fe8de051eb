import { defineConstellation } from '../charts/constellation';
import { defineGreyArea } from '../charts/grey-area';
import { manifestsOf, synthInMemory } from './support/synth';
import { blocks, rows, stepsOf } from './support/readme';

// The constellation and grey-area designs read once more against the synthesized output, as an evaluator
// would: each pod started with the probes, ports, user, writable paths and policies written, and each
// cluster's README followed in its order on the day of the bootstrap.

const greyAreaResult = synthInMemory(defineGreyArea);
const greyAreaObjects = manifestsOf(greyAreaResult, 'grey-area/main');
const greyAreaReadme = greyAreaResult.files.get('grey-area/main/README.md')!;
const greyAreaRows = rows(greyAreaReadme);
const greyAreaStep = stepsOf(greyAreaRows);

const constellationResult = synthInMemory(defineConstellation);
const constellationReadme = constellationResult.files.get('constellation/main/README.md')!;
const constellationRows = rows(constellationReadme);
const constellationStep = stepsOf(constellationRows);

describe('constellation: the config folders change owner once their Podman containers have stopped', () => {
  test('the step that stops the Podman containers comes first: one still running writes files as its own user after the chown', () => {
    const stop = constellationStep('stop the Podman containers of the 12 services');
    const folders = constellationStep("make each container's config folder on its host");
    expect(folders).toBe(stop + 1);
    expect(constellationRows[folders][0]).toContain('once its Podman container has stopped');
    expect(folders).toBeLessThan(constellationStep('copy or link every file of dist/constellation/main'));
    // Each block below the table follows its step: the chown comes after the Podman lines.
    const all = blocks(constellationReadme);
    const stopBlock = all.findIndex((b) => b.includes('media.containers.plex.enable = lib.mkForce false;'));
    const chownBlock = all.findIndex((b) => b.includes('chown -R 5000:5000 /var/data/jellyfin'));
    expect(chownBlock).toBe(stopBlock + 1);
  });
});

describe('grey-area: Forgejo\'s basic auth, the design\'s "Pre-created secret with htpasswd"', () => {
  const middleware = greyAreaObjects.find((o) => o.kind === 'Middleware' && o.metadata.name === 'forgejo-auth');

  test('its Secret is made before the first sync, so the route answers when the owner opens Forgejo to make its organization', () => {
    expect(middleware.spec.basicAuth.secret).toBe('forgejo-credentials');
    const index = greyAreaStep('create Secret services/forgejo-credentials');
    const [, command] = greyAreaRows[index];
    expect(greyAreaReadme).toContain('| bootstrap | create Secret services/forgejo-credentials with key users: ');
    expect(index).toBeLessThan(greyAreaStep('first sync: the repository lives in the Forgejo this cluster runs'));
    expect(index).toBeLessThan(greyAreaStep('create the organization grey-area and its repository gitops'));
    // Before the first sync the namespace may not exist yet: the command makes it.
    expect(command).toContain('kubectl create namespace services --dry-run=client -o yaml | kubectl apply -f - && ');
  });
});

describe('grey-area: how long Prometheus keeps its samples, which the design does not give', () => {
  const stack = greyAreaObjects.find((o) => o.kind === 'Application' && o.metadata.name === 'kube-prometheus-stack');

  test('the retention Prometheus runs with is a placeholder of the inventory, listed beside the size of its claim', () => {
    const retention = stack.spec.source.helm.valuesObject.prometheus.prometheusSpec.retention;
    const index = greyAreaStep('how long Prometheus keeps its samples (retention)');
    expect(greyAreaRows[index][0]).toContain(`(now \`${retention}\`)`);
    expect(greyAreaReadme).toContain('| placeholder | how long Prometheus keeps its samples (retention): ');
    expect(index + 1).toBe(greyAreaStep("size of Prometheus' claim for its samples"));
  });
});

describe('grey-area: what the cluster gets from outside, beside Talos and Argo CD\'s bootstrap', () => {
  const fromOutside = greyAreaReadme.slice(greyAreaReadme.indexOf('## What the cluster gets from outside'), greyAreaReadme.indexOf('## Machines outside the cluster'));
  const line = (source: string) => fromOutside.split('\n').find((l) => l.startsWith(`| ${source} |`)) ?? '';

  test('the tailnet it runs on: the mesh, the resolver and Split DNS of its .tailnet names, and the operator\'s tags and OAuth client', () => {
    const tailnet = line('the tailnet (Tailscale)');
    expect(tailnet).toContain('100.64.0.0/10');
    expect(tailnet).toContain('its resolver 100.100.100.100');
    expect(tailnet).toContain('grey-area.tailnet, congenital-optimist.tailnet, limiting-factor.tailnet and svc.tailnet to the nameserver tailnet-dns');
    expect(tailnet).toContain('kubernetes.default.svc.tailnet');
    const proxy = greyAreaObjects.find((o) => o.kind === 'Application' && o.metadata.name === 'tailscale-operator');
    expect(proxy.spec.source.helm.valuesObject.oauthSecretVolume.secret.secretName).toBe('operator-oauth');
    expect(tailnet).toContain('tag:k8s-operator and tag:k8s and the OAuth client of Secret tailscale/operator-oauth');
  });

  test('the design\'s CI, which runs on GitHub\'s hosted runners', () => {
    expect(line('GitHub Actions')).toContain('build the Nix images, push them to Harbor and call Argo CD\'s sync');
  });
});

describe('grey-area: the folders of the NFS export the apps mount, made before their pods start', () => {
  const folders = ['books', 'audiobooks', 'media'];

  test('each folder is made before the first sync, so the steps that use the running pods find them started', () => {
    const firstSync = greyAreaStep('first sync: the repository lives in the Forgejo this cluster runs');
    const exported = greyAreaStep('export nfs.limiting-factor.tailnet:/export/kubernetes with no_root_squash');
    for (const folder of folders) {
      const index = greyAreaStep(`create the folder /export/kubernetes/${folder} on NFS server nfs.limiting-factor.tailnet`);
      expect([folder, index > exported && index < firstSync]).toEqual([folder, true]);
    }
    const mounted = (app: string, path: string) => greyAreaObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === app)
      .spec.template.spec.volumes.some((v: { nfs?: { path: string } }) => v.nfs?.path === path);
    expect(mounted('calibre-web', '/export/kubernetes/books')).toBe(true);
    expect(mounted('audiobook', '/export/kubernetes/audiobooks')).toBe(true);
    expect(mounted('jellyfin', '/export/kubernetes/media')).toBe(true);
    expect(greyAreaStep("as soon as Jellyfin's pod runs")).toBeGreaterThan(greyAreaStep('create the folder /export/kubernetes/media'));
    expect(greyAreaStep("as soon as Audiobookshelf's pod runs")).toBeGreaterThan(greyAreaStep('create the folder /export/kubernetes/audiobooks'));
    expect(greyAreaStep('open https://calibre.grey-area.tailnet and log in as admin')).toBeGreaterThan(greyAreaStep('create the folder /export/kubernetes/books'));
  });
});

describe('grey-area: Harbor\'s administrator, whose Secret its core needs to start', () => {
  test('the Secret is made before the first sync, ahead of the steps that push to the registry and log in to it', () => {
    const harbor = greyAreaObjects.find((o) => o.kind === 'Application' && o.metadata.name === 'harbor');
    expect(harbor.spec.source.helm.valuesObject.existingSecretAdminPassword).toBe('harbor-admin');
    const index = greyAreaStep('create Secret registry/harbor-admin with key HARBOR_ADMIN_PASSWORD');
    expect(index).toBeLessThan(greyAreaStep('first sync: the repository lives in the Forgejo this cluster runs'));
    expect(index).toBeLessThan(greyAreaStep('build the Ollama image with Nix'));
    expect(index).toBeLessThan(greyAreaStep('once Harbor runs, keep its image store from filling up'));
  });
});

describe('grey-area: Nextcloud\'s Secrets, which its database and its install read at their first start', () => {
  test('both are made before the first sync, ahead of the test that needs Nextcloud installed', () => {
    const firstSync = greyAreaStep('first sync: the repository lives in the Forgejo this cluster runs');
    const moveTest = greyAreaStep("run the design's test that a pod moves between nodes");
    for (const secret of ['services/nextcloud-db-password', 'services/nextcloud-admin']) {
      const index = greyAreaStep(`create Secret ${secret} with`);
      expect([secret, index < firstSync && index < moveTest]).toEqual([secret, true]);
    }
    const nextcloud = greyAreaObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'nextcloud');
    const secrets = nextcloud.spec.template.spec.containers[0].env.map((e: { valueFrom?: { secretKeyRef?: { name: string } } }) => e.valueFrom?.secretKeyRef?.name);
    expect(secrets).toContain('nextcloud-admin');
  });
});

describe('constellation: Plex stays reachable at storage:32400 through the move', () => {
  test('the firewall opening is a step before the manifests reach K3s, next to the step that stops the Podman containers', () => {
    const firewall = constellationStep('keep port 32400/tcp of storage open');
    const stop = constellationStep('stop the Podman containers of the 12 services');
    expect(firewall).toBeLessThan(constellationStep('copy or link every file of dist/constellation/main'));
    expect(stop - firewall).toBe(1);
    expect(constellationRows[firewall][0]).toContain('deploy it with the line that stops that container');
  });
});
