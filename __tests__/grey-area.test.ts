import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { congenitalOptimist, greyArea, greyAreaSite, limitingFactor, timeZone } from '../hosts/grey-area';
import { argoCdComponent } from '../constructs';
import { manifestsOf, sitesInMemory } from './support/synth';
import { kustomizeBuild } from './support/kustomize';

const result = sitesInMemory();
const manifests = manifestsOf(result, 'grey-area/main');
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const envOf = (deployment: any) => Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e]));

describe('grey-area (seed 000)', () => {
  test("local-path-storage is left to the provisioner's upstream files, which make it, and labelled privileged by hand under Argo CD", () => {
    expect(find('Namespace', 'local-path-storage')).toBeUndefined();
    expect(find('Namespace', 'nvidia-device-plugin')).toBeDefined();
    const readme = result.files.get('grey-area/main/README.md')!;
    expect(readme).toContain('| local-path-storage (made by its upstream files) |');
    expect(readme).toContain('kubectl label namespace local-path-storage pod-security.kubernetes.io/enforce=privileged pod-security.kubernetes.io/warn=restricted --overwrite');
    // The provisioner's helper pods mount host folders, which Talos' default level refuses: the level is set
    // before the first sync applies the apps layer, whose claims those pods provision.
    const steps = readme.split('\n').filter((line) => line.startsWith('| bootstrap |'));
    const label = steps.findIndex((line) => line.includes('kubectl label namespace local-path-storage'));
    expect(steps[label]).toContain('kubectl create namespace local-path-storage --dry-run=client -o yaml \\| kubectl apply -f - && kubectl label namespace local-path-storage');
    expect(label).toBeLessThan(steps.findIndex((line) => line.includes('| first sync:')));
  });

  test('synthesizes without errors', () => {
    expect(result.findings.filter((f) => f.severity === 'error' && f.constructPath.startsWith('grey-area/'))).toEqual([]);
  });

  test('the owner is told to create every Secret made by hand, and not the connection Secret Crossplane writes', () => {
    const readme = result.files.get('grey-area/main/README.md') ?? '';
    expect(readme).toContain('create Secret services/nextcloud-db-password with key password');
    expect(readme).toContain('create Secret registry/harbor-admin with key HARBOR_ADMIN_PASSWORD');
    expect(readme).not.toContain('create Secret services/nextcloud-db-connection');
    // Harbor is drawn in the namespace it runs in, not in that of its Argo CD Application.
    expect(readme).toContain('app_harbor["harbor<br/>ns registry"]');
    // The repository credential has its own step; it is not listed twice.
    expect(readme.match(/create secret generic forgejo-gitops-repo/g)).toHaveLength(1);
  });

  test('the CI reaches Argo CD\'s API through Traefik to sync grey-area-services', () => {
    const route = manifests.find((m) => m.kind === 'IngressRoute' && m.metadata.name === 'argocd');
    expect(route.metadata.namespace).toBe('argocd');
    expect(route.spec.routes[0]).toMatchObject({ match: 'Host(`argocd.grey-area.tailnet`)', services: [{ name: 'argo-cd-argocd-server', port: 80 }] });
  });

  test('Argo CD runs highly available across nodes; Redis replicas may share the two untainted nodes', () => {
    const values = manifests.find((m) => m.kind === 'Application' && m.metadata.name === 'argo-cd').spec.source.helm.valuesObject;
    expect(values).toMatchObject({
      'redis-ha': { enabled: true, hardAntiAffinity: false, haproxy: { hardAntiAffinity: false } },
      server: { replicas: 2 }, repoServer: { replicas: 2 }, applicationSet: { replicas: 2 }, controller: { replicas: 1 },
    });
  });

  test('the nodes, the tailnet and Argo CD get what the cluster needs of them: the registry node taint, the tags the operator owns, Forgejo\'s host key', () => {
    const readme = result.files.get('grey-area/main/README.md') ?? '';
    expect(readme).toContain('`kubectl taint nodes limiting-factor dedicated=registry:NoSchedule`');
    expect(readme).toContain("let tag:k8s-operator own tag:k8s (tagOwners)");
    expect(readme).toContain('`ssh-keyscan forgejo.grey-area.tailnet`');
    const install = argoCdComponent({ sshKnownHosts: 'forgejo.grey-area.tailnet ssh-ed25519 AAAA' }).install;
    expect(install.type === 'helm' && (install.values as any).configs.ssh).toEqual({ extraHosts: 'forgejo.grey-area.tailnet ssh-ed25519 AAAA' });
  });

  test("Argo CD's layer waves wait for each child Application's health, which Argo CD does not assess by itself", () => {
    const values = find('Application', 'argo-cd').spec.source.helm.valuesObject;
    expect(values.configs.cm['resource.customizations.health.argoproj.io_Application']).toContain('hs.status = obj.status.health.status');
    // A layer that waits for kinds a controller makes is synced again until it passes.
    expect(find('Application', 'grey-area-services').spec.syncPolicy.retry.limit).toBe(-1);
    const readme = result.files.get('grey-area/main/README.md') ?? '';
    // The first sync applies the AppProject the layers' Applications name before the layers.
    const step = readme.split('\n').find((line) => line.includes('| first sync:'))!;
    expect(step.indexOf('kubectl apply -f dist/grey-area/main/argo-cd.yaml')).toBeLessThan(step.indexOf('kubectl apply -k dist/grey-area/main/platform'));
  });

  test('three control-plane nodes on Talos, bootstrapped in the design\'s order; the .tailnet names and Ollama inside the cluster', () => {
    const readme = result.files.get('grey-area/main/README.md') ?? '';
    expect(readme).toContain('limiting-factor<br/>amd64 (placeholder) · control-plane, worker');
    const gen = readme.indexOf('talosctl gen config grey-area');
    const bootstrap = readme.indexOf('talosctl bootstrap --nodes');
    expect(gen).toBeGreaterThan(0);
    expect(gen).toBeLessThan(bootstrap);
    expect(readme).toContain('Split DNS');
    // The Split DNS step comes before the first sync, which makes Traefik's tailnet machine: its check asks
    // only for the names that answer by then.
    const steps = readme.split('\n').filter((line) => line.startsWith('| bootstrap |'));
    const dns = steps.findIndex((line) => line.includes('(DNS → Split DNS)'));
    expect(dns).toBeLessThan(steps.findIndex((line) => line.includes('| first sync:')));
    expect(steps[dns]).toContain('`tailscale status && nslookup grey-area.tailnet && nslookup congenital-optimist.tailnet && nslookup limiting-factor.tailnet && nslookup kubernetes.default.svc.tailnet && nslookup nfs.limiting-factor.tailnet`');
    const policy = find('NetworkPolicy', 'ollama');
    expect(policy.spec.ingress).toContainEqual({ from: [{ namespaceSelector: {} }], ports: [{ port: 11434, protocol: 'TCP' }] });
  });

  test("the design's CI syncs through Argo CD's API with a token of an account that may only sync the project's Applications", () => {
    const values = find('Application', 'argo-cd').spec.source.helm.valuesObject;
    expect(values.configs.cm['accounts.ci']).toBe('apiKey');
    expect(values.configs.rbac['policy.csv'].split('\n')).toEqual([
      'p, role:ci-sync, applications, get, grey-area/*, allow', 'p, role:ci-sync, applications, sync, grey-area/*, allow', 'g, ci, role:ci-sync', '',
    ]);
    expect(result.files.get('grey-area/main/README.md')).toContain('argocd account generate-token --account ci');
  });

  test('the AudioBook service the design lists runs beside Calibre-Web, its server a placeholder; the NFS folders it and others mount are owner steps', () => {
    const deployment = find('Deployment', 'audiobook');
    expect(deployment.metadata.namespace).toBe('services');
    expect(deployment.spec.template.spec.volumes).toContainEqual({ name: 'audiobooks', nfs: { server: 'nfs.limiting-factor.tailnet', path: '/export/kubernetes/audiobooks' } });
    const readme = result.files.get('grey-area/main/README.md') ?? '';
    expect(readme).toContain('| placeholder | image of the AudioBook service:');
    for (const folder of ['audiobooks', 'books', 'media']) {
      expect(readme).toContain(`create the folder /export/kubernetes/${folder} on NFS server nfs.limiting-factor.tailnet`);
    }
  });

  test("Crossplane's own pods and every package's pods meet the restricted level of crossplane-system", () => {
    const values = find('Application', 'crossplane').spec.source.helm.valuesObject;
    for (const pod of ['Crossplane', 'RBACManager']) {
      expect(values[`podSecurityContext${pod}`]).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(values[`securityContext${pod}`]).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    }
    const packages = manifests.filter((m) => m.kind === 'Provider' || m.kind === 'Function');
    expect(packages.length).toBeGreaterThan(1);
    for (const pkg of packages) {
      const runtime = find('DeploymentRuntimeConfig', pkg.spec.runtimeConfigRef?.name);
      const pod = runtime?.spec.deploymentTemplate.spec.template.spec;
      expect({ pkg: pkg.metadata.name, seccomp: pod?.securityContext.seccompProfile, container: pod?.containers[0] }).toEqual({
        pkg: pkg.metadata.name, seccomp: { type: 'RuntimeDefault' },
        container: { name: 'package-runtime', securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
      });
    }
  });

  test('the services the design lists run in its namespace services; traefik and crossplane-system exist', () => {
    for (const name of ['ollama', 'forgejo', 'nextcloud', 'jellyfin', 'calibre-web', 'audiobook']) {
      expect(find('Deployment', name).metadata.namespace).toBe('services');
    }
    expect(find('Namespace', 'jellyfin')).toBeUndefined();
    expect(find('Namespace', 'calibre-web')).toBeUndefined();
    for (const namespace of ['services', 'traefik', 'crossplane-system']) {
      expect(find('Namespace', namespace)).toBeDefined();
    }
  });

  test('Ollama prefers grey-area for its GPU, whose vendor is a placeholder to fill in', () => {
    const pod = find('Deployment', 'ollama').spec.template.spec;
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
    const expr = pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0];
    expect([greyArea, congenitalOptimist, limitingFactor].map((h) => expr.values.includes(h.nodeName))).toEqual([true, false, false]);
    expect(greyArea.placeholders.map((p) => p.where)).toEqual(expect.arrayContaining(['host grey-area gpus[0].vendor']));
  });

  test("Ollama: the lab registry's pinned image, ollama-config, the seed's resources, models from sleeper-service", () => {
    const deployment = find('Deployment', 'ollama');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.limiting-factor.tailnet/library/ollama:0.1.2');
    expect(container.imagePullPolicy).toBe('Always');
    expect(container.resources.requests).toEqual({ cpu: '1', memory: '2Gi' });
    expect(container.resources.limits).toMatchObject({ cpu: '2', memory: '4Gi' });
    expect(find('ConfigMap', 'ollama-config').data.OLLAMA_HOST).toBe('0.0.0.0:11434');
    expect(envOf(deployment).OLLAMA_HOST.valueFrom.configMapKeyRef).toEqual({ name: 'ollama-config', key: 'OLLAMA_HOST' });
    const volumes = deployment.spec.template.spec.volumes;
    expect(volumes).toEqual(expect.arrayContaining([
      { name: 'home', persistentVolumeClaim: { claimName: 'ollama-data' } },
      { name: 'models', nfs: { server: '100.64.0.4', path: '/mnt/storage/models' } },
    ]));
    expect(greyAreaSite.externalHosts.sleeperService.name).toBe('sleeper-service');
    // OLLAMA_MODELS names the folder Ollama looks in by itself, $HOME/.ollama/models, so every release finds the models.
    // Its folder of the export is $HOME/.ollama itself, where it writes its key at start (uid 1000 owns it).
    expect(envOf(deployment).HOME.value).toBe('/ollama');
    expect(container.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'home', mountPath: '/ollama/.ollama', subPath: 'ollama' },
      { name: 'models', mountPath: '/ollama/.ollama/models' },
    ]));
    expect(find('ConfigMap', 'ollama-config').data.OLLAMA_MODELS).toBe('/ollama/.ollama/models');
  });

  test("Ollama's home is its own folder of the shared export, which also holds every other app's NFS volume; the owner makes it Ollama's", () => {
    const volumes = find('Deployment', 'ollama').spec.template.spec.volumes;
    expect(volumes).toEqual(expect.arrayContaining([{ name: 'home', persistentVolumeClaim: { claimName: 'ollama-data' } }]));
    expect(find('PersistentVolume', 'nfs-data').spec.nfs.path).toBe(find('StorageClass', 'nfs-csi').parameters.share);
    const readme = result.files.get('grey-area/main/README.md')!;
    expect(readme).toContain("let uid 1000 write Ollama's home, nfs.limiting-factor.tailnet:/export/kubernetes/ollama,");
    expect(readme).toContain('`mkdir -p /export/kubernetes/ollama && chown -R 1000:1000 /export/kubernetes/ollama`');
    expect(readme).not.toContain('chown -R 1000:1000 /export/kubernetes`');
  });

  test("the NFS servers outside the cluster export to the nodes' tailnet addresses, which the kubelet mounts from", () => {
    const readme = result.files.get('grey-area/main/README.md')!;
    expect(readme).toContain("on sleeper-service, which serves Ollama's models outside the cluster: export /mnt/storage/models read-write to the nodes' tailnet addresses (100.64.0.1, 100.64.0.2, 100.64.0.3)");
  });

  test("the design's CI joins the tailnet to push to Harbor and to sync grey-area-services through Argo CD's API", () => {
    const readme = result.files.get('grey-area/main/README.md')!;
    const step = readme.split('\n').find((line) => line.includes("the design's CI (GitHub Actions)"))!;
    expect(step).toContain('tailscale/github-action');
    expect(step).toContain('push to registry.limiting-factor.tailnet/library/ with a Harbor robot account');
    // The design's CI edits the manifests it deploys; here they are made from the chart.
    expect(step).toContain('write a new tag into charts/grey-area/main.ts (not dist/, which synth rewrites)');
    expect(step).toContain('-X POST https://argocd.grey-area.tailnet/api/v1/applications/grey-area-services/sync -H "Authorization: Bearer $ARGOCD_TOKEN"');
    // The body is Argo CD's ApplicationSyncRequest, whose sync strategy field is `strategy`: another name is dropped unread.
    expect(step).toContain(`-d '{"strategy":{"hook":{}}}'`);
  });

  test("the design's monitoring base: node-exporter on every node (Talos runs no host services), Prometheus scraping it and Traefik's metrics", () => {
    const stack = find('Application', 'kube-prometheus-stack');
    expect(stack.spec.destination.namespace).toBe('monitoring');
    expect(stack.spec.source.helm.valuesObject.prometheus.prometheusSpec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'congenital-optimist' });
    // What Talos keeps on the node's loopback is not scraped.
    expect(stack.spec.source.helm.valuesObject).toMatchObject({
      kubeControllerManager: { enabled: false }, kubeScheduler: { enabled: false }, kubeProxy: { enabled: false }, kubeEtcd: { enabled: false },
    });
    expect(find('PodMonitor', 'traefik')).toMatchObject({
      metadata: { namespace: 'traefik' },
      spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } }, podMetricsEndpoints: [{ port: 'metrics' }] },
    });
    expect(find('Application', 'traefik').spec.source.helm.valuesObject.metrics.prometheus.entryPoint).toBe('metrics');
    const readme = result.files.get('grey-area/main/README.md')!;
    expect(readme).toContain("create Secret monitoring/grafana-admin with keys admin-user, admin-password, secret-key: admin-user and admin-password are the login of Grafana's administrator");
  });

  test("Forgejo prefers congenital-optimist and Nextcloud grey-area, as the design's topology draws them, without being pinned", () => {
    for (const [name, node] of [['forgejo', congenitalOptimist], ['nextcloud', greyArea]] as const) {
      const affinity = find('Deployment', name).spec.template.spec.affinity.nodeAffinity;
      expect(affinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
      expect(affinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values).toEqual([node.nodeName]);
    }
  });

  test('the time zone, which the design does not give, is a placeholder that Calibre-Web reads', () => {
    expect(envOf(find('Deployment', 'calibre-web')).TZ.value).toBe(timeZone.value);
    const readme = result.files.get('grey-area/main/README.md')!;
    expect(readme).toContain("| placeholder | time zone of the lab (TZ): set to the lab's time zone as the tz database names it (Europe/Oslo, say) (now `Etc/UTC`) |  | grey-area/main/calibre-web |");
  });

  test('the public Nginx proxy passes /ollama/ on to the Ollama route by its host name; its public name is a placeholder', () => {
    const readme = result.files.get('grey-area/main/README.md')!;
    expect(readme).toContain('public name of the Nginx reverse proxy: set to the name the public Nginx reverse proxy serves (its certificate names it) (now `api.example.com`)');
    for (const line of ['server ollama.grey-area.tailnet:443;', 'server_name api.example.com;', 'location /ollama/ {', 'proxy_pass https://ollama/;',
      'proxy_set_header Host ollama.grey-area.tailnet;', 'proxy_ssl_server_name on;']) {
      expect(readme).toContain(line);
    }
    expect(readme).toContain('Forward no other port of the router to grey-area or limiting-factor');
  });

  test("Nextcloud's probes ask by its trusted domain, and its links stay on https behind Traefik", () => {
    const container = find('Deployment', 'nextcloud').spec.template.spec.containers[0];
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(probe.httpGet).toEqual({ httpHeaders: [{ name: 'Host', value: 'nextcloud.grey-area.tailnet' }], path: '/status.php', port: 80 });
    }
    expect(envOf(find('Deployment', 'nextcloud'))).toMatchObject({
      NEXTCLOUD_TRUSTED_DOMAINS: { value: 'nextcloud.grey-area.tailnet' },
      OVERWRITEPROTOCOL: { value: 'https' },
    });
  });

  test('the NFS PersistentVolume nfs-data: 500Gi, ReadWriteMany, nfs.limiting-factor.tailnet:/export/kubernetes', () => {
    const pv = find('PersistentVolume', 'nfs-data');
    expect(pv.spec).toMatchObject({
      capacity: { storage: '500Gi' }, accessModes: ['ReadWriteMany'],
      nfs: { server: 'nfs.limiting-factor.tailnet', path: '/export/kubernetes' },
    });
    expect(find('PersistentVolumeClaim', 'ollama-data').spec).toMatchObject({ volumeName: 'nfs-data', accessModes: ['ReadWriteMany'] });
  });

  test('Traefik routes on tailnet names without an ACME resolver; olympus is an alias of Ollama', () => {
    const routes = manifests.filter((m) => m.kind === 'IngressRoute');
    const hosts = routes.flatMap((m) => m.spec.routes.map((r: any) => r.match)).sort();
    expect(hosts).toEqual([...['argocd', 'audiobooks', 'calibre', 'forgejo', 'grafana', 'jellyfin', 'nextcloud', 'ollama'].map((h) => `Host(\`${h}.grey-area.tailnet\`)`),
      // The design's service-discovery name of Ollama, which the tailnet's nameserver answers with Traefik's address.
      'Host(`ollama.services.svc.tailnet`)', 'Host(`olympus.grey-area.tailnet`)']);
    expect(routes.every((r) => r.spec.tls?.certResolver === undefined)).toBe(true);
    expect(find('Application', 'harbor').spec.source.helm.valuesObject.expose.ingress.hosts.core).toBe('registry.limiting-factor.tailnet');
  });

  test("every name Traefik serves has a certificate of the lab's own CA, not the one Traefik generates anew at every restart", () => {
    expect(find('ClusterIssuer', 'grey-area-ca').spec).toEqual({ ca: { secretName: 'grey-area-ca' } });
    const certificates = manifests.filter((m) => m.kind === 'Certificate');
    expect(certificates.every((c) => c.spec.issuerRef.name === 'grey-area-ca')).toBe(true);
    const covering = (host: string) => certificates.filter((c) => c.spec.dnsNames.some((name: string) => name === host
      || (name.startsWith('*.') && host.endsWith(name.slice(1)) && !host.slice(0, -name.length + 1).includes('.'))));
    // Each route serves the certificate made for its host, copied into the route's namespace.
    for (const route of manifests.filter((m) => m.kind === 'IngressRoute')) {
      const host = /Host\(`([^`]+)`\)/.exec(route.spec.routes[0].match)![1];
      expect([route.metadata.name, covering(host).map((c) => c.spec.secretName)]).toEqual([route.metadata.name, [route.spec.tls.secretName]]);
      const source = certificates.find((c) => c.spec.secretName === route.spec.tls.secretName);
      expect(source.metadata.namespace === route.metadata.namespace
        || source.spec.secretTemplate.annotations['replicator.v1.mittwald.de/replicate-to'].split(',').includes(route.metadata.namespace)).toBe(true);
    }
    // Harbor's own Ingress and the dashboard the chart routes name no certificate: Traefik's store serves them.
    const store = find('Application', 'traefik').spec.source.helm.valuesObject.tlsStore.default;
    const inTraefik = (secretName: string) => certificates.find((c) => c.spec.secretName === secretName
      && (c.metadata.namespace === 'traefik' || c.spec.secretTemplate?.annotations['replicator.v1.mittwald.de/replicate-to'].split(',').includes('traefik')));
    expect(inTraefik(store.defaultCertificate.secretName).spec.dnsNames).toContain('*.grey-area.tailnet');
    expect(store.certificates.map((c: any) => inTraefik(c.secretName).spec.dnsNames).flat()).toContain('*.limiting-factor.tailnet');
    // Whoever reaches Traefik trusts the lab CA: the owner makes it, the nodes' containerd, the proxy and the CI trust it.
    const readme = result.files.get('grey-area/main/README.md')!;
    expect(readme).toContain("make the lab's certificate authority once");
    expect(readme).toContain('kubectl -n cert-manager create secret tls grey-area-ca');
    expect(readme).toContain('\\"registry.limiting-factor.tailnet\\":{\\"tls\\":{\\"ca\\":\\"$(kubectl -n cert-manager get secret grey-area-ca -o jsonpath=\'{.data.tls\\.crt}\')');
    expect(readme).toContain('proxy_ssl_verify on;');
    expect(readme).toContain('curl -fsS --cacert "$LAB_CA"');
    expect(readme).not.toMatch(/TRAEFIK_CERT|Traefik's default one|mark the registry insecure/);
  });

  test("the stack's Grafana is routed on the tailnet beside the other web UIs", () => {
    const route = find('IngressRoute', 'grafana');
    expect(route.metadata.namespace).toBe('monitoring');
    expect(route.spec.routes).toEqual([{ kind: 'Rule', match: 'Host(`grafana.grey-area.tailnet`)', services: [{ name: 'kube-prometheus-stack-grafana', port: 80 }] }]);
    expect(find('Application', 'kube-prometheus-stack').spec.source.helm.releaseName).toBe('kube-prometheus-stack');
  });

  test("Harbor's image store is on NFS as the design says; its PostgreSQL, Redis, job logs and Trivy cache are on limiting-factor's own disk", () => {
    const claims = find('Application', 'harbor').spec.source.helm.valuesObject.persistence.persistentVolumeClaim;
    expect(claims.registry.storageClass).toBe('nfs-csi');
    expect([claims.database, claims.redis, claims.trivy, claims.jobservice.jobLog].map((c) => c.storageClass)).toEqual(Array(4).fill('local-path'));
  });

  test("Traefik has the seed's ports, the dashboard on websecure and Prometheus metrics", () => {
    const values = find('Application', 'traefik').spec.source.helm.valuesObject;
    expect(values.ports.web.exposedPort).toBe(80);
    expect(values.ports.websecure.exposedPort).toBe(443);
    expect(values.ports.traefik.port).toBe(9000);
    expect(values.ingressRoute.dashboard).toMatchObject({ enabled: true, entryPoints: ['websecure'] });
    expect(values.metrics.prometheus).toBeDefined();
  });

  test('Forgejo sits behind the forgejo-auth basic-auth middleware; SSH on port 22 of Traefik', () => {
    const middleware = find('Middleware', 'forgejo-auth');
    expect(middleware.spec.basicAuth.secret).toBe('forgejo-credentials');
    const route = find('IngressRoute', 'forgejo-ingress');
    expect(route.spec.routes[0].middlewares).toEqual([{ name: 'forgejo-auth' }]);
    expect(find('IngressRouteTCP', 'forgejo-ssh')).toBeDefined();
    expect(find('Service', 'forgejo-lb')).toBeUndefined();
  });

  test('Jellyfin follows latest, as the seed lists it, under an annotated exemption; it is pulled at every start', () => {
    const deployment = find('Deployment', 'jellyfin');
    const container = deployment.spec.template.spec.containers[0];
    expect(container).toMatchObject({ image: 'jellyfin/jellyfin:latest', imagePullPolicy: 'Always' });
    expect(deployment.spec.template.metadata.annotations['security.homelab.dev/floating-image']).toMatch(/latest release/);
  });

  test("Forgejo is the seed's 1.20.5, configured through the GITEA__ variables that release reads", () => {
    const container = find('Deployment', 'forgejo').spec.template.spec.containers[0];
    expect(container.image).toBe('codeberg.org/forgejo/forgejo:1.20.5-0-rootless');
    const names: string[] = container.env.map((e: any) => e.name);
    expect(names).toContain('GITEA__server__ROOT_URL');
    expect(names.filter((name) => name.startsWith('FORGEJO__'))).toEqual([]);
  });

  test("Nextcloud's database: Crossplane XRD, Composition postgresql, claim nextcloud-db, env from its connection Secret", () => {
    const xrd = find('CompositeResourceDefinition', 'xpostgresqls.database.grey-area.internal');
    expect(xrd.spec.claimNames.kind).toBe('PostgreSQL');
    const composition = find('Composition', 'postgresql');
    const resources = composition.spec.pipeline[0].input.resources;
    const server = resources.find((r: any) => r.name === 'server').base.spec.forProvider.manifest;
    expect(server.spec.template.spec.containers[0].image).toMatch(/^postgres:15\.\d+-alpine$/);
    expect(resources.find((r: any) => r.name === 'data').base.spec.forProvider.manifest.spec.resources.requests.storage).toBe('20Gi');
    expect(find('Provider', 'provider-kubernetes')).toBeDefined();
    const claim = find('PostgreSQL', 'nextcloud-db');
    expect(claim.spec.parameters).toMatchObject({ dbName: 'nextcloud', dbUser: 'nextcloud-user', dbSize: '20Gi' });
    const env = envOf(find('Deployment', 'nextcloud'));
    for (const key of ['POSTGRES_HOST', 'POSTGRES_DB', 'POSTGRES_USER', 'POSTGRES_PASSWORD']) {
      expect(env[key].valueFrom.secretKeyRef.name).toBe(claim.spec.writeConnectionSecretToRef.name);
    }
  });

  test('the Argo CD Application is grey-area-services, in its own AppProject; the tailnet addresses are placeholders', () => {
    const root = find('Application', 'grey-area-services');
    expect(root.spec.source.path).toBe('dist/grey-area/main');
    expect(root.spec.project).toBe('grey-area');
    // The Forgejo repository may deploy only itself; the charts come from their own repositories, in a project apart.
    expect(find('AppProject', 'grey-area').spec.sourceRepos).toEqual([greyAreaSite.git!.url]);
    expect(find('AppProject', 'grey-area-upstream').spec.sourceRepos).toContain('https://helm.goharbor.io');
    const fromGit = manifests.filter((m) => m.kind === 'Application' && m.spec.source.repoURL === greyAreaSite.git!.url);
    expect(fromGit.map((a) => a.spec.project)).toEqual(fromGit.map(() => 'grey-area'));
    expect(find('Application', 'harbor').spec.project).toBe('grey-area-upstream');
    const pending = greyAreaSite.placeholders().map((p) => p.where);
    expect(pending).toEqual(expect.arrayContaining(['host grey-area address', 'host limiting-factor address']));
  });

  const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  (hasKubectl ? test : test.skip)('kubectl kustomize builds every layer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grey-area-'));
    try {
      for (const [file, content] of result.files) {
        if (file.startsWith('grey-area/main/')) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          fs.writeFileSync(path.join(dir, file), content);
        }
      }
      const count = (folder: string) => kustomizeBuild(path.join(dir, folder))
        .split('\n').filter((l) => l.startsWith('kind: ')).length;
      const total = ['', '/platform', '/config', '/apps'].reduce((sum, layer) => sum + count(`grey-area/main${layer}`), 0);
      expect(total).toBe(manifests.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
