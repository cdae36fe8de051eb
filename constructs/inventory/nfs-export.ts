import { Fact, isPlaceholder, PendingFact, PendingFacts } from './placeholder';
import { describeValue, InventoryObject, InventoryProblem } from './problems';
import { isSize, quantityValue } from '../validation/quantity';
import { closestName } from '../validation/closest-name';
import { ipAddressProblem, parseIpAddress } from './ip-address';
import { requiredArgument } from '../platform/component-arguments';

/** An NFS export that pods may mount. */
export interface NfsExportProps {
  /** NFS server name or address, e.g. `nfs.limiting-factor.tailnet`; may be a placeholder. */
  readonly server: Fact<string>;
  /** Exported path on the server, e.g. `/export/kubernetes`; may be a placeholder. */
  readonly path: Fact<string>;
  /**
   * What the export holds, as a Kubernetes quantity with its unit: decimal as a disk's maker states it
   * (`1T` for a 1 TB disk) or binary as `df -h` shows it (`900Gi`); may be a placeholder. The claims on the
   * export (through an `nfsStorage()` tier, or bound to a static PersistentVolume of it) are checked against
   * it: NFS enforces no claim's size, so only this check sees them fill the disk.
   * @default - unknown: the claims are not checked
   */
  readonly capacity?: Fact<string>;
}

/** An NFS export of the site; volumes mount it, or a sub-directory of it. */
export class NfsExport implements InventoryObject {
  /** NFS server. */
  public readonly server: string;
  /** Exported path. */
  public readonly path: string;
  /** What the export holds, as written (a Kubernetes quantity); undefined when unknown. */
  public readonly capacity?: string;
  /** `capacity` in bytes; undefined when unknown or not a size. */
  public readonly capacityBytes?: number;
  /** Whether `capacity` is a placeholder's stand-in rather than the owner's fact. */
  public readonly capacityIsPlaceholder: boolean;
  /** Problems in the export's facts. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the export is, for findings. */
  public readonly inventoryPath: string;
  /** Name of the site whose inventory declares the export; undefined for an export made on its own. */
  public readonly siteName?: string;
  private readonly facts: PendingFacts;

  constructor(
    public readonly name: string,
    props: NfsExportProps,
    siteName?: string,
    /** @internal Whether the site reported the export as written in a form no server and path could be read from. */
    formReported = false,
  ) {
    this.inventoryPath = siteName ? `inventory/site/${siteName}/nfs/${name}` : `inventory/nfs/${name}`;
    this.siteName = siteName;
    this.facts = new PendingFacts(`nfs ${name}`, this.problems);
    this.server = this.facts.read(props?.server, 'server') as string;
    this.path = this.facts.read(props?.path, 'path') as string;
    this.capacityIsPlaceholder = isPlaceholder(props?.capacity);
    this.capacity = this.facts.read(props?.capacity, 'capacity');
    this.capacityBytes = isSize(this.capacity) ? quantityValue(this.capacity) : undefined;
    if (formReported) {
      return;
    }
    // A fact written under a misspelt name (`paht`) is that one error, below: it is not also missing.
    const unknown = unknownNfsFactProblems(props);
    const meant = (fact: 'server' | 'path', value: unknown) => value === undefined && unknown.some((problem) => closestName(problem.field, NFS_EXPORT_FACTS) === fact);
    if (meant('server', this.server) || meant('path', this.path)) {
      this.problems.push(...unknown);
      return;
    }
    if (typeof this.server !== 'string' || this.server === '') {
      this.problems.push({ field: 'server', message: `NFS server ${describeValue(this.server)} is not a host name or address`, hint: 'name the NFS server, e.g. nas.lab.example' });
    }
    if (typeof this.server === 'string') {
      this.problems.push(...nfsServerProblems(this.server));
    }
    const wholeSource = typeof this.path === 'string' ? mountSourcePathProblem(this.server, this.path) : undefined;
    if (typeof this.path === 'string' && /^(\\\\|\/\/)[^\\/]+[\\/]/.test(this.path)) {
      // \\nas\share, as Windows' Explorer writes a share: SMB's form, which no NFS mount reads.
      this.problems.push({
        field: 'path', message: `exported path ${describeValue(this.path)} is a Windows (SMB) share, which no NFS mount reads`,
        hint: "give the path the NFS server exports, as showmount -e <server> lists it, e.g. path: '/export/media'",
      });
    } else if (wholeSource !== undefined) {
      this.problems.push(wholeSource);
    } else if (typeof this.path !== 'string' || !this.path.startsWith('/')) {
      this.problems.push({ field: 'path', message: `exported path ${describeValue(this.path)} is not absolute`, hint: 'give the path as the server exports it, starting with /' });
    } else {
      this.problems.push(...nfsPathProblems(this.path));
    }
    if (this.capacity !== undefined && !isSize(this.capacity)) {
      this.problems.push(nfsCapacityProblem(this.capacity));
    }
    this.problems.push(...unknown);
  }

  /** Facts of this export that are still placeholders. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /**
   * The server as a mount source names it (`<server>:<path>`): an IPv6 address in brackets, as mount.nfs reads
   * one and the kubelet's NFS volume, which joins server and path with a colon, passes it on; else as written.
   */
  public get mountServer(): string {
    return typeof this.server === 'string' && parseIpAddress(this.server)?.family === 6 ? `[${this.server}]` : this.server;
  }

  /** The path of a sub-directory of the export. */
  public subPath(relative: string): string {
    requiredArgument(relative, 'subPath()', 'subPath.relative', 'string', "the folder inside the export, e.g. share.subPath('media')");
    return `${String(this.path).replace(/\/$/, '')}/${relative.replace(/^\//, '')}`;
  }
}

/** The facts of an NFS export. */
const NFS_EXPORT_FACTS: readonly string[] = ['server', 'path', 'capacity'];

/** Keys other inventories give a share's size; here the export's `capacity` holds it. */
const SIZE_HABITS = /^(size|disk|storage|quota|space|total|(size|capacity)(gigabytes|terabytes|gb|tb|bytes)?)$/i;

/**
 * Keys of an export that are none of its facts, which would be ignored: a size under another name
 * (`size`, `sizeTerabytes`) would leave the claims on the export unchecked with no word said. Pure.
 */
function unknownNfsFactProblems(props: unknown): InventoryProblem[] {
  const given = typeof props === 'object' && props !== null ? Object.keys(props) : [];
  return given.filter((key) => !NFS_EXPORT_FACTS.includes(key)).map((key) => {
    const near = SIZE_HABITS.test(key) ? 'capacity' : closestName(key, NFS_EXPORT_FACTS);
    return {
      field: key, message: `"${key}" is not a fact of an NFS export; it would be ignored`,
      hint: near === 'capacity' ? "write the export's size as capacity, a Kubernetes quantity: capacity: '1T'"
        : near !== undefined ? `did you mean "${near}"?` : `its facts are ${NFS_EXPORT_FACTS.join(', ')}`,
    };
  });
}

/**
 * What is wrong with an export's capacity that is no Kubernetes size: `1TB` or `500GB` as people write a
 * disk's size (Kubernetes spells them `1T`, `500G`), a bare number, or zero. Pure.
 */
function nfsCapacityProblem(capacity: unknown): InventoryProblem {
  const written = typeof capacity === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([KMGTPE])(i?)B\s*$/i.exec(capacity) : null;
  const unit = written ? (written[3] ? `${written[2].toUpperCase()}i` : written[2].toUpperCase().replace(/^K$/, 'k')) : undefined;
  return {
    field: 'capacity',
    message: `capacity ${describeValue(capacity)} is not a size such as 1T or 900Gi`,
    hint: written && unit ? `write capacity: '${written[1]}${unit}' (Kubernetes writes a unit without its B)`
      : "give what the export holds with its unit, e.g. capacity: '1T' for a 1 TB disk, or a placeholder when unknown",
  };
}

/**
 * What is wrong with an NFS server written as a Windows share names its server (`\\nas`), as a mount source or a URL (`nas:/export`, `nfs://nas`), with a port
 * (`nas:2049`) or as an IPv4 address with leading zeros (which the mount reads as octal): the volume's `server`
 * takes a host name or address alone, and the kubelet's mount would fail or reach another host; a `.local`
 * name (a warning) resolves only where the node runs an mDNS resolver. Pure.
 */
function nfsServerProblems(server: string): InventoryProblem[] {
  // \\nas or \\nas\share, as Windows names an SMB server: a host name never holds a backslash.
  const unc = /^\\+([^\\]*)/.exec(server);
  if (unc) {
    return [{
      field: 'server', message: `NFS server "${server}" is written as Windows writes an SMB server (\\\\<name>), which no NFS mount reads`,
      hint: `write server: '${unc[1] || 'nas.lab.example'}' alone, and under path the folder the server exports over NFS, as showmount -e <server> lists it`,
    }];
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(server);
  if (scheme) {
    const host = server.slice(scheme[0].length).replace(/[/:].*$/, '');
    return [{ field: 'server', message: `NFS server "${server}" is a URL; the volume takes the server's name or address alone`, hint: `write server: '${host}', and the exported path under path` }];
  }
  const cut = server.indexOf('/');
  if (cut >= 0) {
    const host = server.slice(0, cut).replace(/:$/, '');
    const path = server.slice(cut);
    return [{ field: 'server', message: `NFS server "${server}" carries a path; the volume takes the server's name or address alone`, hint: `split it: server: '${host}', path: '${path}'` }];
  }
  const port = /^([^:]+):(\d+)$/.exec(server);
  if (port) {
    // The volume's server is a host: the kubelet mounts NFSv4 on 2049 or asks rpcbind, and reads no port here.
    return [{
      field: 'server', message: `NFS server "${server}" carries a port; the volume takes the server's name or address alone, and the mount would look for a host named "${server}"`,
      hint: `write server: '${port[1]}' (the mount reaches NFS on its own port, 2049)`,
    }];
  }
  if (/^\d+(\.\d+){3}$/.test(server)) {
    const address = ipAddressProblem(server, "give the server's IPv4 address, e.g. 192.168.1.5");
    if (address !== undefined) {
      return [{ field: 'server', message: `NFS server ${address.message}`, hint: address.hint }];
    }
  }
  if (/\.local\.?$/i.test(server)) {
    // The mount resolves the name on the node (or in the CSI driver's pod), where nothing answers multicast DNS.
    return [{
      field: 'server', severity: 'warning',
      message: `NFS server "${server}" is under .local, a multicast DNS name that the nodes resolve only where their OS runs an mDNS resolver (Talos and the NFS CSI driver's pods have none): the mount would not find the server`,
      hint: "give the server's address, e.g. server: '192.168.1.5', or a name the lab's DNS server answers",
    }];
  }
  return [];
}

/** An export as the site's inventory reads it, and what was wrong with how it was written. */
export interface WrittenNfsExport {
  /** The export's props: as written, or the server and path a mount source or URL stands for. */
  readonly props: NfsExportProps;
  /** Why the export is not written `{ server, path }`, and the form it takes. @default - it is */
  readonly problem?: { readonly message: string; readonly hint: string };
  /** Whether `problem` says all there is to say (no server and path could be read from it). */
  readonly formReported: boolean;
}

/**
 * Reads an NFS export of the site as written. An export is `{ server, path }`; one written as fstab and
 * `mount` write its source (`'nas:/export/media'`) or as a URL (`'nfs://nas/export/media'`) is one problem
 * that gives the `{ server, path }` it stands for, and the export is read as that. Pure.
 */
export function writtenNfsExport(name: string, written: unknown): WrittenNfsExport {
  if (typeof written !== 'string') {
    return { props: written as NfsExportProps, formReported: false };
  }
  const source = mountSource(written);
  if (source === undefined) {
    return {
      props: { server: '', path: '' }, formReported: true,
      problem: { message: `NFS export "${name}" is ${describeValue(written)}, not its server and path`, hint: "write { server: 'nas.lab.example', path: '/export/media' }" },
    };
  }
  const { server, path } = source;
  return {
    props: { server, path }, formReported: false,
    problem: { message: `NFS export "${name}" is written as a mount source (${describeValue(written)}); an export of the inventory is { server, path }`, hint: `write { server: '${server}', path: '${path}' }` },
  };
}

/**
 * The server and path of an export written as fstab and `mount` write its source (`nas:/export/media`) or as a URL
 * (`nfs://nas/export/media`), a port and an IPv6 address's brackets left out; undefined for any other text. Pure.
 */
function mountSource(written: string): { readonly server: string; readonly path: string } | undefined {
  const source = /^(?:nfs:\/\/)?(\[[^\]]+\]|[^/:\s]+)(?::\d+)?:?(\/\S*)$/i.exec(written.trim());
  return source === null ? undefined : { server: source[1].replace(/^\[|\]$/g, ''), path: source[2] };
}

/**
 * An exported `path` written as a whole mount source (`nas:/volume1/photos`, as fstab writes it), its server
 * given again: the kubelet would mount `<server>:nas:/volume1/photos`, which no server exports. The hint keeps
 * the path alone, and names the source's server where it is not `server`. Pure.
 */
function mountSourcePathProblem(server: string, path: string): InventoryProblem | undefined {
  // The server's colon (or nfs://) is what makes it a source: `export/media` is a path that lacks its first slash.
  const source = /^(?:nfs:\/\/|[^/\\\s]+:\/)/i.test(path.trim()) ? mountSource(path) : undefined;
  if (source === undefined) {
    return undefined;
  }
  const otherServer = source.server === server ? '' : ` (and server: '${source.server}', if that is the server meant rather than ${describeValue(server)})`;
  return {
    field: 'path', message: `exported path ${describeValue(path)} is a whole mount source, <server>:<path>, as fstab writes it; the export's server is its server fact already`,
    hint: `give the path alone: path: '${source.path}'${otherServer}`,
  };
}

/**
 * What the mount would not find in an absolute exported `path`: blanks at its ends, which a copy from a
 * terminal brings and the server takes as part of the name, and `.` or `..` steps, which the server does
 * not resolve against its exports, so the mount is refused. Pure.
 */
function nfsPathProblems(path: string): InventoryProblem[] {
  if (path.trim() !== path) {
    return [{ field: 'path', message: `exported path ${JSON.stringify(path)} has blanks at its ends`, hint: `write it without them: path: '${path.trim()}'` }];
  }
  const steps = path.split('/').filter((step) => step === '.' || step === '..');
  return steps.length === 0 ? [] : [{
    field: 'path', message: `exported path ${JSON.stringify(path)} steps through ${steps.map((step) => `'${step}'`).join(', ')}, which the NFS server does not resolve`,
    hint: 'give the path exactly as the server exports it (as /etc/exports or `showmount -e` lists it)',
  }];
}
