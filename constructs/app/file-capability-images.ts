import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';
import { TURN_RELAY_IMAGE } from './turn-relay-image';
import { imageRows } from './image-rows';

/** An image whose server binary carries file capabilities with the effective bit (`setcap 'cap_…=+eip'`). */
interface FileCapabilityImage {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** What it runs, as messages name it. */
  readonly server: string;
  /** The binary, as messages name it. */
  readonly binary: string;
  /** The capabilities set on the binary. */
  readonly capabilities: readonly string[];
  /**
   * What becomes of the server without them where the image's newer releases start anyway: judged then only for a
   * container that declares a port below 1024, which it binds with them alone. @default - every release refuses to start
   */
  readonly newerReleases?: string;
}

/**
 * Images whose server binary carries capabilities with the effective bit: AdGuard Home's, whose Dockerfile runs
 * `setcap 'cap_net_bind_service=+eip' /opt/adguardhome/AdGuardHome`, and coturn's (Debian and Alpine alike), whose
 * Dockerfiles run `setcap CAP_NET_BIND_SERVICE=+ep /usr/bin/turnserver` for the `nobody` user they run as. Blocky's
 * build sets `cap_net_bind_service=+ep` on `/app/blocky` for its user 100 (`BIN_AUTOCAB`; "exec /app/blocky: operation
 * not permitted" under `drop: [ALL]`); its capability-aware image sets the capability permitted only and raises it at
 * start, so it starts without it but cannot bind DNS' 53.
 */
const FILE_CAPABILITY_IMAGES: readonly FileCapabilityImage[] = [
  { image: /^((docker\.io|ghcr\.io)\/)?adguard\/adguardhome(?=[:@]|$)/, server: 'AdGuard Home', binary: '/opt/adguardhome/AdGuardHome', capabilities: ['NET_BIND_SERVICE'] },
  { image: TURN_RELAY_IMAGE, server: 'coturn', binary: '/usr/bin/turnserver', capabilities: ['NET_BIND_SERVICE'] },
  {
    image: /^((docker\.io\/)?spx01|ghcr\.io\/0xerr0r)\/blocky(?=[:@]|$)/, server: 'Blocky', binary: '/app/blocky', capabilities: ['NET_BIND_SERVICE'],
    newerReleases: 'its capability-aware releases start but cannot bind the port',
  },
];

/**
 * Whether a container declares a port below 1024 (`ports` as `AppPort`s) that only NET_BIND_SERVICE lets a user other
 * than root bind: one below `openFrom`, the pod's `net.ipv4.ip_unprivileged_port_start` (1024 unless its `sysctls` lower it). Pure.
 */
function declaresLowPort(ports: unknown, openFrom: number): boolean {
  return Array.isArray(ports) && ports.some((p) => typeof p?.port === 'number' && p.port < Math.min(1024, openFrom));
}

/** The first port the pod's `sysctls` let every user bind (`net.ipv4.ip_unprivileged_port_start`), 1024 when they leave it. Pure. */
function unprivilegedPortStart(props: unknown): number {
  const sysctls = props !== null && typeof props === 'object' ? (props as { sysctls?: unknown }).sysctls : undefined;
  const value = sysctls !== null && typeof sysctls === 'object' ? Number((sysctls as Record<string, unknown>)['net.ipv4.ip_unprivileged_port_start']) : NaN;
  return Number.isFinite(value) ? value : 1024;
}

/**
 * Containers of an image whose server binary carries file capabilities with the effective bit, with one of
 * them dropped: the kernel refuses to run a binary that would start without a capability it must have at
 * start ("exec user process caused: operation not permitted"), whatever port it listens on. One error per
 * container, on its `image`, whose hint adds the capabilities. A privileged container or a replaced
 * entrypoint (`command`) is left alone. `app` is the main container's name. Pure.
 */
export function fileCapabilityProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  // A port the pod's sysctl opens to every user is bound by a release that starts without the capability.
  const openFrom = unprivilegedPortStart(props);
  return containers.flatMap(({ container, prefix }) => {
    const image = container.image;
    const known = typeof image === 'string' ? imageRows(FILE_CAPABILITY_IMAGES, image)[0] : undefined;
    const exemptions = container.exemptions ?? {};
    if (known === undefined || container.command !== undefined || exemptions.privileged !== undefined
      || (known.newerReleases !== undefined && !declaresLowPort(container.ports, openFrom))) {
      return [];
    }
    const added = Array.isArray(exemptions.addCapabilities?.capabilities) ? exemptions.addCapabilities!.capabilities : [];
    const missing = known.capabilities.filter((cap) => !added.includes(cap));
    if (missing.length === 0) {
      return [];
    }
    const capabilities = [...added, ...missing].map((cap) => `'${cap}'`).join(', ');
    return [{
      field: `${prefix}image`,
      message: `image "${image}" runs ${known.server}, whose binary ${known.binary} carries the file capabilities ${known.capabilities.join(', ')}; with ${missing.join(', ')} dropped `
        + (known.newerReleases === undefined ? 'the kernel refuses to run it ("operation not permitted"), whatever port it listens on'
          : `the kernel refuses to run it ("operation not permitted"), and ${known.newerReleases} below 1024 it declares`),
      hint: `add ${missing.length === 1 ? 'it' : 'them'}: ${prefix}exemptions: { addCapabilities: { capabilities: [${capabilities}], reason: 'its binary carries ${known.capabilities.join(', ')} as a file capability' } }`,
    }];
  });
}
