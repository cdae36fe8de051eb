import * as fs from 'fs';
import * as path from 'path';
import { rows, stepsOf } from './support/readme';

// aether's design read fact by fact against dist/, which synth writes and the repository keeps equal to a fresh
// synth: each concrete value it states is in the output where a reader looks for it, or is a placeholder or a
// choice the README names. The committed output is read, not synthesized again, so the file takes no time.

const readme = fs.readFileSync(path.join(__dirname, '..', 'dist', 'aether', 'main', 'README.md'), 'utf8');
const steps = rows(readme);
const step = stepsOf(steps);

describe("aether: the provisioning step makes the Talos VMs as the design's OpenTofu code does", () => {
  const [provisioning] = steps[step('the VMs and their Talos configs from your own OpenTofu code in tofu/home')];

  test('each VM has CPU type host, which Talos needs to boot, and its disk on virtio0 from the nocloud image', () => {
    expect(provisioning).toContain('each with CPU type host (Talos halts at boot on a CPU type below x86-64-v2, such as kvm64)');
    expect(provisioning).toContain('its boot disk on virtio0 made from that image');
  });

  test('the image is the factory\'s nocloud image of the schematic and release, under the design\'s file name', () => {
    expect(provisioning).toContain('(https://factory.talos.dev/image/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba/v1.11.0/nocloud-amd64.raw.xz, '
      + 'as talos-v1.11.0-nocloud.raw.img)');
  });

  test('each config reaches its VM as the user data of a cloud-init drive on ceph-vm-disks, from a snippet on cephfs on smith', () => {
    expect(provisioning).toContain('uploads them as Proxmox snippets on cephfs on smith (&lt;node>-talos.yml)');
    expect(provisioning).toContain('a cloud-init drive on ceph-vm-disks whose user data is its snippet, the machine config Talos reads at its first boot');
  });

  test('the HA resource of each VM keeps it started, in the design\'s group with its restart and relocation limits', () => {
    expect(provisioning).toContain('with HA (group ceph_workloads, at most 3 restarts and 2 relocations), each kept started');
  });

  test("every node is in it, with the design's VM id, Proxmox host, disk, cores and memory", () => {
    for (const [name, vmId, proxmoxHost] of [['talos-trinity', 1030, 'trinity'], ['talos-neo', 1031, 'neo'], ['talos-niobe', 1032, 'niobe']]) {
      expect(provisioning).toContain(`${name}: Proxmox VM ${vmId} on host ${proxmoxHost}, 100 GB disk on ceph-vm-disks, 8 cores, 16 GiB`);
    }
  });
});

describe('aether: the migration names each VM it frees with the Proxmox host the design puts it on', () => {
  test('the step that deletes them says where each runs, and the memory they free adds up to the design\'s total', () => {
    const [migration] = steps[step("move the stacks in the design's order")];
    expect(migration).toContain('then shut down and delete the VMs it frees: AI Tool Stack (on Neo, 8 GB), GitLab (on Trinity, 8 GB), '
      + 'Messaging Stack (on Niobe, 2 GB), UPS Stack (on Niobe, 1 GB), Coupe Sandbox (on Niobe, 4 GB), Dokku (on Neo, 8 GB), '
      + 'Dokploy (on Trinity, 16 GB), Media Stack (on Trinity, 4 GB), about 51 GB');
  });
});

describe("aether: the providers' reach the design gives without an account or server is a choice the README names", () => {
  test('no ProviderConfig reaches real AWS or MySQL, and the choice says so, with what a developer needs there', () => {
    const choices = readme.slice(readme.indexOf('## Choices against the design'), readme.indexOf('## Platform components'));
    expect(choices).toContain('The design has provider-aws-s3 manage real AWS besides RGW, and provider-sql MySQL besides PostgreSQL, '
      + 'but names no AWS account and no MySQL server: no ProviderConfig here reaches either');
    const configs = fs.readFileSync(path.join(__dirname, '..', 'dist', 'aether', 'main', 'config', 'crossplane-provider-configs.yaml'), 'utf8');
    expect([...configs.matchAll(/^apiVersion: (\S+)\nkind: ProviderConfig\nmetadata:\n(?: {2}\S.*\n)*? {2}name: (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`).sort())
      .toEqual(['aws.upbound.io/v1beta1 ceph-rgw', 'cloudflare.crossplane.io/v1alpha1 default', 'keycloak.crossplane.io/v1beta1 keycloak',
        'kubernetes.crossplane.io/v1alpha1 default', 'postgresql.sql.crossplane.io/v1alpha1 surrealdb']);
  });
});
