import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, synthesize } from '../constructs';
import type { ClusterChart } from '../constructs';
import { lab, labCluster } from './bad-input/lab';
import { rows } from './support/readme';

// An in-tree NFS volume keeps the owners the server gives its files: the pod's fsGroup does not reach them. The
// owner's step that makes a folder of the export names the user the app writes or reads it as.

/** The owner step (what, command) that makes folder `books` of the lab's export for the app `build` adds. */
function folderStep(build: (cluster: ClusterChart) => void): [string, string] {
  const app = new CdkApp();
  build(labCluster(app));
  const result = synthesize(app, { outdir: 'unused', write: false });
  const readme = [...result.files].find(([file]) => file.endsWith('/README.md'))![1];
  const step = rows(readme).find(([what]) => what.startsWith('create the folder /export/books on NFS server nas.lab.test'));
  expect(step).toBeDefined();
  return step!;
}

const books = (readOnly?: boolean) => ({ volume: AppVolume.nfs(lab.nfs.share, 'books'), mountPath: '/books', readOnly });

test('an app that writes its folder as its own user gets the folder, with what is in it, as that user', () => {
  const [what, command] = folderStep((cluster) => new App(cluster, 'reader', {
    image: 'ghcr.io/example/reader:1.0.0', namespace: 'books', ports: [{ name: 'http', port: 8080 }], runAsUser: 2000, runAsGroup: 3000,
    persistence: { books: books() },
  }));
  expect(what).toContain('give it, with everything in it, to uid 2000, the user reader writes it as');
  expect(what).toContain('(reader mounts it at /books)');
  expect(command).toBe('mkdir -p /export/books && chown -R 2000:3000 /export/books');
});

test('a linuxserver.io image, started as root, writes as its PUID and PGID', () => {
  const [what, command] = folderStep((cluster) => new App(cluster, 'calibre', {
    image: 'lscr.io/linuxserver/calibre-web:0.6.24', namespace: 'books', ports: [{ name: 'http', port: 8083 }],
    env: { PUID: '1001', PGID: '1002' },
    exemptions: {
      runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
      writableRootFilesystem: 's6-overlay writes its service tree under /run',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 's6-overlay drops to PUID; its init signals the app' },
    },
    persistence: { books: books() },
  }));
  expect(what).toContain('to uid 1001, the user calibre writes it as');
  expect(command).toBe('mkdir -p /export/books && chown -R 1001:1002 /export/books');
});

test('an app that only reads its folder keeps the files where they are, readable by its user', () => {
  const [what, command] = folderStep((cluster) => new App(cluster, 'reader', {
    image: 'ghcr.io/example/reader:1.0.0', namespace: 'books', ports: [{ name: 'http', port: 8080 }],
    persistence: { books: books(true) },
  }));
  expect(what).toContain('with its files readable by uid 1000, the user reader reads them as (reader mounts it at /books, read-only)');
  expect(command).toBe('');
});
