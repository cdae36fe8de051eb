import { describeValue, InventoryObject, InventoryProblem } from './problems';

/** An NFS export that pods may mount. */
export interface NfsExportProps {
  /** NFS server name or address, e.g. `nfs.limiting-factor.tailnet`. */
  readonly server: string;
  /** Exported path on the server, e.g. `/export/kubernetes`. */
  readonly path: string;
}

/** An NFS export of the site; volumes mount it, or a sub-directory of it. */
export class NfsExport implements InventoryObject {
  /** NFS server. */
  public readonly server: string;
  /** Exported path. */
  public readonly path: string;
  /** Problems in the export's facts. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the export is, for findings. */
  public readonly inventoryPath: string;

  constructor(public readonly name: string, props: NfsExportProps, siteName?: string) {
    this.inventoryPath = siteName ? `inventory/site/${siteName}/nfs/${name}` : `inventory/nfs/${name}`;
    if (typeof props?.server !== 'string' || props.server === '') {
      this.problems.push({ field: 'server', message: `NFS server ${describeValue(props?.server)} is not a host name or address`, hint: 'name the NFS server, e.g. nas.lab.example' });
    }
    if (typeof props?.path !== 'string' || !props.path.startsWith('/')) {
      this.problems.push({ field: 'path', message: `exported path ${describeValue(props?.path)} is not absolute`, hint: 'give the path as the server exports it, starting with /' });
    }
    this.server = props?.server;
    this.path = props?.path;
  }

  /** The path of a sub-directory of the export. */
  public subPath(relative: string): string {
    return `${String(this.path).replace(/\/$/, '')}/${relative.replace(/^\//, '')}`;
  }
}
