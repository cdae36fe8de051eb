import { defineMobius } from '../charts/mobius';
import { blocks, rows as ownerSteps, stepsOf } from './support/readme';
import { synthInMemory } from './support/synth';

// A fourth reading of the mobius design against the synthesized output: its backups and their restore,
// and the steps the owner runs as written.

const result = synthInMemory(defineMobius);
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;
const rows = (cluster: string) => readme(cluster).split('\n').filter((line) => line.startsWith('| '));

describe("mobius: the sealing keys' backup holds every key a committed SealedSecret was sealed with", () => {
  test.each(['homelab', 'cloud'])('%s: each sealing step backs the keys up again, as the controller adds one every 30 days', (cluster) => {
    const sealingRows = rows(cluster).filter((row) => row.includes('ciphertext of SealedSecret'));
    expect(sealingRows.length).toBeGreaterThan(0);
    for (const row of sealingRows) {
      expect(row).toContain(`back the controller's keys up each time you seal (kubectl -n sealed-secrets get secret -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml > sealed-secrets-key.${cluster}.yaml)`);
      expect(row).toContain('the controller adds a new sealing key every 30 days');
    }
    // The chart leaves the controller's renewal at its default, which the steps count on.
    const release = result.files.get(`mobius/${cluster}/platform/sealed-secrets.yaml`)!;
    expect(release).not.toMatch(/keyrenewperiod/);
  });

  test.each(['homelab', 'cloud'])("%s: the recovery puts back the latest backup's keys", (cluster) => {
    const recovery = rows(cluster).find((row) => row.includes(`recovery of ${cluster} after its control plane is lost`))!;
    expect(recovery).toContain(`put back the sealing keys backed up from ${cluster}'s controller (the latest backup, taken after the last sealing`);
    expect(recovery).toContain(`kubectl apply -f sealed-secrets-key.${cluster}.yaml`);
  });
});

describe("mobius: the check of N5's host runs as written before and after the zvol's rename", () => {
  const steps = () => ownerSteps(readme('homelab'));
  const step = () => stepsOf(steps());

  test('the check finds the Home Assistant zvol under its old name and under the one the cutover gives it', () => {
    const [check] = steps()[step()("check them on n5 before homelab's first sync: ")];
    const command = check.slice(check.indexOf(': ') + 2);
    // A bare `zfs list vms/HomeAssistant` fails once the zvol is renamed, and the recovery re-runs the steps above.
    expect(command).not.toContain('zfs list vms/HomeAssistant');
    expect(command).toContain('zfs list -H -t volume -o name,volsize | grep -iE "^vms/homeassistant[[:space:]]"');
    const zvol = /^vms\/homeassistant[\s]/i;
    expect(['vms/HomeAssistant\t256G', 'vms/homeassistant\t256G'].every((line) => zvol.test(line))).toBe(true);
    expect(zvol.test('vms/homeassistant-old\t128G')).toBe(false);
    // The rename the check allows for is a later step, as the cutover makes it.
    expect(step()("check them on n5 before homelab's first sync: ")).toBeLessThan(step()('rename the zvol vms/HomeAssistant to vms/homeassistant'));
  });

  test("the host's facts name the zvol the VM boots from under both names", () => {
    const host = readme('homelab').split('\n').find((line) => line.startsWith("| n5's host | "))!;
    expect(host).toContain('with the existing zvol vms/HomeAssistant the VM boots from (vms/homeassistant once renamed before the cutover)');
  });
});

describe("mobius: a migrated SQLite database is copied into an emptied claim, not beside the fresh one's write-ahead log", () => {
  // The app runs on its claim from the first sync (its administrator is even made there first), in SQLite's WAL mode.
  test.each([
    { cluster: 'homelab', step: 'migrate Pocket ID from Dokploy on N5', claim: 'pocket-id/pocket-id-data', database: 'pocket-id.db' },
    { cluster: 'cloud', step: "migrate the VPS's Uptime Kuma from Dokploy", claim: 'uptime-kuma/uptime-kuma-data', database: 'kuma.db' },
  ])('$cluster: $claim is emptied before $database is copied in', ({ cluster, step, claim, database }) => {
    const steps = ownerSteps(readme(cluster));
    const [what] = steps[stepsOf(steps)(step)];
    expect(what).toContain(`copy it into claim ${claim} (a helper pod`);
    expect(what).toContain(`, emptied first of what the app wrote there since the first sync (a ${database}-wal left by its fresh database `
      + `would be replayed into the copied ${database} and corrupt it), then resume the layer`);
    // The fresh database exists by then: the step that makes its administrator comes first.
    expect(stepsOf(steps)('create its administrator')).toBeLessThan(stepsOf(steps)(step));
  });

  test("AdGuard Home's conf claim, which its refused first launch leaves empty, is not said to need emptying", () => {
    const steps = ownerSteps(readme('homelab'));
    const [what] = steps[stepsOf(steps)('first start of AdGuard Home')];
    expect(what).toContain('into claim adguard-home/adguard-home-conf (a helper pod');
    expect(what).not.toContain('emptied first');
  });
});

describe("mobius: Dokploy's Traefik on the VPS is stopped for good before cloud's Traefik takes ports 80 and 443", () => {
  test("cloud's step does not promise a pending pod, and keeps Docker from starting the container again", () => {
    const steps = ownerSteps(readme('cloud'));
    const index = stepsOf(steps)("before cloud's Traefik starts, stop Dokploy's Traefik on the VPS for good");
    const [what, command] = steps[index];
    // Cloud's Traefik takes the ports as hostPorts, which no scheduler or kubelet holds against a process of the host.
    const traefik = result.files.get('mobius/cloud/platform/traefik.yaml')!;
    expect(traefik).toContain('hostPort: 443');
    expect(what).not.toContain('pending');
    expect(what).toContain('a hostPort is a forwarding rule, not a bound port, so cloud\'s Traefik starts beside a running Dokploy Traefik');
    expect(what).toContain('its restart policy turned off first, since Docker starts a stopped container of restart policy always again at the next boot');
    expect(command).toBe('docker ps --filter publish=443 --format "{{.Names}}" && docker update --restart=no "$DOKPLOY_TRAEFIK" && docker stop "$DOKPLOY_TRAEFIK"');
    expect(index).toBeLessThan(stepsOf(steps)('flux bootstrap github --owner=jax-lab'));
  });
});

describe('mobius: the Dokploy apps the migrations replace stay stopped after the next boot', () => {
  test.each([
    { cluster: 'homelab', step: 'migrate Pocket ID from Dokploy on N5', variable: 'DOKPLOY_POCKET_ID' },
    { cluster: 'cloud', step: "migrate the VPS's Uptime Kuma from Dokploy", variable: 'DOKPLOY_UPTIME_KUMA' },
  ])('$cluster: $variable has its restart policy turned off before it stops', ({ cluster, step, variable }) => {
    const steps = ownerSteps(readme(cluster));
    const [what, cell] = steps[stepsOf(steps)(step)];
    const command = blocks(readme(cluster))[Number(/block (\d+) below the table/.exec(cell)![1]) - 1];
    expect(what).toContain('stop its container for good (its restart policy turned off first, since Docker starts a stopped container of restart policy always again at the next boot '
      + '(an app Dokploy runs as a Swarm service is stopped in Dokploy instead, which scales the service to 0: Swarm replaces a stopped task))');
    expect(command.startsWith(`docker update --restart=no "$${variable}" && docker stop "$${variable}" && docker cp "$${variable}":/app/data `)).toBe(true);
  });

  test("homelab: Dokploy's Traefik and AdGuard Home on N5 are stopped for good before the first sync", () => {
    const steps = ownerSteps(readme('homelab'));
    const [what] = steps[stepsOf(steps)("before homelab's first sync, stop Dokploy's Traefik and AdGuard Home on N5")];
    expect(what).toContain('then stop both containers for good (its restart policy turned off first, since Docker starts a stopped container of restart policy always again at the next boot');
  });
});

describe("mobius: the M1's failure silences every alert, which homelab's README says", () => {
  test('Prometheus, Alertmanager and notification-controller all run on m1-worker, and the step names the Watchdog heartbeat', () => {
    const stack = result.files.get('mobius/homelab/platform/kube-prometheus-stack.yaml')!;
    // Prometheus and Alertmanager are placed by the monitoring role, which m1-worker alone carries.
    expect(stack.match(/role\.homelab\.dev\/monitoring: 'true'/g)!.length).toBeGreaterThanOrEqual(2);
    const steps = ownerSteps(readme('homelab'));
    const [what] = steps[stepsOf(steps)('while m1-worker is down, nothing alerts')];
    expect(what).toContain("Prometheus, Alertmanager and Flux's notification-controller all run on it, so alerts and Flux's failure events stop with it");
    expect(what).toContain("The stack's Watchdog alert, which always fires, is the heartbeat that tells that silence: the chart routes it to receiver null");
    expect(what).toContain("to a dead man's switch outside homelab (the design names none)");
    expect(stepsOf(steps)('once m1-worker has joined, move notification-controller there')).toBeGreaterThanOrEqual(0);
  });
});

describe("mobius: the nodes switch resolvers before Dokploy's AdGuard Home stops, not after", () => {
  test("homelab's resolver step comes right before the step that stops Dokploy's AdGuard Home", () => {
    const steps = ownerSteps(readme('homelab'));
    const resolver = stepsOf(steps)("before homelab's first sync, and before Dokploy's AdGuard Home stops (the next step): while 192.168.4.53 is down");
    expect(steps[resolver + 1][0].startsWith("before homelab's first sync, stop Dokploy's Traefik and AdGuard Home on N5")).toBe(true);
  });
});
