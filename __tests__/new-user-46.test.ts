import { App as CdkApp } from 'cdk8s';
import { AppDevice, AppVolume, HomelabApp } from '../constructs';
import { synthesize } from '../constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { guarded } from './bad-input/lab';
import { aboutTheLab } from './support/synth';
import type { Host } from '../constructs';
import { cluster46, dockerSrv46, lab46, laptop46, srv46 } from './bad-input/cases-new-user-46';

// The compose homelab of the new user's month, written as the README and the findings told them: it synthesizes
// without a warning it does not deserve, and what it writes runs (the tunnel reaches its Service, the NAS is
// mounted over NFS, the JVM fits its container). Beside it, what the corpus's mistakes must not catch.

function synth(build: (app: CdkApp) => void) {
  const app = new CdkApp();
  guarded((a: CdkApp) => build(a))(app);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nu46-'));
  const result = synthesize(app, { outdir });
  const manifests = () => fs.readdirSync(path.join(outdir, 'lab46', 'k3s46'), { recursive: true }).map(String).filter((f) => f.endsWith('.yaml'))
    .map((f) => fs.readFileSync(path.join(outdir, 'lab46', 'k3s46', f), 'utf8')).join('\n');
  return { findings: aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`), manifests };
}

test('the moved lab synthesizes without errors or warnings', () => {
  const { findings, manifests } = synth((app) => {
    const cluster = cluster46(app, [srv46, laptop46]);
    const jellyfin = new HomelabApp(cluster, 'jellyfin', {
      namespace: 'media', image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }], route: { host: 'jellyfin' },
      placement: { host: srv46 }, gpu: { vendor: 'intel', renderGroup: 110 },
      persistence: {
        config: { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: '/config' },
        cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' },
        media: { volume: AppVolume.nfs(lab46.nfs.media, 'movies'), mountPath: '/media', readOnly: true },
      },
      resources: { memoryLimit: '2Gi', cpuLimit: '1500m' },
    });
    new HomelabApp(cluster, 'cloudflared', {
      image: 'cloudflare/cloudflared:2024.12.2', args: ['tunnel', '--no-autoupdate', '--url', 'http://jellyfin.media:8096', 'run'],
      egress: [jellyfin],
    });
    new HomelabApp(cluster, 'minecraft', {
      image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'mc', port: 25565, nodePort: 30565 }], placement: { host: srv46 }, exemptions: { nodePort: 'players connect to the server on the LAN' },
      env: { EULA: 'TRUE', MEMORY: '3G', TZ: 'Europe/Oslo' }, resources: { memoryLimit: '4Gi' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/data' } },
    });
  });
  expect(findings).toEqual([]);
  expect(manifests()).toContain('path: /volume1/media/movies');
});

/** The errors of one app of the lab that mounts the host path `path` (of `type`) on `hosts`, placed on the first. */
function hostPathErrors(hosts: Host[], path: string, type?: 'Socket', image = 'amir20/dozzle:v8.8.2'): string[] {
  return synth((app) => {
    new HomelabApp(cluster46(app, hosts), 'dozzle', {
      image, ports: [{ name: 'http', port: 8080 }], placement: { host: hosts[0] },
      exemptions: { hostPath: "reads the logs of the compose stacks still on the server's Docker" },
      persistence: { host: { volume: AppVolume.hostPath(path, type), mountPath: path, readOnly: true } },
    });
  }).findings.filter((f) => f.startsWith('error'));
}

test("Docker's socket on a host that runs Docker beside K3s, the app placed there, is taken", () => {
  expect(hostPathErrors([dockerSrv46, laptop46], '/var/run/docker.sock', 'Socket')).toEqual([]);
});

test("a host folder of the node's own disk, outside every NFS export's path, is left alone", () => {
  // A web server of the files: Dozzle without Docker's socket would read nothing, which is another finding.
  expect(hostPathErrors([srv46], '/srv/files', undefined, 'nginxinc/nginx-unprivileged:1.27.0')).toEqual([]);
});

test("a call to localhost on a port of the pod's own container, or from the host's network, is no loopback mistake", () => {
  const { findings } = synth((app) => {
    const cluster = cluster46(app);
    new HomelabApp(cluster, 'paperless', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      sidecars: [{ name: 'exporter', image: 'nginxinc/nginx-unprivileged:1.27.0', env: { TARGET_URL: 'http://localhost:8080/metrics' } }],
    });
    new HomelabApp(cluster, 'home-assistant', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8123 }], placement: { host: srv46 },
      exemptions: { hostNetwork: 'mDNS discovery of the devices on the LAN' }, env: { MQTT_URL: 'mqtt://localhost:1883' },
    });
  });
  expect(findings.filter((f) => /loopback/.test(f))).toEqual([]);
});

test('values that hold quotes or underscores for their own reasons are left alone', () => {
  const { findings } = synth((app) => {
    const cluster = cluster46(app);
    new HomelabApp(cluster, 'minecraft', {
      image: 'itzg/minecraft-server:2024.12.1', ports: [{ name: 'mc', port: 25565 }], placement: { host: srv46 },
      env: { EULA: 'TRUE', MEMORY: '1G', SERVER_NAME: 'dads_world', MOTD: 'say "hi"', DB_NAME: 'immich_db', OPS: '["alice"]' },
      resources: { memoryLimit: '2Gi' }, persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/data' } },
    });
  });
  expect(findings).toEqual([]);
});

test('a device of the server is still handed to Zigbee2MQTT placed on it', () => {
  const { findings } = synth((app) => {
    const cluster = cluster46(app, [srv46, laptop46]);
    new HomelabApp(cluster, 'zigbee2mqtt', {
      image: 'koenkk/zigbee2mqtt:1.42.0', ports: [{ name: 'http', port: 8080 }], placement: { host: srv46 },
      exemptions: { hostPath: 'the Zigbee stick', privileged: 'opens the stick, which no device plugin hands over' },
      devices: [AppDevice.hostDevice('/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus-if00-port0')],
      env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus-if00-port0' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/app/data' } },
    });
  });
  expect(findings.filter((f) => /docker|loopback|quotes|'_'/.test(f))).toEqual([]);
});
