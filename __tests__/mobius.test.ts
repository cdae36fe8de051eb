import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareVersions, imageVersion, promotionViolations } from '../constructs';
import { releases } from '../charts/mobius/releases';
import { SEALED } from '../charts/mobius/sealed-values';
import { manifestsOf, sitesInMemory } from './support/synth';
import { kustomizeBuild } from './support/kustomize';

const result = sitesInMemory();
const clusters = ['homelab', 'cloud', 'sandbox'] as const;
const manifests = Object.fromEntries(clusters.map((c) => [c, manifestsOf(result, `mobius/${c}`)])) as Record<typeof clusters[number], any[]>;
const find = (cluster: typeof clusters[number], kind: string, name: string) => manifests[cluster].find((m) => m.kind === kind && m.metadata.name === name);
const componentsOf = (cluster: string) => result.clusters.find((c) => c.folder === `mobius/${cluster}`)!.chart.platform.components;

describe('mobius (seed 004)', () => {
  test("flux-system is Flux's own namespace: the platform layer does not declare it a second time", () => {
    expect(find('homelab', 'Namespace', 'flux-system')).toBeUndefined();
    expect(manifests.homelab.some((m) => m.metadata.namespace === 'flux-system' && m.kind === 'HelmRelease')).toBe(true);
  });

  test('the layers do not wait for what runs only on the M1, whose failure the design calls non-critical', () => {
    for (const name of ['kube-prometheus-stack', 'loki', 'arc-controller', 'm1-runners', 'renovate', 'trivy-operator']) {
      const spec = find('homelab', 'HelmRelease', name).spec;
      expect({ name, install: spec.install.disableWait, upgrade: spec.upgrade.disableWait }).toEqual({ name, install: true, upgrade: true });
    }
    // Helm waits for hooks in any case: the operator's certificate jobs are not pinned to the M1.
    expect(find('homelab', 'HelmRelease', 'kube-prometheus-stack').spec.values.prometheusOperator.admissionWebhooks).toEqual({ patch: { resources: expect.any(Object) } });
    expect(find('homelab', 'HelmRelease', 'sealed-secrets').spec.install.disableWait).toBeUndefined();
  });

  test("Flux never prunes Home Assistant's imported ZFSVolume, whose deletion would destroy the zvol", () => {
    expect(find('homelab', 'ZFSVolume', 'homeassistant').metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });

  test("each SealedSecret's stand-in ciphertext is an owner step in its cluster's README, with the kubeseal commands", () => {
    const readme = result.files.get('mobius/homelab/README.md')!;
    expect(readme).toContain('| placeholder | ciphertext of SealedSecret traefik/cloudflare-api-token (key(s) api-token): seal each value');
    expect(readme).toContain('kubeseal --raw --cert homelab.pem --namespace traefik --name cloudflare-api-token');
    expect(result.files.get('mobius/cloud/README.md')).toContain('ciphertext of SealedSecret external-dns/cloudflare-api-token');
  });

  test("the charts' pods meet the restricted level of their namespaces, listener and scan jobs included", () => {
    const values = (cluster: typeof clusters[number], name: string) => find(cluster, 'HelmRelease', name).spec.values;
    const restrictedPod = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    const restrictedContainer = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    expect(values('homelab', 'arc-controller')).toMatchObject({ podSecurityContext: restrictedPod, securityContext: restrictedContainer });
    expect(values('homelab', 'm1-runners').listenerTemplate.spec).toMatchObject({
      securityContext: restrictedPod, containers: [{ name: 'listener', securityContext: restrictedContainer }],
    });
    expect(values('homelab', 'trivy-operator')).toMatchObject({
      podSecurityContext: restrictedPod, operator: { infraAssessmentScannerEnabled: false },
      trivyOperator: { scanJobPodTemplatePodSecurityContext: { ...restrictedPod, runAsUser: 10000 } },
    });
    expect(values('homelab', 'renovate').renovate.securityContext).toEqual(restrictedContainer);
    expect(values('homelab', 'external-dns-adguard').provider.webhook.securityContext).toMatchObject({ ...restrictedContainer, ...restrictedPod });
    for (const cluster of clusters) {
      expect(values(cluster, 'sealed-secrets')).toMatchObject({
        podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containerSecurityContext: { allowPrivilegeEscalation: false },
      });
    }
  });

  test("Loki keeps its logs on a claim of the M1 worker's own disk (local-path): no ZFS pool reaches that node", () => {
    expect(find('homelab', 'HelmRelease', 'loki').spec.values.singleBinary.persistence).toEqual({ enabled: true, storageClass: 'local-path', size: '10Gi' });
  });

  test('on the lone VPS, Traefik serves 80 and 443 from the node, behind a ClusterIP Service', () => {
    const values = find('cloud', 'HelmRelease', 'traefik').spec.values;
    expect(values.service).toEqual({ type: 'ClusterIP' });
    expect(values.ports.web).toMatchObject({ hostPort: 80, port: 8000 });
    expect(values.ports.websecure).toMatchObject({ hostPort: 443, port: 8443 });
    expect(values.updateStrategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(find('cloud', 'Namespace', 'traefik').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('the ZFS driver registers under k0s\' kubelet folder and brings VolumeSnapshots; the owner grows the zvol to 256G', () => {
    // The sandbox's worker is a k0s container, where the driver cannot run (its volumes are local-path).
    for (const cluster of ['homelab'] as const) {
      const values = find(cluster, 'HelmRelease', 'openebs-zfs').spec.values;
      expect(values.zfsNode.kubeletDir).toBe('/var/lib/k0s/kubelet/');
      expect(values.crds.csi.volumeSnapshots.enabled).toBe(true);
    }
    const readme = result.files.get('mobius/homelab/README.md') ?? '';
    expect(readme).toContain('zfs set volsize=256G vms/HomeAssistant');
  });

  test('the clusters that run ZFS have a VolumeSnapshotClass of its driver in the config layer, deleting snapshots with their objects', () => {
    for (const cluster of ['homelab'] as const) {
      expect(find(cluster, 'VolumeSnapshotClass', 'zfs-snapshots')).toEqual({
        apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass',
        metadata: { name: 'zfs-snapshots', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } },
        driver: 'zfs.csi.openebs.io', deletionPolicy: 'Delete',
      });
      const synthesized = result.clusters.find((c) => c.folder === `mobius/${cluster}`)!;
      expect(synthesized.objects.find((o) => o.manifest.kind === 'VolumeSnapshotClass')?.layer).toBe('config');
    }
    for (const cluster of ['cloud', 'sandbox'] as const) {
      expect(find(cluster, 'VolumeSnapshotClass', 'zfs-snapshots')).toBeUndefined();
    }
  });

  test('platform releases that read a sealed Secret of the apps layer do not wait for their pods, so the layers cannot hold each other', () => {
    const waitsFor = (cluster: typeof clusters[number], name: string) => find(cluster, 'HelmRelease', name).spec.install.disableWait !== true;
    for (const name of ['traefik', 'external-dns-adguard', 'kube-prometheus-stack', 'renovate', 'm1-runners']) {
      expect([name, waitsFor('homelab', name)]).toEqual([name, false]);
    }
    expect(waitsFor('cloud', 'external-dns-cloudflare')).toBe(false);
    // A release that reads no Secret of a later layer still waits.
    expect(waitsFor('homelab', 'metallb')).toBe(true);
  });

  test('synthesizes without errors', () => {
    expect(result.findings.filter((f) => f.severity === 'error' && f.constructPath.startsWith('mobius/'))).toEqual([]);
  });

  test('Traefik per cluster: homelab at 192.168.8.50 with DNS-01, cloud with HTTP-01, sandbox its own without a resolver', () => {
    for (const cluster of clusters) {
      expect(find(cluster, 'HelmRelease', 'traefik')).toBeDefined();
    }
    const homelab = find('homelab', 'HelmRelease', 'traefik').spec.values;
    expect(JSON.stringify(homelab)).toContain('192.168.8.50');
    expect(JSON.stringify(homelab)).toContain('dnsChallenge');
    expect(JSON.stringify(find('cloud', 'HelmRelease', 'traefik').spec.values)).toContain('httpChallenge');
    expect(manifests.sandbox.filter((m) => m.kind === 'IngressRoute').every((r) => r.spec.tls?.certResolver === undefined)).toBe(true);
  });

  test("public DNS names the design's public hosts only (Home Assistant and the Pocket ID its logins go through): homelab's admin UIs (AdGuard Home, Weave GitOps) get no public record nor a certificate on the VPS", () => {
    const published = manifests.cloud.filter((m) => m.kind === 'DNSEndpoint').flatMap((m) => m.spec.endpoints.map((e: any) => `${e.dnsName} ${e.targets.join(',')}`));
    expect(published).toEqual(['home.jax-lab.dev 85.31.234.30', 'id.jax-lab.dev 85.31.234.30']);
    expect(find('cloud', 'IngressRoute', 'homelab-traefik').spec.tls.domains).toEqual([{ main: 'home.jax-lab.dev' }, { main: 'id.jax-lab.dev' }]);
    // Inside, AdGuard's rewrites still resolve them to homelab's Traefik.
    const homelabHosts = manifests.homelab.filter((m) => m.kind === 'IngressRoute').map((m) => m.spec.routes[0].match).join(' ');
    expect(homelabHosts).toContain('adguard.jax-lab.dev');
    expect(homelabHosts).toContain('gitops.jax-lab.dev');
  });

  test("cloud's catch-all IngressRoute sends *.jax-lab.dev to homelab's Traefik at 192.168.8.50", () => {
    const route = find('cloud', 'IngressRoute', 'homelab-traefik');
    // Every name under the domain but homelab's private ones, which it names (`!Host(...)`).
    expect(route.spec.routes[0].match.startsWith('HostRegexp(`^.+\\.jax-lab\\.dev$`) && !Host(`')).toBe(true);
    expect(route.spec.routes[0].priority).toBe(1);
    expect(route.spec.tls.certResolver).toBe('letsencrypt-http');
    expect(route.spec.tls.domains.map((d: any) => d.main)).toEqual(['home.jax-lab.dev', 'id.jax-lab.dev']);
    const slice = find('cloud', 'EndpointSlice', 'homelab-traefik-1');
    expect(slice.endpoints[0].addresses).toEqual(['192.168.8.50']);
    expect(find('cloud', 'Service', 'homelab-traefik').spec.selector).toBeUndefined();
    // external-dns-cloudflare publishes homelab's public names at the VPS.
    expect(find('cloud', 'DNSEndpoint', 'home-jax-lab-dev').spec.endpoints[0]).toMatchObject({ dnsName: 'home.jax-lab.dev', targets: ['85.31.234.30'] });
  });

  test('external-dns-cloudflare on cloud, external-dns-adguard with the webhook sidecar on homelab, a DNSEndpoint for the M4', () => {
    expect(componentsOf('cloud').map((c) => c.name)).toContain('external-dns-cloudflare');
    const adguard = find('homelab', 'HelmRelease', 'external-dns-adguard');
    expect(JSON.stringify(adguard.spec.values)).toContain('ghcr.io/muhlba91/external-dns-provider-adguard');
    expect(adguard.spec.values.sources).toContain('crd');
    const endpoint = find('homelab', 'DNSEndpoint', 'm4');
    expect(endpoint.spec.endpoints[0]).toMatchObject({ dnsName: 'm4.jax-lab.dev', targets: ['192.168.4.14'] });
  });

  test('Sealed Secrets: a controller on every cluster, every credential sealed, no plaintext Secret', () => {
    for (const cluster of clusters) {
      expect(componentsOf(cluster).map((c) => c.name)).toContain('sealed-secrets');
      expect(manifests[cluster].filter((m) => m.kind === 'Secret')).toEqual([]);
    }
    const sealed = (cluster: typeof clusters[number]) => manifests[cluster].filter((m) => m.kind === 'SealedSecret').map((m) => `${m.metadata.namespace}/${m.metadata.name}`).sort();
    expect(sealed('homelab')).toEqual(Object.keys(SEALED.homelab).sort());
    expect(sealed('cloud')).toEqual(Object.keys(SEALED.cloud).sort());
    for (const values of Object.values(SEALED.homelab)) {
      for (const value of Object.values(values)) {
        expect(value).toMatch(/^Ag[A-Za-z0-9+/]{600,}={0,2}$/);
      }
    }
  });

  test('Weave GitOps at gitops.jax-lab.dev on homelab, its admin from the sealed cluster-user-auth', () => {
    expect(find('homelab', 'HelmRelease', 'weave-gitops').spec.values.adminUser).toMatchObject({ create: true, createSecret: false });
    expect(find('homelab', 'IngressRoute', 'weave-gitops').spec.routes[0].match).toBe('Host(`gitops.jax-lab.dev`)');
    expect(find('homelab', 'SealedSecret', 'cluster-user-auth').metadata.namespace).toBe('flux-system');
    // The chart compares the login with a bcrypt hash, so the owner seals the hash.
    expect(result.files.get('mobius/homelab/README.md')).toContain('holds username admin and, as password, the bcrypt hash');
  });

  test("the M1 worker takes the non-critical workloads only: its taint keeps N5's services (ingress, DNS, secrets, dashboards) off it, and the M1's own tolerate it", () => {
    const taint = { key: 'dedicated', operator: 'Equal', value: 'monitoring-ci-cd', effect: 'NoSchedule' };
    const readme = result.files.get('mobius/homelab/README.md')!;
    expect(readme).toContain('`kubectl taint nodes m1-worker dedicated=monitoring-ci-cd:NoSchedule`');
    const values = (name: string) => find('homelab', 'HelmRelease', name).spec.values;
    expect(values('kube-prometheus-stack').grafana.tolerations).toEqual([taint]);
    expect(values('kube-prometheus-stack').prometheus.prometheusSpec.tolerations).toEqual([taint]);
    expect(values('kube-prometheus-stack').alertmanager.alertmanagerSpec.tolerations).toEqual([taint]);
    expect(values('renovate').tolerations).toEqual([taint]);
    expect(values('arc-controller').tolerations).toEqual([taint]);
    expect(result.files.get('mobius/homelab/bootstrap/flux-system.kustomization.yml')).toMatch(/name: notification-controller[\s\S]*tolerations:\n\s+- key: dedicated\n\s+operator: Equal\n\s+value: monitoring-ci-cd/);
    // What runs on N5 tolerates nothing of the M1's.
    for (const name of ['traefik', 'sealed-secrets', 'external-dns-adguard', 'weave-gitops', 'metallb']) {
      expect(JSON.stringify(find('homelab', 'HelmRelease', name).spec.values ?? {})).not.toContain('monitoring-ci-cd');
    }
    const adguard = find('homelab', 'Deployment', 'adguard-home').spec.template.spec;
    expect(adguard.tolerations ?? []).toEqual([]);
  });

  test('the M1 workloads are pinned by node role on arm64', () => {
    const names = componentsOf('homelab').map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['kube-prometheus-stack', 'loki', 'arc-controller', 'm1-runners', 'renovate', 'trivy-operator']));
    const monitoring = { 'role.homelab.dev/monitoring': 'true', 'kubernetes.io/arch': 'arm64' };
    const ciCd = { 'role.homelab.dev/ci-cd': 'true', 'kubernetes.io/arch': 'arm64' };
    const values = (name: string) => find('homelab', 'HelmRelease', name).spec.values;
    expect(values('kube-prometheus-stack').prometheus.prometheusSpec.nodeSelector).toEqual(monitoring);
    expect(values('kube-prometheus-stack').grafana.nodeSelector).toEqual(monitoring);
    expect(values('kube-prometheus-stack').alertmanager.alertmanagerSpec.nodeSelector).toEqual(monitoring);
    expect(values('loki').singleBinary.nodeSelector).toEqual(monitoring);
    expect(values('renovate').nodeSelector).toEqual(ciCd);
    expect(values('trivy-operator').nodeSelector).toEqual(ciCd);
    expect(values('m1-runners').template.spec.nodeSelector).toEqual(ciCd);
  });

  test('promotion sandbox → cloud → homelab by per-stage version pins', () => {
    expect(releases.stages).toEqual(['sandbox', 'cloud', 'homelab']);
    expect(releases.channel('cloud')).toMatchObject({ follows: 'sandbox', gitRef: { branch: 'main' } });
    expect(find('cloud', 'Deployment', 'uptime-kuma').spec.template.spec.containers[0].image)
      .toBe(`louislam/uptime-kuma:${releases.pin('uptime-kuma', 'cloud')}`);
    expect(compareVersions('v1.2.10', '1.2.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(imageVersion('ghcr.io/a/b:1.2.3@sha256:abc')).toBe('1.2.3');
    expect(promotionViolations(['a', 'b'], { a: { x: '1.0.0' }, b: { x: '1.1.0' } }))
      .toEqual([{ name: 'x', stage: 'b', version: '1.1.0', previousStage: 'a', previousVersion: '1.0.0' }]);
  });

  test("Flux syncs with the bootstrap deploy key; Flux's own components live outside dist/", () => {
    for (const cluster of clusters) {
      // The design's bootstrap, which registers the deploy key on GitHub itself.
      expect(result.files.get(`mobius/${cluster}/README.md`)).toContain(
        `flux bootstrap github --owner=jax-lab --repository=homelab-gitops --branch=main --path=flux-system/mobius/${cluster} --personal --private=true`);
      expect(find(cluster, 'GitRepository', `mobius-${cluster}`).spec.secretRef).toEqual({ name: 'flux-system' });
      expect(fs.existsSync(path.join(__dirname, '..', 'flux-system', 'mobius', cluster, 'dist.yaml'))).toBe(true);
    }
  });

  test("cloud: Flux labels the namespace local-path-provisioner's upstream files make with its Pod Security level", () => {
    expect(find('cloud', 'Namespace', 'local-path-storage')).toBeUndefined();
    const patches = find('cloud', 'Kustomization', 'local-path-provisioner').spec.patches;
    expect(patches).toEqual([
      { patch: expect.stringContaining('"path":"/spec/template/spec/containers/0/resources"'), target: { kind: 'Deployment', name: 'local-path-provisioner' } },
      { patch: expect.stringContaining('pod-security.kubernetes.io/enforce: privileged'), target: { kind: 'Namespace', name: 'local-path-storage' } },
    ]);
  });

  test('VMs and the ZFS node plugin run on N5 only; Multus, which also runs on the M1, holds no layer back', () => {
    expect(find('homelab', 'HelmRelease', 'kubevirt').spec.values.kubevirt.workloads).toEqual({ nodePlacement: { nodeSelector: { 'kubernetes.io/hostname': 'n5' } } });
    expect(find('homelab', 'HelmRelease', 'openebs-zfs').spec.values.zfsNode.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'n5' });
    expect(find('homelab', 'Kustomization', 'multus').spec.wait).toBe(false);
    expect(find('homelab', 'HelmRelease', 'cdi')).toBeDefined();
  });

  test("MetalLB announces the VLAN 8 VIPs only from N5, on its VLAN 8 interface, and the DNS pool from N5, the VLAN 4 node without the M1's taint", () => {
    for (const pool of ['ingress', 'services']) {
      expect(find('homelab', 'L2Advertisement', `layer2-${pool}`).spec).toEqual({
        ipAddressPools: [pool], interfaces: ['eno1.8'], nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'n5' } }],
      });
    }
    expect(find('homelab', 'L2Advertisement', 'layer2-dns').spec.nodeSelectors.map((s: any) => s.matchLabels['kubernetes.io/hostname']))
      .toEqual(['n5']);
    expect(result.files.get('mobius/homelab/README.md')).toContain("N5's interface on VLAN 8");
  });

  test("Flux's notification-controller prefers the M1 (CI/CD), through the overlay bootstrap builds Flux with", () => {
    const overlay = result.files.get('mobius/homelab/bootstrap/flux-system.kustomization.yml')!;
    const committed = fs.readFileSync(path.join(__dirname, '..', 'flux-system', 'mobius', 'homelab', 'flux-system', 'kustomization.yaml'), 'utf8');
    expect(committed).toBe(overlay);
    expect(overlay).toContain('name: notification-controller');
    expect(overlay).toMatch(/preferredDuringSchedulingIgnoredDuringExecution:[\s\S]*key: kubernetes.io\/arch[\s\S]*- arm64[\s\S]*key: role.homelab.dev\/ci-cd/);
    const readme = result.files.get('mobius/homelab/README.md')!;
    expect(readme).toContain('as flux-system/mobius/homelab/flux-system/kustomization.yaml');
    // The node's role labels, which the overlay's affinity names, are set by the cluster's own step before flux bootstrap.
    expect(readme).toContain('once m1-worker has joined, move notification-controller there: kubectl -n flux-system rollout restart deployment/notification-controller');
    expect(readme.indexOf('| label node m1-worker with its workload roles')).toBeLessThan(readme.indexOf('| bootstrap | flux bootstrap github'));
    // Core Flux keeps to N5, so GitOps goes on while the M1 is away.
    for (const controller of ['source-controller', 'kustomize-controller', 'helm-controller']) {
      expect(overlay).toContain(`name: ${controller}`);
    }
    expect(overlay).toContain('key: kubernetes.io/hostname');
    expect(result.files.has('mobius/cloud/bootstrap/flux-system.kustomization.yml')).toBe(false);
  });

  test('stages fetch new commits at their own pace, and every cluster is re-applied within 5 minutes', () => {
    const fetch = Object.fromEntries(clusters.map((c) => [c, find(c, 'GitRepository', `mobius-${c}`).spec.interval]));
    expect(fetch).toEqual({ homelab: '30m', cloud: '10m', sandbox: '1m' });
    const minutes = (duration: string) => Number(/^(\d+)m$/.exec(duration)![1]);
    for (const cluster of clusters) {
      const reapplied = manifestsOf(result, `mobius/${cluster}`)
        .filter((m) => m.kind === 'Kustomization' || m.kind === 'HelmRelease')
        .map((m) => minutes(m.spec.interval));
      expect(reapplied.length).toBeGreaterThan(3);
      expect(Math.max(...reapplied)).toBeLessThanOrEqual(5);
      const root = fs.readFileSync(path.join(__dirname, '..', 'flux-system', 'mobius', cluster, 'dist.yaml'), 'utf8');
      expect(minutes(/^  interval: (\S+)$/m.exec(root)![1])).toBeLessThanOrEqual(5);
    }
  });

  test('Home Assistant: VM homeassistant, claim homeassistant-disk, and the zvol rename for the owner', () => {
    expect(find('homelab', 'VirtualMachine', 'homeassistant')).toBeDefined();
    expect(find('homelab', 'PersistentVolumeClaim', 'homeassistant-disk')).toBeDefined();
    const readme = result.files.get('mobius/homelab/README.md') ?? '';
    expect(readme).toContain('zfs rename vms/HomeAssistant vms/homeassistant');
    // The design keeps the VM's libvirt networking: its MAC addresses are the owner's to copy.
    const interfaces = find('homelab', 'VirtualMachine', 'homeassistant').spec.template.spec.domain.devices.interfaces;
    expect(interfaces.map((i: any) => i.macAddress)).toEqual(['02:01:c0:a8:40:02', '02:00:c0:a8:40:02']);
    expect(readme).toContain("| placeholder | MAC address of the Home Assistant VM's IoT interface (bridge64): copy the MAC of the existing libvirt VM's interface on bridge64 (`virsh domiflist <vm>`)");
    expect(readme).toContain("| placeholder | MAC address of the Home Assistant VM's pod interface: copy the MAC of the existing libvirt VM's other interface");
  });

  test("Home Assistant's networks carry the design's names: default (masquerade, the guest's eth0) and iot-vlan (bridge64, eth1)", () => {
    const spec = find('homelab', 'VirtualMachine', 'homeassistant').spec.template.spec;
    expect(spec.networks).toEqual([{ name: 'default', pod: {} }, { name: 'iot-vlan', multus: { networkName: 'vms/iot-vlan-bridge' } }]);
    expect(spec.domain.devices.interfaces.map((i: any) => [i.name, Object.keys(i).find((k) => k === 'masquerade' || k === 'bridge')]))
      .toEqual([['default', 'masquerade'], ['iot-vlan', 'bridge']]);
    const networkData: string = spec.volumes.find((v: any) => v.cloudInitNoCloud).cloudInitNoCloud.networkData;
    expect(networkData).toMatch(/eth0:\n\s+match:\n\s+macaddress: 02:01:c0:a8:40:02\n\s+set-name: eth0\n\s+dhcp4: true/);
    expect(networkData).toMatch(/eth1:\n\s+match:\n\s+macaddress: 02:00:c0:a8:40:02\n\s+set-name: eth1\n\s+addresses:\n\s+- 192.168.64.2\/20/);
  });

  const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  (hasKubectl ? test.each(clusters) : test.skip.each(clusters))('kubectl kustomize builds every layer of %s', (cluster) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-'));
    try {
      for (const [file, content] of result.files) {
        if (file.startsWith(`mobius/${cluster}/`)) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          fs.writeFileSync(path.join(dir, file), content);
        }
      }
      const count = (folder: string) => kustomizeBuild(path.join(dir, folder))
        .split('\n').filter((l) => l.startsWith('kind: ')).length;
      const total = ['', '/platform', '/config', '/apps'].reduce((sum, layer) => sum + count(`mobius/${cluster}${layer}`), 0);
      expect(total).toBe(manifests[cluster].length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mobius: how the clusters come to exist, and the split horizon', () => {
  const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;

  test('each cluster is a k0s workload cluster with kube-router, its workers joined by token', () => {
    for (const cluster of clusters) {
      expect(readme(cluster)).toContain(`create k0s workload cluster ${cluster} on N5's k0s management cluster with k0smotron`);
      expect(readme(cluster)).toContain('spec.network.provider: kuberouter');
    }
    expect(readme('homelab')).toContain('join n5 (192.168.4.5) and m1-worker (192.168.4.81) as worker(s) of homelab');
    expect(readme('homelab')).toContain("(N5's own k0s worker service is homelab's, whose VMs, volumes and addresses need N5's KVM, ZFS pools, bridge64 and VLAN 8 leg): k0s install worker --token-file /etc/k0s/homelab.token");
    // N5 is a worker of homelab and of sandbox, as the design draws it: one machine holds one k0s worker
    // service, so the sandbox's is a k0s container named n5, with the sandbox Traefik's node ports published.
    expect(readme('sandbox')).not.toContain('k0s install worker --token-file');
    expect(readme('sandbox')).toContain('zfs create -p ai/sandbox && docker run -d --name k0s-sandbox-worker --hostname n5 --restart unless-stopped --privileged --cgroupns=private -p 30080:30080 -p 30443:30443 '
      + '-v /var/lib/k0s -v /var/log/pods --tmpfs /run -v "$(zfs get -H -o value mountpoint ai/sandbox)":/opt/local-path-provisioner '
      + 'docker.io/k0sproject/k0s:"${K0S_VERSION/+/-}" k0s worker "$(cat /etc/k0s/sandbox.token)"');
    expect(readme('cloud')).toContain('join vps (85.31.234.30) as worker(s) of cloud');
  });

  test("cloud's catch-all needs Twingate's 192.168.0.0/16 route to homelab's Traefik", () => {
    expect(readme('cloud')).toContain("the existing connector's 192.168.0.0/16 route, which the catch-all to homelab's Traefik at 192.168.8.50 needs");
  });

  test('the cutover from Dokploy and libvirt: the libvirt VM stops first, Dokploy frees the VPS\'s 80 and 443 before the first sync, Uptime Kuma keeps its data', () => {
    const homelab = readme('homelab');
    expect(homelab).toContain('| manual | cutover of Home Assistant: before the zvol rename, shut the libvirt VM down and turn its autostart off');
    expect(homelab).toContain('`virsh shutdown "$LIBVIRT_VM" && virsh autostart --disable "$LIBVIRT_VM"`');
    expect(homelab.indexOf('cutover of Home Assistant')).toBeLessThan(homelab.indexOf('zfs rename vms/HomeAssistant vms/homeassistant'));
    const cloud = readme('cloud');
    expect(cloud).toContain("| manual | before cloud's Traefik starts, stop Dokploy's Traefik on the VPS for good, which publishes ports 80 and 443");
    expect(cloud.indexOf("stop Dokploy's Traefik")).toBeLessThan(cloud.indexOf('| bootstrap | flux bootstrap github'));
    expect(cloud).toContain("| manual | migrate the VPS's Uptime Kuma from Dokploy");
    expect(cloud).toContain('flux -n flux-system suspend kustomization mobius-cloud-apps');
    // The sandbox takes nothing over from Dokploy (its Uptime Kuma's version placeholder only names the one to match).
    expect(readme('sandbox')).not.toMatch(/\| (manual|bootstrap) \|[^\n]*Dokploy/);
  });

  test("AdGuard Home's hand-made rewrites become DnsRecords before external-dns-adguard owns them", () => {
    expect(readme('homelab')).toContain('before external-dns-adguard first syncs, list AdGuard Home\'s hand-made DNS rewrites');
    expect(readme('homelab')).toContain('/control/rewrite/list');
  });

  test('the M1 VM and the Mac minis are inventory facts', () => {
    expect(readme('homelab')).toContain('Ubuntu 24.04 VM (UTM) on the M1 Mac mini');
    const site = result.clusters.find((c) => c.folder === 'mobius/homelab')!.chart.site;
    expect(site.externalHosts.m4.hardware).toEqual(expect.objectContaining({ cores: 10, memoryGigabytes: 24 }));
    expect(site.externalHosts.m1Host.address).toBe('192.168.4.11');
  });

  test("the M4's Osaurus is what homelab gets from outside: m4.jax-lab.dev, 192.168.4.14, port 8080, in its README and the ExternalName", () => {
    expect(readme('homelab')).toContain('| m4 | 192.168.4.14 | m4.jax-lab.dev | osaurus 8080 | macOS · Mac mini (M4) · 10 cores · 24 GB |');
    expect(find('homelab', 'Service', 'osaurus')).toMatchObject({
      metadata: { namespace: 'ai' }, spec: { type: 'ExternalName', externalName: 'm4.jax-lab.dev', ports: [{ name: 'api', port: 8080 }] },
    });
  });
  test("the design's VLANs are in every cluster's README, the reserved sandbox VLAN 16 and the gateways among them", () => {
    for (const cluster of clusters) {
      const text = readme(cluster);
      expect(text).toContain('| 4 | services | 192.168.4.0/24 | 192.168.4.1 | services and k0s nodes; the gateway is the UDM Pro, the default route |');
      // The design gives no router for VLANs 8 and 16; the LAN reaches VLAN 8's VIPs, so it is no isolated segment.
      expect(text).toContain('| 8 | vips | 192.168.8.0/24 | not given |');
      expect(text).toContain('| 16 | sandbox | 192.168.16.0/20 | not given | sandbox and untrusted workloads, reserved for later');
      expect(text).toContain("| 64 | iot | 192.168.64.0/20 | 192.168.64.1 | IoT and VMs; the gateway is N5's bridge64 |");
    }
  });

  test("the nodes' cores, memory and ZFS pool sizes are in the README: N5 24 cores and 91 GB, the VPS 2 and 7.8 GB, the M1 VM 4 and 6 GB", () => {
    expect(readme('homelab')).toContain('192.168.4.5<br/>24 cores · 91 GB<br/>ZFS: ai (nvme, 3.62 TB), vms (ssd, 1.86 TB), tank (hdd, 18.2 TB)');
    expect(readme('homelab')).toContain('Ubuntu 24.04 VM (UTM) on the M1 Mac mini · 4 cores · 6 GB · 50 GB SSD');
    expect(readme('cloud')).toContain('85.31.234.30<br/>2 cores · 7.8 GB');
    expect(readme('homelab')).toContain('| m1-host | 192.168.4.11 |  |  | macOS (UTM hypervisor) · Mac mini (M1) · 8 cores · 8 GB |');
  });
});
