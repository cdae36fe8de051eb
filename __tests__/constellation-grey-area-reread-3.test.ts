import { defineGreyArea } from '../charts/grey-area';
import { readCluster } from './support/synth';

// The constellation and grey-area designs read a third time against the synthesized output, as an evaluator
// would: each pod started with the user and writable paths written, and each cluster's README followed in its
// order on the day of the bootstrap.

const { objects: greyAreaObjects, readme: greyAreaReadme, rows: greyAreaRows, step: greyAreaStep } = readCluster(defineGreyArea, 'grey-area/main');

describe("grey-area: Ollama, uid 1000, writes into the NFS folders that hold the design's models and its home", () => {
  const ollama = greyAreaObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'ollama').spec.template.spec;

  test('the pod runs as uid 1000 and mounts the models of sleeper-service:/mnt/storage/models and its home on the shared export', () => {
    expect(ollama.securityContext.runAsUser).toBe(1000);
    const models = ollama.volumes.find((v: { name: string }) => v.name === 'models');
    expect(models.nfs.path).toBe('/mnt/storage/models');
    const mounts = ollama.containers[0].volumeMounts.map((m: { mountPath: string }) => m.mountPath);
    expect(mounts).toEqual(expect.arrayContaining(['/ollama/.ollama', '/ollama/.ollama/models']));
  });

  test("the models already there, in blobs/ and manifests/ where each pull writes, change owner with their folder", () => {
    const [what, command] = greyAreaRows[greyAreaStep("on sleeper-service, which serves Ollama's models outside the cluster")];
    expect(command).toBe('chown -R 1000:1000 /mnt/storage/models');
    expect(what).toContain('let uid 1000 write it and the models already in it');
  });

  test('so does what its home holds, a key restored from NixOS among it', () => {
    const [what, command] = greyAreaRows[greyAreaStep("let uid 1000 write Ollama's home")];
    expect(command).toBe('mkdir -p /export/kubernetes/ollama && chown -R 1000:1000 /export/kubernetes/ollama');
    expect(what).toContain('and everything in it');
  });
});

describe("grey-area: the nodes' CPU architecture, which the design leaves to \"[Existing specs]\"", () => {
  const nodes = ['grey-area', 'congenital-optimist', 'limiting-factor'];

  test('each node shows it as a placeholder, as its cores, memory and address, and the README asks for it', () => {
    for (const node of nodes) {
      expect(greyAreaReadme).toContain(`${node}<br/>amd64 (placeholder) · control-plane, worker`);
      const [what] = greyAreaRows[greyAreaStep(`CPU architecture of ${node}, which its Talos image`)];
      expect(what).toContain(`write what \`uname -m\` prints on ${node}`);
      expect(what).toContain('builds its Nix images for x86_64-linux only');
      expect(what).toContain('(now `amd64`)');
    }
  });

  test('the stand-in is what the Talos images are booted from', () => {
    expect(greyAreaReadme).toContain('/metal-amd64.iso');
  });
});

describe('grey-area: the folders of the NFS export that Calibre-Web, Audiobookshelf and Jellyfin mount, as their users need them', () => {
  test("Calibre-Web writes its library in /books as PUID 1000: the folder and the books restored into it become that user's", () => {
    const [what, command] = greyAreaRows[greyAreaStep('create the folder /export/kubernetes/books on NFS server nfs.limiting-factor.tailnet')];
    expect(what).toContain('to uid 1000, the user calibre-web writes it as');
    expect(command).toBe('mkdir -p /export/kubernetes/books && chown -R 1000:1000 /export/kubernetes/books');
    const calibre = greyAreaObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'calibre-web').spec.template.spec;
    const env = Object.fromEntries(calibre.containers[0].env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect([env.PUID, env.PGID]).toEqual(['1000', '1000']);
    expect(calibre.containers[0].volumeMounts).toContainEqual({ mountPath: '/books', name: 'books' });
    // After the data copied off NixOS is restored there, so the chown reaches it.
    expect(greyAreaStep('before the first sync, restore into the folders of each NFS export'))
      .toBeLessThan(greyAreaStep('create the folder /export/kubernetes/books'));
  });

  test('Audiobookshelf and Jellyfin read theirs only, as uid 1000: the step says so and changes no owner', () => {
    for (const [folder, app, path] of [['audiobooks', 'audiobook', '/audiobooks'], ['media', 'jellyfin', '/media']]) {
      const [what, command] = greyAreaRows[greyAreaStep(`create the folder /export/kubernetes/${folder} on NFS server`)];
      expect(what).toContain(`with its files readable by uid 1000, the user ${app} reads them as (${app} mounts it at ${path}, read-only)`);
      expect(command).toBe('');
      const pod = greyAreaObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === app).spec.template.spec;
      expect(pod.securityContext.runAsUser).toBe(1000);
    }
  });
});
