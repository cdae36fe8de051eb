import { SEAWEEDFS_IMAGE } from '../app/object-store-images';
import type { Call } from './app-calls';

// SeaweedFS' servers find each other by the flags of `weed`: a volume server its masters (`-mserver`, `-master`),
// a filer its masters (`-master`), the S3 gateway, mount and WebDAV their filer (`-filer`), a master its peers
// (`-peers`), each a comma-separated list of `host:port`. Each speaks HTTP on that port and gRPC on the port
// 10000 above it (9333 and 19333 for a master, 8888 and 18888 for a filer) unless the address names it after a dot
// (`host:9333.19444`): a Service that serves the HTTP port alone leaves the gRPC calls refused.

/** The flags of `weed` that name the servers a server calls. */
const PEER_FLAG = /^--?(mserver|master|filer|peers)(?:=(.*))?$/;

/** How far above its HTTP port a SeaweedFS server listens for gRPC unless told otherwise. */
export const SEAWEEDFS_GRPC_OFFSET = 10000;

/**
 * The calls of a SeaweedFS container's peer flags (none for another image): each `host:port` of each list, on
 * the HTTP port it writes and on the gRPC port it implies, on the field of the word that holds the list. The two
 * share a name, so a peer is told of once: what refuses one of its ports is told, and its other port is not. Pure.
 */
export function seaweedfsPeerCalls(container: Record<string, unknown>, path: string): Call[] {
  if (typeof container.image !== 'string' || !SEAWEEDFS_IMAGE.test(container.image)) {
    return [];
  }
  const command: unknown[] = Array.isArray(container.command) ? container.command : [];
  const words = [...command, ...(Array.isArray(container.args) ? container.args : [])];
  const fieldOf = (i: number) => (i < command.length ? `${path}.command[${i}]` : `${path}.args[${i - command.length}]`);
  return words.flatMap((word, i): Call[] => {
    const flag = typeof word === 'string' ? PEER_FLAG.exec(word) : null;
    const next = words[i + 1];
    const [list, at] = flag?.[2] !== undefined ? [flag[2], i] : [typeof next === 'string' ? next : undefined, i + 1];
    if (flag === null || list === undefined) {
      return [];
    }
    const label = `weed -${flag[1]}`;
    return list.split(',').map((peer) => peer.trim()).flatMap((peer): Call[] => {
      const address = /^([^:/\s]+):(\d{1,5})(?:\.(\d{1,5}))?$/.exec(peer);
      if (address === null) {
        return [];
      }
      const [, host, port, grpc] = address;
      const grpcPort = grpc === undefined ? Number(port) + SEAWEEDFS_GRPC_OFFSET : Number(grpc);
      return [
        { label, name: `${label} ${host}:${port}`, value: `${host}:${port}`, field: fieldOf(at), command: true },
        {
          label: `${label} (gRPC${grpc === undefined ? `, ${port} + ${SEAWEEDFS_GRPC_OFFSET}` : ''})`, name: `${label} ${host}:${port}`,
          value: `${host}:${grpcPort}`, field: fieldOf(at), command: true,
          unservedHint: `SeaweedFS calls gRPC on port ${grpcPort}${grpc === undefined ? `, ${SEAWEEDFS_GRPC_OFFSET} above the HTTP port it is given` : ''}: `
            + `serve it beside ${port}, ports: [{ name: 'http', port: ${port} }, { name: 'grpc', port: ${grpcPort} }] on the app behind ${host}`,
        },
      ];
    });
  });
}
