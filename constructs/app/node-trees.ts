// A hostPath volume reads either the node itself (its devices, kernel, configuration, logs, runtime sockets:
// the same path means the same thing on every node, and an agent reads its own node's) or a folder of data
// kept on one machine, which another node holds another copy of, or none.

/** Trees of a node's own system, which every node has: not a folder of data one machine keeps. */
const NODE_TREES = ['/dev', '/sys', '/proc', '/run', '/var/run', '/etc', '/var/log', '/var/lib/kubelet', '/var/lib/containerd', '/var/lib/docker', '/lib/modules', '/usr', '/boot', '/tmp'];

/** Whether `path` lies in a tree of the node's own system ({@link NODE_TREES}), or is the root. Pure. */
export function isNodeTree(path: string): boolean {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' || NODE_TREES.some((tree) => trimmed === tree || trimmed.startsWith(`${tree}/`));
}
