import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { defineElitedesk } from '../charts/elitedesk';
import type { FluxProps } from '../constructs';
import { manifestsOf, REPO_ROOT, synthInMemory } from './support/synth';
import { elitedesk, nfsServer } from '../hosts/elitedesk';
import { chartClaims } from '../constructs/validation/chart-claims';
import { checkNfsExportCapacity, nfsExportClaims } from '../constructs/validation/nfs-export-capacity';

// Facts of the elitedesk design read against the synthesized output, in the order a bare cluster needs the
// owner's steps: values first, then the machines, the CNI, what the first sync reads, Flux.

const result = synthInMemory(defineElitedesk);
const readme = result.files.get('elitedesk/main/README.md')!;
const rows = readme.split('\n').filter((line) => line.startsWith('| '));
/** Index of the first README row that contains `text`; fails the test when none does. */
const row = (text: string) => {
  const index = rows.findIndex((line) => line.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
};
const find = (kind: string, name: string, namespace: string) => manifestsOf(result, 'elitedesk/main')
  .find((m) => m.kind === kind && m.metadata.name === name && m.metadata.namespace === namespace);

describe('elitedesk: the owner fills in every value before the machines are made', () => {
  test("the nodes' roles, which decide the Talos patch, come before the machine configs and Terraform", () => {
    const patches = row('machine-config patches for the configs your provisioning makes');
    expect(rows[patches]).toContain('the control-plane nodes run workloads too (cluster.allowSchedulingOnControlPlanes)');
    expect(row('what the first EliteDesk node runs')).toBeLessThan(patches);
    expect(row('role of the second EliteDesk node')).toBeLessThan(patches);
    // Every placeholder of the chart (images, host names, the issuer) is a value of the repository as well.
    const lastPlaceholder = rows.map((line) => line.startsWith('| placeholder |')).lastIndexOf(true);
    expect(lastPlaceholder).toBeLessThan(patches);
    expect(row('cd infra && terraform init && terraform apply')).toBeGreaterThan(patches);
  });

  test("the NFS export Jellyfin's claim is made in comes before Flux's first sync", () => {
    expect(row('export 10.0.0.20:/srv/nfs/kubernetes with no_root_squash to the nodes')).toBeLessThan(row('flux bootstrap github'));
  });
});

describe("elitedesk: the design's SOPS files keep their names, as dotenv files", () => {
  const files = {
    'letsencrypt-wildcard-cert/cloudflare-api-token-service.env': ['cloudflare-api-token', 'cert-manager', 'config'],
    'newt/newt-secret.env': ['newt-credentials', 'newt', 'apps'],
  };

  test.each(Object.entries(files))('secrets/%s is copied to dist/ as it is committed, and its layer generates the Secret from it', (file, [name, namespace, layer]) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'charts', 'elitedesk', 'secrets', file), 'utf8');
    const copy = `${namespace}.${name}.sops.env`;
    expect(result.files.get(`elitedesk/main/${layer}/${copy}`)).toBe(source);
    const kustomization = load(result.files.get(`elitedesk/main/${layer}/kustomization.yaml`)!) as any;
    expect(kustomization.secretGenerator).toContainEqual({ name, namespace, envs: [copy], options: { disableNameSuffixHash: true } });
  });

  test("the design's encrypt commands take the same names, under the secrets folder", () => {
    const command = Object.keys(files).map((file) => `sops --encrypt --in-place charts/elitedesk/secrets/${file}`).join(' && ');
    expect(rows[row('encrypt your own values')]).toContain(`\`${command}\``);
    expect(readme).toContain('The SOPS files keep their names under `charts/elitedesk/secrets/` instead of `cluster/`');
  });
});

describe('elitedesk: the age key pair every SOPS step reads is made first, outside Git', () => {
  const keygen = 'make the age key pair the repository\'s Secrets are encrypted for';

  test('the README makes the key pair, unless there is one, before .sops.yaml, the files and Secret sops-age read it', () => {
    // A Markdown table cell escapes the shell's `|`.
    expect(rows[row(keygen)]).toContain('`test -f age.key \\|\\| age-keygen -o age.key; age-keygen -y age.key`');
    expect(row(keygen)).toBeLessThan(row('encrypt your own values'));
    expect(row(keygen)).toBeLessThan(row('create Secret flux-system/sops-age with key age.agekey'));
  });

  test('Git ignores age.key, the private key the step writes at the repository root', () => {
    expect(spawnSync('git', ['check-ignore', '--quiet', '--no-index', 'age.key'], { cwd: REPO_ROOT }).status).toBe(0);
  });
});

describe('elitedesk: the secrets a rebuild needs are kept outside the cluster', () => {
  test('age.key and the Cloudflare token go to a password manager and an offline backup, with the rotation steps', () => {
    const line = rows[row('keep age.key')];
    expect(line).toContain('keep age.key (the private key of Secret flux-system/sops-age) and the Cloudflare token in a password manager and an offline backup');
    // After Secret sops-age is made, among the steps of the running cluster.
    expect(row('keep age.key')).toBeGreaterThan(row('create Secret flux-system/sops-age with key age.agekey'));
  });

  test('a rotation pushes the files re-encrypted for both keys before the Secret changes, and keeps the old key until Flux has reconciled', () => {
    // Flux decrypts the copies in dist/: a file re-encrypted but not synthesized and pushed still needs the old key.
    const line = rows[row('keep age.key')];
    const steps = [
      'add its recipient to .sops.yaml beside the old one',
      '`sops updatekeys` each file, synthesize, commit and push',
      'add the new key to Secret sops-age beside the old one',
      'once Flux has reconciled, drop the old recipient from .sops.yaml',
      '`sops updatekeys` each file again, synthesize, commit and push',
      'keep only the new key',
    ];
    const at = steps.map((step) => line.indexOf(step));
    expect(at.every((position) => position >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Both keys in the Secret at once, each under a name Flux reads as an age key (it ends in .agekey).
    expect(line).toContain('`kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=./age.key --from-file=new.agekey=./age.new.key --dry-run=client -o yaml \\| kubectl apply -f -`');
    expect(find('Kustomization', 'elitedesk-main-config', 'flux-system')!.spec.decryption.secretRef.name).toBe('sops-age');
  });

  test('Git ignores age.new.key, the next private key while rotating', () => {
    expect(spawnSync('git', ['check-ignore', '--quiet', '--no-index', 'age.new.key'], { cwd: REPO_ROOT }).status).toBe(0);
  });
});

describe('elitedesk: the encrypt step says what each file the owner writes afresh must hold', () => {
  const step = () => rows[row('encrypt your own values')];

  test("the Cloudflare token file holds the Secret and key the issuers read, and says the token's permission", () => {
    const secret = find('Secret', 'cloudflare-api-token', 'cert-manager')!;
    expect(Object.keys(secret.stringData)).toEqual(['api-token']);
    for (const name of ['letsencrypt-staging', 'letsencrypt-production']) {
      const issuer = manifestsOf(result, 'elitedesk/main').find((m) => m.kind === 'ClusterIssuer' && m.metadata.name === name)!;
      expect(issuer.spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef).toEqual({ name: 'cloudflare-api-token', key: 'api-token' });
    }
    expect(step()).toContain('letsencrypt-wildcard-cert/cloudflare-api-token-service.env holds Secret cert-manager/cloudflare-api-token '
      + '(key api-token: a Cloudflare API token with Zone:DNS:Edit and Zone:Zone:Read on homelab.example.com, which cert-manager writes its challenges in)');
  });

  test("the newt file holds the Secret and every key newt's environment reads", () => {
    const newt = find('Deployment', 'newt', 'newt')!;
    const read = newt.spec.template.spec.containers[0].env
      .filter((e: any) => e.valueFrom?.secretKeyRef?.name === 'newt-credentials').map((e: any) => e.valueFrom.secretKeyRef.key).sort();
    expect(read).toEqual(Object.keys(find('Secret', 'newt-credentials', 'newt')!.stringData).sort());
    expect(step()).toContain(`newt/newt-secret.env holds Secret newt/newt-credentials (keys ${read.join(', ')}: from the Pangolin site newt connects to)`);
  });
});

describe("elitedesk: Jellyfin's tree and the DNS record come before the steps that use them", () => {
  test("Jellyfin's shared tree, where the first sync provisions its claim and starts it, is made before that sync", () => {
    const tree = row("make Jellyfin's shared tree 10.0.0.20:/srv/nfs/kubernetes/media/jellyfin-data on the NFS server");
    expect(rows[tree]).toContain('the media library goes into its media/ folder, and a /config you bring into its config/ folder');
    expect(tree).toBeGreaterThan(row('export 10.0.0.20:/srv/nfs/kubernetes with no_root_squash'));
    expect(tree).toBeLessThan(row('flux bootstrap github'));
    // The tree is the claim's folder on the export, and the sub-paths are its folders.
    const claim = find('PersistentVolumeClaim', 'jellyfin-data', 'media')!;
    expect(claim.spec.storageClassName).toBe('nfs-csi');
    const mounts = find('Deployment', 'jellyfin', 'media')!.spec.template.spec.containers[0].volumeMounts;
    expect(mounts).toContainEqual({ mountPath: '/media', name: 'data', subPath: 'media' });
    expect(mounts).toContainEqual({ mountPath: '/config', name: 'data', subPath: 'config' });
    expect(rows[row('back up the config/ folder of Jellyfin\'s shared tree')]).toContain('10.0.0.20:/srv/nfs/kubernetes/media/jellyfin-data');
  });

  test('the record *.<domain> → the ingress address comes before the checks that open podinfo at its name', () => {
    const record = row('point *.homelab.example.com at 10.0.0.200');
    expect(record).toBeLessThan(row('validate ingress, certificates and storage'));
    const nginx = find('HelmRelease', 'ingress-nginx', 'ingress-nginx')!;
    expect(nginx.spec.values.controller.service.annotations['metallb.io/loadBalancerIPs']).toBe('10.0.0.200');
  });
});

describe("elitedesk: the design's cheat sheet, by the names here", () => {
  const sheet = () => rows[row('day to day')];
  const kustomizations = manifestsOf(result, 'elitedesk/main')
    .filter((m) => m.kind === 'Kustomization' && m.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/') && m.spec.sourceRef.name === 'elitedesk-main');

  test('a forced sync fetches the layers\' source and waits for each layer in the order they depend on each other (the Flux CLI has no --all)', () => {
    // The layers from the one that waits for none to the last.
    const chain: string[] = [];
    let next = kustomizations.find((k) => !k.spec.dependsOn);
    while (next) {
      chain.push(next.metadata.name);
      next = kustomizations.find((k) => k.spec.dependsOn?.some((d: any) => d.name === chain[chain.length - 1]));
    }
    expect(chain).toEqual(['elitedesk-main-platform', 'elitedesk-main-config', 'elitedesk-main-apps']);
    expect(find('GitRepository', 'elitedesk-main', 'flux-system')).toBeDefined();
    const line = sheet();
    const command = line.slice(line.indexOf('`flux reconcile source git flux-system && flux reconcile source git elitedesk-main'));
    const at = chain.map((name) => command.indexOf(`flux reconcile kustomization ${name} `));
    expect(at.every((position) => position > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(line).not.toContain('--all');
  });

  test('the Helm releases, helm-controller\'s logs and the wildcard certificate, where they are', () => {
    const certificate = manifestsOf(result, 'elitedesk/main').find((m) => m.kind === 'Certificate')!;
    const line = sheet();
    expect(line).toContain('flux get helmreleases -A');
    expect(line).toContain('kubectl -n flux-system logs deploy/helm-controller -f');
    expect(line).toContain(`kubectl -n ${certificate.metadata.namespace} describe certificate ${certificate.metadata.name}`);
  });
});

describe('elitedesk: a rebuild ends by validating ingress, certificates and storage', () => {
  const validate = 'validate ingress, certificates and storage';
  const certificate = find('Certificate', 'wildcard-homelab-example-com-tls', 'cert-manager')!;
  const jellyfin = find('Deployment', 'jellyfin', 'media')!;
  const podinfo = find('Ingress', 'podinfo', 'podinfo')!;

  test('the check names the objects synth renders: the wildcard Certificate, podinfo at its host, Deployment jellyfin with /media', () => {
    const line = rows[row(validate)];
    expect(certificate.spec.dnsNames).toContain('*.homelab.example.com');
    expect(line).toContain('kubectl -n cert-manager wait --for=condition=Ready certificate/wildcard-homelab-example-com-tls');
    expect(podinfo.spec.rules[0].host).toBe('podinfo.homelab.example.com');
    expect(line).toContain('curl -fsS https://podinfo.homelab.example.com/healthz');
    expect(jellyfin.spec.template.spec.containers[0].volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/media' }));
    expect(line).toContain('kubectl -n ingress-nginx get pods');
    expect(line).toContain('kubectl -n media exec deploy/jellyfin -- df -h /media');
    // Once the running cluster has its certificate: among the steps after Flux's bootstrap.
    expect(row(validate)).toBeGreaterThan(row('flux bootstrap github'));
  });

  test("the rebuild repeats the bootstrap steps and finds the claims' folders on the NFS server again", () => {
    const line = rows[row('rebuild from scratch')];
    expect(line).toContain('repeat the bootstrap steps above from Terraform on (the machines, talosctl bootstrap, Cilium, Secret sops-age, flux bootstrap)');
    expect(line).toContain('the claims of StorageClass nfs-csi find their folders on the NFS server again');
    expect(line).toContain('validate ingress, certificates and storage as above');
    expect(row('rebuild from scratch')).toBeGreaterThan(row(validate));
    // The folder is named by namespace and claim, so the new claim of the same name lands in it.
    const storageClass = manifestsOf(result, 'elitedesk/main').find((m) => m.kind === 'StorageClass' && m.metadata.name === 'nfs-csi')!;
    expect(storageClass.parameters.subDir).toBe('${pvc.metadata.namespace}/${pvc.metadata.name}');
  });
});

describe('elitedesk: no drift, as the design wants, in the add-ons as in the layers', () => {
  const releases = manifestsOf(result, 'elitedesk/main').filter((m) => m.kind === 'HelmRelease');

  test('every add-on release puts its objects back when they are changed in the cluster', () => {
    expect(releases.map((r) => r.metadata.name).sort())
      .toEqual(['cert-manager', 'cilium', 'csi-driver-nfs', 'ingress-nginx', 'metallb', 'secret-replicator']);
    for (const release of releases) {
      expect(release.spec.driftDetection?.mode).toBe('enabled');
    }
  });

  test("MetalLB's controller keeps the CA bundle it writes into its CRDs' conversion webhook", () => {
    const metallb = releases.find((r) => r.metadata.name === 'metallb')!;
    expect(metallb.spec.driftDetection.ignore).toContainEqual({
      paths: ['/spec/conversion/webhook/clientConfig/caBundle'],
      target: { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
    });
  });
});

describe('elitedesk: podinfo, the check target, answers and calls nothing', () => {
  test('its pods take connections from ingress-nginx on 9898 and reach DNS and nothing else', () => {
    const policy = find('NetworkPolicy', 'podinfo', 'podinfo')!;
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([expect.objectContaining({ ports: [{ port: 9898, protocol: 'TCP' }] })]);
    // The one egress rule is the cluster's DNS: no rule without a peer, which would open every address.
    expect(policy.spec.egress).toHaveLength(1);
    expect(policy.spec.egress[0].to).toEqual([expect.objectContaining({ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } })]);
    expect(policy.spec.egress[0].ports.map((p: any) => p.port)).toEqual([53, 53]);
  });
});

describe('elitedesk: the README says where the cluster departs from its design, and why', () => {
  const manifests = manifestsOf(result, 'elitedesk/main');
  const section = readme.slice(readme.indexOf('## Choices against the design'), readme.indexOf('## Platform components'));
  /** The bullet of the section whose bold title is `title`; fails the test when there is none. */
  const choice = (title: string) => {
    const line = section.split('\n').find((l) => l.startsWith(`- **${title}**`));
    expect(line).toBeDefined();
    return line!;
  };

  test('the section comes before the components, one bullet a choice, and the layout is a choice rather than a step by hand', () => {
    expect(readme.indexOf('## Choices against the design')).toBeGreaterThan(0);
    expect(section.split('\n').filter((l) => l.startsWith('- **')).map((l) => /^- \*\*(.+?)\*\*/.exec(l)![1])).toEqual([
      'Repository layout.', 'SOPS files as dotenv.', 'Cilium from a values file.', 'Network policies from the start.', 'A forced sync names each layer.',
      'The wildcard certificate.', 'DNS-01 checked at Cloudflare.', 'Jellyfin without root.', 'newt, undescribed.', 'Planned, not built.',
    ]);
    // Nothing to do there: no row of the owner's table.
    expect(rows.some((line) => line.includes('where the design\'s folders went'))).toBe(false);
  });

  test("the layout bullet names the layers' Kustomizations as Flux has them, and the SOPS files as they are", () => {
    const line = choice('Repository layout.');
    const layers = manifests.filter((m) => m.kind === 'Kustomization' && m.spec?.path?.startsWith('./dist/elitedesk/main/') && m.metadata.name.startsWith('elitedesk-main-')).map((m) => m.metadata.name);
    expect(layers.sort()).toEqual(['elitedesk-main-apps', 'elitedesk-main-config', 'elitedesk-main-platform']);
    expect(line).toContain('Kustomizations `elitedesk-main-platform`, `elitedesk-main-config` and `elitedesk-main-apps`, each waiting for the one before');
    for (const secret of ['cloudflare-api-token', 'newt-credentials']) {
      expect(manifests.find((m) => m.kind === 'Secret' && m.metadata.name === secret)?.sops).toBeDefined();
    }
  });

  test('the dotenv bullet says why the SOPS files are dotenv files rather than Secret manifests', () => {
    const line = choice('SOPS files as dotenv.');
    expect(line).toContain('every object of `dist/` is one an API server accepts as written');
    expect(line).toContain('Flux decrypts the file before kustomize generates the Secret from it');
    expect(line).toContain('the same keys, the same Secret names and namespaces');
  });

  test("Cilium's values file is the one synth writes, and HelmRelease cilium keeps the same values", () => {
    const line = choice('Cilium from a values file.');
    expect(line).toContain('`bootstrap/cilium.values.yml`');
    const values = load(result.files.get('elitedesk/main/bootstrap/cilium.values.yml')!);
    expect(find('HelmRelease', 'cilium', 'kube-system')!.spec.values).toEqual(values);
    expect(rows[row('install Cilium')]).toContain('helm install cilium cilium --repo https://helm.cilium.io --version 1.17.5 -n kube-system -f dist/elitedesk/main/bootstrap/cilium.values.yml');
  });

  test("the network policies are as the bullet says: ingress-nginx only on the apps' ports, podinfo to DNS only, newt and Jellyfin beyond", () => {
    const line = choice('Network policies from the start.');
    const policy = (namespace: string, name: string) => find('NetworkPolicy', name, namespace)!.spec;
    const fromNginx = (spec: any) => spec.ingress.map((rule: any) => [rule.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], rule.ports.map((p: any) => p.port)]);
    expect(fromNginx(policy('media', 'jellyfin'))).toEqual([['ingress-nginx', [8096]]]);
    expect(fromNginx(policy('podinfo', 'podinfo'))).toEqual([['ingress-nginx', [9898]]]);
    expect(line).toContain('on their ports (8096 and 9898), newt admits nothing');
    expect(policy('newt', 'newt').ingress).toEqual([]);
    const reachesAnywhere = (spec: any) => spec.egress.some((rule: any) => !rule.to && !rule.ports);
    expect(reachesAnywhere(policy('podinfo', 'podinfo'))).toBe(false);
    expect(reachesAnywhere(policy('media', 'jellyfin'))).toBe(true);
    expect(reachesAnywhere(policy('newt', 'newt'))).toBe(true);
  });

  test("the forced sync bullet matches the day-to-day step, which reconciles each layer by name", () => {
    expect(choice('A forced sync names each layer.')).toContain('`flux reconcile kustomization --all`, which the Flux CLI does not have');
    expect(rows[row('day to day')]).toContain('flux reconcile kustomization elitedesk-main-platform && flux reconcile kustomization elitedesk-main-config');
  });

  test("the wildcard certificate's Secret is copied into exactly the namespaces of the routes", () => {
    expect(choice('The wildcard certificate.')).toContain('secret-replicator copies the certificate\'s Secret into the namespaces of the routes');
    const certificate = find('Certificate', 'wildcard-homelab-example-com-tls', 'cert-manager')!;
    expect(certificate.spec.dnsNames).toEqual(['*.homelab.example.com', 'homelab.example.com']);
    const routed = [...new Set(manifests.filter((m) => m.kind === 'Ingress').map((m) => m.metadata.namespace))].sort();
    expect(routed).toEqual(['media', 'podinfo']);
    expect(certificate.spec.secretTemplate.annotations['replicator.v1.mittwald.de/replicate-to'].split(',').sort()).toEqual(routed);
  });

  test('Jellyfin runs as the user and group the bullet names, with that fsGroup on the claim changed when its root differs', () => {
    expect(choice('Jellyfin without root.')).toContain('Jellyfin runs as user and group 1000, the pod\'s fsGroup');
    const pod = find('Deployment', 'jellyfin', 'media')!.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch' });
    expect(pod.containers[0].volumeMounts.filter((m: any) => m.name === 'data').map((m: any) => m.mountPath)).toEqual(['/config', '/cache', '/media']);
    expect(rows[row('export 10.0.0.20:/srv/nfs/kubernetes')]).toContain('no_root_squash');
  });

  test('newt serves no port: no Service, no route, no readiness probe, and the exemption says why', () => {
    expect(choice('newt, undescribed.')).toContain('dials out and serves no port, so it has no Service, no route and no readiness probe');
    expect(manifests.filter((m) => m.metadata?.namespace === 'newt' && ['Service', 'Ingress'].includes(m.kind))).toEqual([]);
    const newt = find('Deployment', 'newt', 'newt')!;
    expect(newt.spec.template.spec.containers[0].readinessProbe).toBeUndefined();
    expect(newt.spec.template.spec.containers[0].ports).toBeUndefined();
    expect(newt.metadata.annotations['security.homelab.dev/missing-probes']).toContain('serves no port');
  });

  test('what the design plans is not built, and what stands in for it is', () => {
    const line = choice('Planned, not built.');
    expect(line).toContain("a metrics stack (the design's Prometheus and Grafana: none runs, and ingress-nginx's metrics are off)");
    expect(find('HelmRelease', 'ingress-nginx', 'ingress-nginx')!.spec.values.controller.metrics.enabled).toBe(false);
    expect(manifests.filter((m) => ['HTTPRoute', 'Gateway', 'CiliumLoadBalancerIPPool', 'ServiceMonitor'].includes(m.kind))).toEqual([]);
    expect(find('IPAddressPool', 'lb', 'metallb-system')).toBeDefined();
    expect(rows[row('the Eaton 5E UPS powers the nodes')]).toContain('nothing watches it yet');
    expect(rows[row("back up the config/ folder of Jellyfin's shared tree")]).toBeDefined();
  });
});

describe("elitedesk: the NFS export holds what the design's NFS server has, and Jellyfin's claim fits in it", () => {
  const cluster = result.clusters.find((c) => c.folder === 'elitedesk/main')!;

  test("the export's capacity is the design's 1 TB SSD, a fact rather than a placeholder", () => {
    expect(elitedesk.nfs.media.capacity).toBe('1T');
    expect(elitedesk.nfs.media.capacityIsPlaceholder).toBe(false);
    expect(nfsServer.hardware?.disks).toEqual([{ media: 'ssd', sizeGigabytes: 1000 }]);
  });

  test("the 600Gi claim jellyfin-data is counted against it, and fits", () => {
    expect(nfsExportClaims(cluster.objects, elitedesk.nfs.media, chartClaims(cluster)).map((c) => `${c.description} ${c.size}`)).toEqual(['claim media/jellyfin-data 600Gi']);
    expect(checkNfsExportCapacity(cluster)).toEqual([]);
  });
});

describe('elitedesk: newt lives past its first liveness checks', () => {
  // newt writes HEALTH_FILE once a ping through its tunnel succeeds, and removes it after failed ones. The
  // variable came in after 1.2.1, whose newt ignores it: a probe reading the file would restart it forever.
  const RELEASE_WRITING_HEALTH_FILE = [1, 4, 1];

  test('the liveness probe reads the file HEALTH_FILE names, and the pinned release writes it', () => {
    const container = find('Deployment', 'newt', 'newt')!.spec.template.spec.containers[0];
    const healthFile = container.env.find((e: any) => e.name === 'HEALTH_FILE')?.value;
    expect(container.livenessProbe.exec.command).toEqual(['cat', healthFile]);
    const [, tag] = /^fosrl\/newt:(\d+\.\d+\.\d+)$/.exec(container.image) ?? [];
    expect(tag).toBeDefined();
    const release = tag.split('.').map(Number);
    const order = release.map((part, index) => part - RELEASE_WRITING_HEALTH_FILE[index]).find((difference) => difference !== 0) ?? 0;
    expect(order).toBeGreaterThanOrEqual(0);
  });
});

describe("elitedesk: Jellyfin's administrator is the owner's, made first", () => {
  // Until its startup wizard is finished, Jellyfin lets its first visitor make the administrator and serves no
  // library: the owner finishes it as soon as the first sync starts the pod, before the route is even reachable.
  const wizard = () => row("finish its startup wizard");

  test('the step comes right after the bootstrap that starts the first sync, before the DNS record opens the route', () => {
    expect(wizard()).toBe(row('flux bootstrap github') + 1);
    expect(wizard()).toBeLessThan(row('point *.homelab.example.com at 10.0.0.200'));
    expect(rows[wizard()]).toContain('before anyone else reaches its route (jellyfin.homelab.example.com): its first visitor makes the administrator');
  });

  test("its port forward reaches the Deployment, namespace and port rendered, and the libraries are under the media mount", () => {
    const container = find('Deployment', 'jellyfin', 'media')!.spec.template.spec.containers[0];
    const port = container.ports.find((p: any) => p.name === 'http').containerPort;
    expect(rows[wizard()]).toContain(`\`kubectl -n media port-forward deployment/jellyfin ${port}:${port}\``);
    expect(rows[wizard()]).toContain(`http://localhost:${port}`);
    expect(container.volumeMounts).toContainEqual({ mountPath: '/media', name: 'data', subPath: 'media' });
    expect(rows[wizard()]).toContain('add the libraries from folders under /media, where the media/ folder of its shared volume is mounted');
    // The Jellyfin construct leaves it, once: the chart keeps no copy of its own.
    expect(rows[wizard()]).toMatch(/\| elitedesk\/main\/jellyfin \|$/);
    expect(rows.filter((r) => r.includes('startup wizard'))).toHaveLength(1);
  });
});

describe("elitedesk: the placeholders' hints name what the site has", () => {
  const placeholder = (fact: string) => rows[row(`| placeholder | ${fact}:`)];

  test("newt's image hint names its settings file as the chart reads it, a dotenv file under secrets/", () => {
    const hint = placeholder('image of the internal newt app');
    const [, file] = /with its settings in (secrets\/\S+?)( |\))/.exec(hint) ?? [];
    expect(file).toBe('secrets/newt/newt-secret.env');
    expect(fs.existsSync(path.join(REPO_ROOT, 'charts', 'elitedesk', file))).toBe(true);
    expect(result.files.get('elitedesk/main/apps/newt.newt-credentials.sops.env')).toBe(fs.readFileSync(path.join(REPO_ROOT, 'charts', 'elitedesk', file), 'utf8'));
    expect(readme).not.toContain('newt-secret.yaml');
  });

  test("the ACME contact is the account's, as Let's Encrypt mails no expiry notices; the certificate's renewal is read from the certificate", () => {
    const hint = placeholder('ACME contact e-mail');
    expect(hint).not.toContain('sends expiry notices');
    expect(hint).toContain('which mails no expiry notices');
    expect(hint).toContain('describe the wildcard certificate, as the day-to-day step does, to see its renewal');
    expect(rows[row('day to day')]).toContain('kubectl -n cert-manager describe certificate wildcard-homelab-example-com-tls');
  });
});

describe("elitedesk: the design's other next steps are named as not built, and none is", () => {
  const manifests = manifestsOf(result, 'elitedesk/main');
  const planned = () => readme.split('\n').find((line) => line.startsWith('- **Planned, not built.**'))!;

  test('renewal monitoring, kube-proxy replacement monitoring, image scanning, NFS snapshots and smaller Jellyfin claims', () => {
    const line = planned();
    expect(line).toContain('monitoring of certificate renewals (cert-manager renews on its own and nothing alerts when it fails, as Let\'s Encrypt mails no expiry notices');
    expect(line).toContain("monitoring of the kube-proxy replacement's corner cases (none beyond Cilium's connectivity test of the platform check)");
    expect(line).toContain('image scanning (none)');
    expect(line).toContain('backups and zfs/btrfs snapshots of the NFS server');
    expect(line).toContain("smaller claims of their own for Jellyfin's config and cache (they stay sub-paths of the 600Gi claim");
    expect(line).toContain('Cilium Ingress, the other one it weighs, stays off');
    // What the bullet says stays out is out: one claim for Jellyfin, no alerting rules, no Cilium Ingress.
    expect(manifests.filter((m) => m.kind === 'PersistentVolumeClaim').map((m) => `${m.metadata.namespace}/${m.metadata.name} ${m.spec.resources.requests.storage}`))
      .toEqual(['media/jellyfin-data 600Gi']);
    expect(manifests.filter((m) => ['PrometheusRule', 'ServiceMonitor', 'PodMonitor'].includes(m.kind))).toEqual([]);
    expect(find('HelmRelease', 'cilium', 'kube-system')!.spec.values.ingressController?.enabled).not.toBe(true);
    expect(rows[row('check the platform after the first sync')]).toContain('cilium connectivity test');
  });
});

describe("elitedesk: the wildcard certificate's DNS-01 check passes whatever the LAN's resolver answers for the domain", () => {
  // The DNS record step lets the owner answer *.<domain> in a LAN resolver, which the cluster's resolvers
  // forward to: such an override hides the zone's SOA and the challenge records from cert-manager's check.
  const controllerArgs = () => find('HelmRelease', 'cert-manager', 'cert-manager')!.spec.values.extraArgs as string[];

  test("cert-manager asks Cloudflare's public resolver over HTTPS, and only it, whether a challenge record has propagated", () => {
    expect(controllerArgs()).toEqual([
      '--dns01-recursive-nameservers=https://1.1.1.1/dns-query,https://1.0.0.1/dns-query',
      '--dns01-recursive-nameservers-only',
    ]);
    // The issuers solve DNS-01 in the Cloudflare zone those resolvers serve.
    for (const name of ['letsencrypt-staging', 'letsencrypt-production']) {
      const issuer = manifestsOf(result, 'elitedesk/main').find((m) => m.kind === 'ClusterIssuer' && m.metadata.name === name)!;
      expect(issuer.spec.acme.solvers).toEqual([expect.objectContaining({ dns01: expect.objectContaining({ cloudflare: expect.anything() }) })]);
    }
  });

  test('the step that publishes *.<domain> still allows a LAN resolver, and the README says why the check does not use it', () => {
    expect(rows[row('point *.homelab.example.com at 10.0.0.200')]).toContain('in the DNS your clients ask');
    const choice = readme.split('\n').find((line) => line.startsWith('- **DNS-01 checked at Cloudflare.**'))!;
    expect(choice).toContain('hides the zone\'s SOA and the challenge records, and the check never passes');
    expect(choice).toContain('(`https://1.1.1.1/dns-query`, `https://1.0.0.1/dns-query`)');
  });

  test("cert-manager's namespace leaves its egress open, so the controller reaches the resolvers on port 443", () => {
    const policies = manifestsOf(result, 'elitedesk/main').filter((m) => m.kind === 'NetworkPolicy' && m.metadata.namespace === 'cert-manager');
    expect(policies.every((p) => !(p.spec.policyTypes ?? []).includes('Egress'))).toBe(true);
  });
});

describe('elitedesk: the README lists what the cluster gets from outside the repository', () => {
  const section = readme.slice(readme.indexOf('## What the cluster gets from outside')).split('\n## ')[0];
  const from = (source: string) => section.split('\n').find((line) => line.startsWith(`| ${source} | `)) ?? '';

  test("Talos' CoreDNS, which the apps' policies let them ask, and KubePrism at the port Cilium's values name", () => {
    const cilium = find('HelmRelease', 'cilium', 'kube-system').spec.values;
    expect(from('Talos Linux')).toContain("CoreDNS, the cluster's DNS (Service kube-dns in kube-system)");
    expect(from('Talos Linux')).toContain(`KubePrism, a load balancer of the API server on every node at ${cilium.k8sServiceHost}:${cilium.k8sServicePort}`);
  });

  test('Cilium, installed by hand at the release Flux then adopts', () => {
    expect(from('CNI bootstrap')).toContain(`Cilium ${find('HelmRelease', 'cilium', 'kube-system').spec.chart.spec.version}, the pod network, installed by hand`);
  });

  test("flux bootstrap's controllers, the deploy key the GitRepository reads and the age key every layer decrypts with", () => {
    const manifests = manifestsOf(result, 'elitedesk/main');
    const git = manifests.find((m) => m.kind === 'GitRepository' && m.metadata.name === 'elitedesk-main')!;
    const decryption = new Set(manifests.filter((m) => m.kind === 'Kustomization' && m.spec.decryption).map((m) => m.spec.decryption.secretRef.name));
    expect([...decryption]).toEqual(['sops-age']);
    expect(from('flux bootstrap')).toContain("controllers and CRDs in namespace flux-system");
    expect(from('flux bootstrap')).toContain(`Secret flux-system/${git.spec.secretRef.name}, the deploy key Flux fetches the repository with`);
    expect(from('flux bootstrap')).toContain('Secret flux-system/sops-age with key age.agekey, the age private key Flux decrypts the SOPS files with, made by hand and never committed');
  });
});

describe("elitedesk: the README's nodes say which of their facts are stand-ins", () => {
  const box = (name: string) => readme.split('\n').find((line) => line.includes(`host_${name.replace(/-/g, '_')}["`))!;

  test("the first node's 10.0.0.11 is the design's; its node name, and the second node's name and address, are placeholders", () => {
    expect(box('elitedesk-1')).toContain('["elitedesk-1 (node elitedesk-1, placeholder)<br/>amd64 · control-plane, worker<br/>10.0.0.11<br/>');
    expect(box('elitedesk-2')).toContain('["elitedesk-2 (node elitedesk-2, placeholder)<br/>amd64 · worker<br/>10.0.0.12 (placeholder)<br/>');
    expect(rows.some((line) => line.includes('| host elitedesk-2 address |'))).toBe(true);
  });
});

describe("elitedesk: the README's header says which of its values are stand-ins", () => {
  test('the domain and the ingress address, both placeholders the design leaves out, say so', () => {
    expect(readme).toContain("Site `elitedesk`, domain `homelab.example.com` (placeholder), ");
    expect(readme).toContain('Its ingress (ingress-nginx) is reached at 10.0.0.200 (placeholder), its load-balancer address.');
    expect(rows.some((line) => line.includes('| site elitedesk domain |'))).toBe(true);
    expect(rows.some((line) => line.includes('| pool lb first |'))).toBe(true);
  });
});

describe("elitedesk: the Git host and account the design does not name are stand-ins, with the bootstrap flags they pick", () => {
  test("the Git repository's row says the stand-in's github.com makes it a user's private repository, and how an organization's is set", () => {
    const placeholderRow = rows[row('| placeholder | Git repository: ')];
    expect(placeholderRow).toContain('which the design does not name');
    expect(placeholderRow).toContain("a private repository of a user's account (--personal --private=true)");
    expect(placeholderRow).toContain('`github: { personal: false }` in the flux() of charts/elitedesk/main.ts');
    // The setting the row names is flux()'s own.
    const organization: NonNullable<FluxProps['github']> = { personal: false };
    expect(organization.personal).toBe(false);
    const bootstrap = rows[row('flux bootstrap github --owner=elitedesk-lab --repository=home-server')];
    expect(bootstrap).toContain(' --personal --private=true ');
  });
});
