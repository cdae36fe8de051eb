import { sitesInMemory } from './support/synth';

// A linuxserver.io image starts s6-overlay as root and drops to PUID with setuid(2) and the capabilities it is
// given (CHOWN, SETUID, SETGID, …); no_new_privs leaves that allowed, so none of the sites' containers of such
// an image may gain privileges through a setuid binary.

const result = sitesInMemory();

/** Every container of a linuxserver.io image in the sites' pod templates, with its cluster folder. */
function linuxServerContainers(): Array<{ folder: string; name: string; securityContext: Record<string, unknown> | undefined }> {
  const found: Array<{ folder: string; name: string; securityContext: Record<string, unknown> | undefined }> = [];
  for (const cluster of result.clusters) {
    for (const object of cluster.objects.map((o) => o.manifest as any)) {
      const spec = object?.spec?.template?.spec ?? object?.spec?.jobTemplate?.spec?.template?.spec;
      for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
        if (typeof container.image === 'string' && /^(?:lscr\.io\/)?linuxserver\//.test(container.image)) {
          found.push({ folder: cluster.folder, name: container.name, securityContext: container.securityContext });
        }
      }
    }
  }
  return found;
}

test('the sites run linuxserver.io images, each container with allowPrivilegeEscalation false', () => {
  const containers = linuxServerContainers();
  expect(containers.length).toBeGreaterThan(5);
  expect(containers.filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)).toEqual([]);
});

test('no object of the sites records a privilege-escalation exemption for s6-overlay', () => {
  const annotated = [...result.files].filter(([, text]) => /privilege-escalation: s6-overlay/.test(text)).map(([file]) => file);
  expect(annotated).toEqual([]);
});
