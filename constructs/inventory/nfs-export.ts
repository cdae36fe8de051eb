/** An NFS export that pods may mount. */
export interface NfsExportProps {
  /** NFS server name or address, e.g. `nfs.limiting-factor.tailnet`. */
  readonly server: string;
  /** Exported path on the server, e.g. `/export/kubernetes`. */
  readonly path: string;
}

/** An NFS export of the site; volumes mount it, or a sub-directory of it. */
export class NfsExport {
  /** NFS server. */
  public readonly server: string;
  /** Exported path. */
  public readonly path: string;

  constructor(public readonly name: string, props: NfsExportProps) {
    if (!props.path.startsWith('/')) {
      throw new Error(`NFS export "${name}": path "${props.path}" must be absolute`);
    }
    this.server = props.server;
    this.path = props.path;
  }

  /** The path of a sub-directory of the export. */
  public subPath(relative: string): string {
    return `${this.path.replace(/\/$/, '')}/${relative.replace(/^\//, '')}`;
  }
}
