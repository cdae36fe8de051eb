import type { PropProblem } from '../validation/known-props';
import { propContainers, type PropContainersProps } from './prop-containers';
import type { SecurityExemptions } from './security';

// ntopng captures with libpcap, which opens an AF_PACKET socket on the interface it reads: the kernel refuses the
// socket without CAP_NET_RAW, which the container's dropped capabilities take away (Docker keeps NET_RAW by default,
// so the image's `docker run --net=host ntop/ntopng -i eth0` never names it), and a user other than root holds no
// capability it is given. The interface is one of the pod's network namespace: off the host's network that is the
// pod's own eth0, so a mirror port of the node (`-i enp3s0`) is not there and the pod's own traffic is all it sees.
// Given a collector endpoint instead (`-i tcp://nprobe:5556`, `zmq://…`), a capture file or a view, it opens no socket.

/** ntop's images of ntopng: the stable one and the nightly `.dev` builds, of any architecture. */
const NTOPNG_IMAGE = /^(?:docker\.io\/)?ntop\/ntopng[\w.-]*(?=[:@]|$)/;

/** The folder of ntopng's configuration file, whose options (its interfaces among them) it reads as its own. */
const CONFIG_FOLDER = '/etc/ntopng';

/** What an app's props give its main container and its volumes, as the capture check reads them. */
export interface CaptureProps extends PropContainersProps {
  readonly exemptions?: Pick<SecurityExemptions, 'runAsRoot' | 'privileged' | 'addCapabilities' | 'hostNetwork'>;
}

/** The interfaces ntopng is told to read by `words` (`-i eth0`, `-ieth0`, `--interface=eth0`). Pure. */
function namedInterfaces(words: readonly unknown[]): string[] {
  return words.flatMap((word, i) => {
    const joined = typeof word === 'string' ? /^(?:-i|--interface=)(.+)$/.exec(word) : null;
    if (joined !== null) {
      return [joined[1]];
    }
    const next = words[i + 1];
    return (word === '-i' || word === '--interface') && typeof next === 'string' ? [next] : [];
  });
}

/** Whether an interface argument names a device to capture on, not a collector endpoint, a view or a capture file. Pure. */
function capturesDevice(name: string): boolean {
  return !/^(?:tcp|zmq|ipc|udp|kafka|syslog):\/\/|^view:|\.pcap(?:ng)?$|^\//.test(name);
}

/** Whether a container's exemptions let it open raw and packet sockets: it is privileged, or NET_RAW is added. Pure. */
export function mayOpenRawSockets(exemptions: Pick<SecurityExemptions, 'privileged' | 'addCapabilities'>): boolean {
  return exemptions.privileged !== undefined
    || (exemptions.addCapabilities?.capabilities ?? []).some((c) => typeof c === 'string' && c.toUpperCase().replace(/^CAP_/, '') === 'NET_RAW');
}

/**
 * ntopng told to capture on a device (or given no interface, when it captures on the first one it finds) without
 * what the capture needs: one problem on `exemptions.hostNetwork` for a device off the host's network, and one on
 * `image` for a container that may not open the socket (not root, or without NET_RAW and not privileged). A
 * configuration file among its words (`/etc/ntopng/ntopng.conf`) or a volume at its folder may name other
 * interfaces, and is left alone. Pure.
 */
export function packetCaptureProblems(props: CaptureProps, app: string): PropProblem[] {
  if (typeof props.image !== 'string' || !NTOPNG_IMAGE.test(props.image)
    || [...(propContainers(props, app)[0]?.mountPaths ?? [])].some((path) => path === CONFIG_FOLDER || path.startsWith(`${CONFIG_FOLDER}/`))) {
    return [];
  }
  const command = Array.isArray(props.command) ? props.command : [];
  const args = Array.isArray(props.args) ? props.args : [];
  if ([...command, ...args].some((word) => typeof word === 'string' && /\.conf$/.test(word) && !word.startsWith('-'))) {
    return [];
  }
  const named = [...namedInterfaces(command), ...namedInterfaces(args)];
  const devices = named.filter(capturesDevice);
  if (named.length > 0 && devices.length === 0) {
    return [];
  }
  const exemptions = props.exemptions ?? {};
  const what = devices.length === 0 ? 'the first interface it finds, as no -i names one' : `interface ${devices.join(', ')}`;
  const problems: PropProblem[] = [];
  if (exemptions.hostNetwork === undefined) {
    problems.push({
      field: 'exemptions.hostNetwork',
      message: `ntopng captures ${what} of the pod's own network, which holds only the pod's eth0: `
        + "a mirror port or the LAN's interface of the node is not there, and ntopng would see the pod's own traffic alone",
      hint: "run it on the node's network, where the node's interfaces are: exemptions: { hostNetwork: 'captures the mirror port of the node' }, "
        + "with placement on the host whose interface it reads; or send it flows to collect instead (-i tcp://<nprobe>:5556)",
    });
  }
  const root = exemptions.runAsRoot !== undefined || props.runAsUser === 0;
  const rawSocket = mayOpenRawSockets(exemptions);
  if (!root || !rawSocket) {
    problems.push({
      field: 'image',
      message: `ntopng captures ${what} with libpcap, whose packet socket the kernel opens only for a process holding NET_RAW: `
        + `${root ? "the container's capabilities leave NET_RAW out (every one is dropped unless added)" : 'the container runs as a user other than root, which holds no capability it is given'}, so ntopng cannot open the interface`,
      hint: "run it as root with the capability: exemptions: { runAsRoot: 'opens a packet socket', addCapabilities: { capabilities: ['NET_RAW'], reason: 'captures packets with libpcap' } }",
    });
  }
  return problems;
}
