import { Fact, PendingFact, PendingFacts } from './placeholder';

/** An NFS export that pods may mount. */
export interface NfsExportProps {
  /** NFS server name or address, e.g. `nfs.limiting-factor.tailnet`; may be a placeholder. */
  readonly server: Fact<string>;
  /** Exported path on the server, e.g. `/export/kubernetes`; may be a placeholder. */
  readonly path: Fact<string>;
}

/** An NFS export of the site; volumes mount it, or a sub-directory of it. */
export class NfsExport {
  /** NFS server. */
  public readonly server: string;
  /** Exported path. */
  public readonly path: string;
  private readonly facts: PendingFacts;

  constructor(public readonly name: string, props: NfsExportProps) {
    this.facts = new PendingFacts(`nfs ${name}`);
    this.server = this.facts.read(props.server, 'server');
    this.path = this.facts.read(props.path, 'path');
    if (!this.path.startsWith('/')) {
      throw new Error(`NFS export "${name}": path "${this.path}" must be absolute`);
    }
  }

  /** Facts of this export that are still placeholders. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /** The path of a sub-directory of the export. */
  public subPath(relative: string): string {
    return `${this.path.replace(/\/$/, '')}/${relative.replace(/^\//, '')}`;
  }
}
