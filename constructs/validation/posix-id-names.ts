// A user or group written by its name where an id belongs (`renderGroup: 'render'`, `runAsUser: 'jdoe'`), as a
// compose file's `user: jdoe` or `group_add: [render]` takes it: a pod's security context takes numbers alone, which
// the node's own tables give.

/** How to write a user or group id given as text: its number, as the node looks the name up, or the digits unquoted; undefined for other values. Pure. */
export function posixIdNameHint(value: unknown, path: string): string | undefined {
  const key = path.split('.').pop() ?? path;
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return `write the number without quotes: ${key}: ${value.trim()}`;
  }
  const group = /group/i.test(key);
  const lookup = group ? `getent group ${value.trim()}` : `id -u ${value.trim()}`;
  return `${path} takes the ${group ? 'group' : 'user'}'s id, not its name: \`${lookup}\` on the host prints it (${group ? `${value.trim()}:x:993:` : '1000'}), e.g. ${key}: ${group ? 993 : 1000}`;
}
