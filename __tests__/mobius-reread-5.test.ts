import * as yaml from 'js-yaml';
import { defineMobius } from '../charts/mobius';
import { bashParses, blocks, rows as ownerSteps, stepsOf } from './support/readme';
import { synthInMemory } from './support/synth';

// A fifth reading of the mobius design against the synthesized output: its migration steps, as the owner
// runs them on the day, with the names the output has.

const result = synthInMemory(defineMobius);
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;
const objects = (cluster: string): any[] => [...result.files.entries()]
  .filter(([file]) => file.startsWith(`mobius/${cluster}/`) && file.endsWith('.yaml'))
  .flatMap(([, text]) => yaml.loadAll(text)).filter((o): o is any => (o as any)?.metadata !== undefined);
const has = (cluster: string, kind: string, namespace: string, name: string) => objects(cluster)
  .some((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
/** The command of a step, from its block below the table. */
function commandOf(cluster: string, step: string): string {
  const steps = ownerSteps(readme(cluster));
  const [, cell] = steps[stepsOf(steps)(step)];
  const block = /^block (\d+) below the table$/.exec(cell);
  expect([step, block !== null]).toEqual([step, true]);
  return blocks(readme(cluster))[Number(block![1]) - 1];
}

describe("mobius: the copy of a Dokploy app's files into its claim is a command, not a description", () => {
  test.each([
    { cluster: 'cloud', step: "migrate the VPS's Uptime Kuma from Dokploy", ns: 'uptime-kuma', app: 'uptime-kuma', claim: 'uptime-kuma-data', source: './uptime-kuma-data', sqlite: true },
    { cluster: 'homelab', step: 'migrate Pocket ID from Dokploy on N5', ns: 'pocket-id', app: 'pocket-id', claim: 'pocket-id-data', source: './pocket-id-data', sqlite: true },
    { cluster: 'homelab', step: 'first start of AdGuard Home', ns: 'adguard-home', app: 'adguard-home', claim: 'adguard-home-conf', source: './adguard-home-conf', sqlite: false },
  ])('$cluster: $claim gets $source through a helper pod, with the app stopped', ({ cluster, step, ns, app, claim, source, sqlite }) => {
    const command = commandOf(cluster, step);
    expect(bashParses(command)).toBe(true);
    const lines = command.split('\n');
    const layer = `mobius-${cluster}-apps`;
    const at = (text: string) => {
      const index = lines.findIndex((line) => line.includes(text));
      expect([text, index >= 0]).toEqual([text, true]);
      return index;
    };
    // Every name the commands use is one the output has.
    expect(has(cluster, 'Deployment', ns, app)).toBe(true);
    expect(has(cluster, 'PersistentVolumeClaim', ns, claim)).toBe(true);
    expect(yaml.loadAll(result.files.get(`mobius/${cluster}/flux.yaml`)!).some((o) => (o as { kind: string; metadata: { name: string } }).kind === 'Kustomization'
      && (o as { metadata: { name: string } }).metadata.name === layer)).toBe(true);
    const stop = at(`flux -n flux-system suspend kustomization ${layer} && kubectl -n ${ns} scale deployment/${app} --replicas=0`);
    const gone = at(`while kubectl -n ${ns} get pods -l app.kubernetes.io/name=${app} -o name | grep -q .; do sleep 2; done`);
    const run = at(`kubectl -n ${ns} run claim-copy `);
    const ready = at(`kubectl -n ${ns} wait --for=condition=Ready pod/claim-copy`);
    const copy = at(`tar -C ${source} -c -f - $(ls -A ${source}) | kubectl -n ${ns} exec -i claim-copy -- tar -x -f - -C /data`);
    const resume = at(`kubectl -n ${ns} delete pod claim-copy && flux -n flux-system resume kustomization ${layer}`);
    expect([stop, gone, run, ready, copy, resume]).toEqual([...[stop, gone, run, ready, copy, resume]].sort((a, b) => a - b));
    // The app's pods carry the label the wait reads.
    const deployment = objects(cluster).find((o) => o.kind === 'Deployment' && o.metadata.name === app);
    expect(deployment.spec.template.metadata.labels['app.kubernetes.io/name']).toBe(app);
    // The helper passes the namespace's restricted Pod Security and runs as the app's user.
    const pod = JSON.parse(/--overrides='([^']*)'/.exec(lines[run])![1]);
    const appPod = deployment.spec.template.spec;
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: appPod.securityContext.runAsUser, runAsGroup: appPod.securityContext.runAsGroup, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: claim } }]);
    expect(objects(cluster).find((o) => o.kind === 'Namespace' && o.metadata.name === ns).metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    // A SQLite app's fresh database is cleared before its migrated one arrives; the conf claim AdGuard never wrote is not.
    const empty = lines.findIndex((line) => line === `kubectl -n ${ns} exec claim-copy -- find /data -mindepth 1 -delete`);
    expect(empty >= 0).toBe(sqlite);
    if (sqlite) {
      expect(empty).toBeGreaterThan(ready);
      expect(empty).toBeLessThan(copy);
    }
  });

  test("homelab: AdGuard Home's configuration comes out of the Dokploy container before it stops, and is edited before it goes in", () => {
    const stop = commandOf('homelab', "before homelab's first sync, stop Dokploy's Traefik and AdGuard Home on N5").split('\n');
    expect(bashParses(stop.join('\n'))).toBe(true);
    const saved = stop.indexOf('docker cp "$DOKPLOY_ADGUARD_HOME":/opt/adguardhome/conf ./adguard-home-conf');
    const stopped = stop.indexOf('docker update --restart=no "$DOKPLOY_TRAEFIK" && docker stop "$DOKPLOY_TRAEFIK" '
      + '&& docker update --restart=no "$DOKPLOY_ADGUARD_HOME" && docker stop "$DOKPLOY_ADGUARD_HOME"');
    expect(saved).toBeGreaterThan(0);
    expect(stopped).toBeGreaterThan(saved);
    const start = commandOf('homelab', 'first start of AdGuard Home').split('\n');
    expect(start[0]).toBe('vi ./adguard-home-conf/AdGuardHome.yaml');
    // The folder copied out is the one the app's conf claim is mounted at.
    const deployment = objects('homelab').find((o) => o.kind === 'Deployment' && o.metadata.name === 'adguard-home');
    const mount = deployment.spec.template.spec.containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/opt/adguardhome/conf');
    expect(deployment.spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name).persistentVolumeClaim.claimName).toBe('adguard-home-conf');
  });
});

describe('mobius: a token the owner seals is named with the access it needs, and tried before it is sealed', () => {
  const releaseValues = (cluster: string, file: string) => (yaml.loadAll(result.files.get(`mobius/${cluster}/platform/${file}`)!)
    .find((o) => (o as { kind: string }).kind === 'HelmRelease') as { spec: { values: Record<string, unknown> } }).spec.values;
  test.each([
    { cluster: 'homelab', secret: 'traefik/cloudflare-api-token', key: 'api-token', access: 'a Cloudflare API token with Zone:DNS:Edit and Zone:Zone:Read on jax-lab.dev',
      check: 'curl -fsS -H "Authorization: Bearer $VALUE" "https://api.cloudflare.com/client/v4/zones?name=jax-lab.dev" | grep -q \'"name":"jax-lab.dev"\'' },
    { cluster: 'cloud', secret: 'external-dns/cloudflare-api-token', key: 'api-token', access: 'a Cloudflare API token with Zone:DNS:Edit and Zone:Zone:Read on jax-lab.dev',
      check: 'curl -fsS -H "Authorization: Bearer $VALUE" "https://api.cloudflare.com/client/v4/zones?name=jax-lab.dev" | grep -q \'"name":"jax-lab.dev"\'' },
    { cluster: 'homelab', secret: 'arc-runners/github-runner', key: 'github_token', access: 'Administration read and write on that repository',
      check: '[ "$(curl -sS -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $VALUE" https://api.github.com/repos/jax-lab/homelab-gitops/actions/runners)" = 200 ]' },
    { cluster: 'homelab', secret: 'renovate/renovate-token', key: 'RENOVATE_TOKEN', access: 'Contents, Pull requests, Issues, Commit statuses and Workflows read and write',
      check: '[ "$(curl -sS -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $VALUE" https://api.github.com/repos/jax-lab/homelab-gitops)" = 200 ]' },
  ])('$cluster: key $key of $secret', ({ cluster, secret, key, access, check }) => {
    const [namespace, name] = secret.split('/');
    const steps = ownerSteps(readme(cluster));
    const [what, command] = steps[stepsOf(steps)(`key ${key} of ${secret} is `)];
    expect(what).toContain(access);
    expect(command).toBe(`${check} && kubeseal --fetch-cert --controller-namespace sealed-secrets --controller-name sealed-secrets-controller > ${cluster}.pem `
      + `&& printf %s "$VALUE" | kubeseal --raw --cert ${cluster}.pem --namespace ${namespace} --name ${name}`);
    expect(bashParses(command)).toBe(true);
    // The SealedSecret it seals for is in the output, with that key.
    const sealed = objects(cluster).find((o) => o.kind === 'SealedSecret' && o.metadata.namespace === namespace && o.metadata.name === name);
    expect(Object.keys(sealed.spec.encryptedData)).toContain(key);
  });

  test('the Cloudflare tokens are the ones Traefik and external-dns read', () => {
    expect(releaseValues('homelab', 'traefik.yaml').env).toEqual([{ name: 'CF_DNS_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare-api-token', key: 'api-token' } } }]);
    expect(releaseValues('cloud', 'external-dns-cloudflare.yaml').env).toEqual([{ name: 'CF_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare-api-token', key: 'api-token' } } }]);
  });
});

describe("mobius: the Home Assistant cutover keeps the design's way back to the libvirt VM", () => {
  test('a snapshot is taken once the libvirt VM is off, before the zvol grows and is renamed', () => {
    const steps = ownerSteps(readme('homelab'));
    const find = stepsOf(steps);
    const snapshot = find('once the libvirt VM is shut off, and before the zvol grows and is renamed, snapshot vms/HomeAssistant (@before-kubevirt)');
    expect(commandOf('homelab', 'snapshot vms/HomeAssistant (@before-kubevirt)'))
      .toBe('until virsh domstate "$LIBVIRT_VM" | grep -q "shut off"; do sleep 2; done\nzfs snapshot vms/HomeAssistant@before-kubevirt');
    expect(find('cutover of Home Assistant: before the zvol rename, shut the libvirt VM down')).toBeLessThan(snapshot);
    expect(snapshot).toBeLessThan(find('make the zvol vms/HomeAssistant at least 256G before the cutover'));
    expect(snapshot).toBeLessThan(find('rename the zvol vms/HomeAssistant to vms/homeassistant before the cutover'));
  });

  test('the way back halts the VM the output defines, renames the zvol back and starts the libvirt VM', () => {
    const command = commandOf('homelab', 'the way back to the libvirt VM while the KubeVirt VM is not proven');
    expect(bashParses(command)).toBe(true);
    expect(command.split('\n')).toEqual([
      'flux -n flux-system suspend kustomization mobius-homelab-apps && kubectl -n vms patch virtualmachine homeassistant --type=merge -p \'{"spec":{"runStrategy":"Halted"}}\'',
      'while kubectl -n vms get virtualmachineinstance homeassistant -o name | grep -q .; do sleep 2; done',
      'zfs rename vms/homeassistant vms/HomeAssistant && virsh autostart "$LIBVIRT_VM" && virsh start "$LIBVIRT_VM"',
    ]);
    const vm = objects('homelab').find((o) => o.kind === 'VirtualMachine' && o.metadata.namespace === 'vms' && o.metadata.name === 'homeassistant');
    expect(vm.spec.runStrategy).toBe('Always');
    // The zvol it renames back is the one the PersistentVolume names after the cutover's rename.
    const pv = objects('homelab').find((o) => o.kind === 'PersistentVolume' && o.metadata.name === 'homeassistant');
    expect(pv.spec.csi.volumeHandle).toBe('homeassistant');
    expect(pv.spec.csi.volumeAttributes['openebs.io/poolname']).toBe('vms');
  });
});
