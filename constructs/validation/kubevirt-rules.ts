import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { quantityValue } from './quantity';

// What KubeVirt's virt-api refuses in a VirtualMachine although its CRD schema allows it: the VM admitter
// (ValidateVirtualMachineSpec) and the rules of a VM instance's spec it applies to `spec.template.spec`
// (ValidateVirtualMachineInstanceSpec and the network admitter). A strict server-side dry-run calls the
// webhook once KubeVirt runs, so these are refused as the API server's own rules are. So are the rules of
// CDI's DataVolume webhook, which a DataVolume meets when it is applied and a VM's DataVolume template when
// KubeVirt makes its DataVolume (the VM then never starts).

const TEMPLATE = 'spec.template.spec';
/** The disk buses KubeVirt attaches a disk on. */
const DISK_BUSES: readonly string[] = ['virtio', 'sata', 'scsi', 'usb'];
/** The device types of a disk, of which it takes one at most (a disk of none is a `disk`). */
const DISK_TARGETS = ['disk', 'lun', 'cdrom'] as const;
/** The longest user data and network data cloud-init takes inline, in bytes (cloudInitUserMaxLen, cloudInitNetworkMaxLen). */
const CLOUD_INIT_MAX_BYTES = 2048;
/** The cloud-init volume sources, with the fields of each kind of data they carry. */
const CLOUD_INIT_SOURCES = ['cloudInitNoCloud', 'cloudInitConfigDrive'] as const;
const CLOUD_INIT_DATA = {
  userData: { inline: 'userData', base64: 'userDataBase64', secret: 'secretRef' },
  networkData: { inline: 'networkData', base64: 'networkDataBase64', secret: 'networkDataSecretRef' },
} as const;
/** The run strategies a VirtualMachine takes (validRunStrategies). */
const RUN_STRATEGIES: readonly string[] = ['Halted', 'Manual', 'Always', 'RerunOnFailure', 'Once'];
/**
 * What Go's net.ParseMAC reads, which KubeVirt parses an interface's MAC address with: six, eight or twenty
 * bytes, in pairs of hex digits separated by `:` or `-`, or groups of four separated by `.`.
 */
const PARSED_MAC = /^(?:[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}|[0-9a-f]{2}(?:[:-][0-9a-f]{2}){7}|[0-9a-f]{2}(?:[:-][0-9a-f]{2}){19}|[0-9a-f]{4}(?:\.[0-9a-f]{4}){2}|[0-9a-f]{4}(?:\.[0-9a-f]{4}){3}|[0-9a-f]{4}(?:\.[0-9a-f]{4}){9})$/i;
/** The bytes of an Ethernet MAC address, the only length KubeVirt takes. */
const MAC_BYTES = 6;
/** The bit of a MAC address's first byte that makes it a group (multicast) address, which no interface is given. */
const MULTICAST_BIT = 0x01;
/** The interface models KubeVirt emulates (validInterfaceModels). */
const INTERFACE_MODELS: readonly string[] = ['virtio', 'e1000', 'e1000e', 'igb', 'ne2k_pci', 'pcnet', 'rtl8139'];
/** The least memory KubeVirt gives a VM (1M): a number below it is a size whose unit was left out. */
const MIN_VM_MEMORY_BYTES = 1_000_000;
/** DataVolume sources CDI imports from a URL, which it takes over http or https only (validateSourceURL). */
const URL_SOURCES: readonly string[] = ['http', 's3', 'imageio', 'vddk'];
/** DataVolume sources that copy a volume, whose size CDI takes for a `storage` target that gives none. */
const CLONE_SOURCES: readonly string[] = ['pvc', 'snapshot'];
/** The most threads per core KubeVirt pins dedicated CPUs for. */
const MAX_DEDICATED_THREADS = 2;

/**
 * A VirtualMachine: its run strategy, its DataVolume templates each used by a volume, and its template's
 * disks, boot order, networks and interfaces, cloud-init data, memory request, CPUs and firmware.
 */
export function checkVirtualMachine(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  checkRunStrategy(spec, add);
  const template = fields(fields(spec.template).spec);
  const volumes = list(template.volumes);
  checkDataVolumeTemplates(spec, volumes, add);
  const domain = fields(template.domain);
  const devices = fields(domain.devices);
  checkDisks(devices, volumes, add);
  checkNetworks(devices, list(template.networks), add);
  checkCloudInit(volumes, add);
  checkMemory(domain, add);
  checkCpu(fields(domain.cpu), add);
  checkSecureBoot(domain, add);
}

/** `running` (deprecated) and `runStrategy` say one thing: a VM gives one of them, a strategy KubeVirt has (validateRunStrategy). */
function checkRunStrategy(spec: Fields, add: AddFinding): void {
  if (spec.running !== undefined && spec.runStrategy !== undefined) {
    add('spec.running', 'running and runStrategy are both given; KubeVirt takes one of them ("Running and RunStrategy are mutually exclusive")',
      `drop running: runStrategy: ${String(spec.runStrategy)} says whether the VM runs`);
  } else if (typeof spec.runStrategy === 'string' && !RUN_STRATEGIES.includes(spec.runStrategy)) {
    const meant = RUN_STRATEGIES.find((s) => s.toLowerCase() === String(spec.runStrategy).toLowerCase());
    add('spec.runStrategy', `runStrategy "${spec.runStrategy}" is none of ${RUN_STRATEGIES.join(', ')}`,
      meant ? `write it as KubeVirt spells it: runStrategy: '${meant}'` : `give one of ${RUN_STRATEGIES.join(', ')}`);
  }
}

/** A DataVolume template makes a disk for a volume: one no volume uses is refused (validateDataVolumeTemplate). */
function checkDataVolumeTemplates(spec: Fields, volumes: readonly Fields[], add: AddFinding): void {
  const used = new Set(volumes.flatMap((v) => [text(fields(v.persistentVolumeClaim).claimName), text(fields(v.dataVolume).name)]).filter((n) => n !== undefined));
  list(spec.dataVolumeTemplates).forEach((template, i) => {
    const name = text(fields(template.metadata).name);
    if (name !== undefined && name !== '' && !used.has(name)) {
      add(`spec.dataVolumeTemplates[${i}].metadata.name`, `DataVolume template "${name}" is used by no volume of the VM's template`,
        `add a volume that uses it, { name: 'root', dataVolume: { name: '${name}' } }, with a disk of that volume's name, or drop the template`);
    }
    checkDataVolumeSpec(fields(template.spec), `spec.dataVolumeTemplates[${i}].spec`, add);
  });
}

/**
 * A DataVolume's spec at `field` (CDI's validateDataVolumeSpec): one target (`storage`, or the older `pvc`)
 * with a size, which only a clone into `storage` may leave to its source, and a URL source's URL over http
 * or https.
 */
export function checkDataVolumeSpec(spec: Fields, field: string, add: AddFinding): void {
  const targets = ['storage', 'pvc'].filter((key) => spec[key] !== undefined);
  const sources = Object.keys(fields(spec.source));
  if (targets.length === 0) {
    add(field, 'the DataVolume gives neither storage nor pvc, so CDI has no claim to fill ("Missing Data volume PVC")',
      "give the disk as storage: { storageClassName, resources: { requests: { storage: '20Gi' } } }");
  } else if (targets.length > 1) {
    add(`${field}.pvc`, 'the DataVolume gives both storage and pvc; CDI takes one ("Duplicate storage definition")', 'keep storage, which fills in the rest from the StorageClass\'s profile');
  } else {
    const target = targets[0];
    const size = fields(fields(fields(spec[target]).resources).requests).storage;
    const clone = target === 'storage' && (spec.sourceRef !== undefined || sources.some((source) => CLONE_SOURCES.includes(source)));
    const sizeField = `${field}.${target}.resources.requests.storage`;
    if (size === undefined && !clone) {
      add(sizeField, `the DataVolume gives no size${sources.length > 0 ? ` for its ${sources[0]} import` : ''}, which CDI refuses ("${target === 'pvc' ? 'PVC' : 'Storage'} size is missing")`,
        "give the disk's size, at least the image's virtual size (qemu-img info shows it), e.g. resources: { requests: { storage: '20Gi' } }");
    } else if (size !== undefined && (quantityValue(size) ?? 1) <= 0) {
      add(sizeField, `the DataVolume's size ${String(size)} is not above zero, which CDI refuses`, "give the disk's size, e.g. '20Gi'");
    }
  }
  for (const source of sources.filter((s) => URL_SOURCES.includes(s))) {
    const url = fields(fields(spec.source)[source]).url;
    if (typeof url === 'string' && !/^https?:\/\/[^\s/?#]+/i.test(url)) {
      add(`${field}.source.${source}.url`, `url "${url}" is no http or https URL, the only ones CDI imports from`,
        'give the image\'s full URL, e.g. https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2');
    }
  }
}

/**
 * Disks (validateDisks, validateBootOrder): each on a volume of its name (an empty CD-ROM aside), of one
 * device type, on a bus KubeVirt attaches (a CD-ROM not on virtio), and booted in an order no other disk
 * or interface has, from 1.
 */
function checkDisks(devices: Fields, volumes: readonly Fields[], add: AddFinding): void {
  const volumeNames = new Set(volumes.map((v) => text(v.name)));
  const bootOrders = new Map<unknown, string>();
  const checkBootOrder = (device: Fields, field: string) => {
    const order = device.bootOrder;
    if (typeof order !== 'number') {
      return;
    }
    const other = bootOrders.get(order);
    if (order < 1) {
      add(`${field}.bootOrder`, `bootOrder ${order} is below 1`, 'number the boot devices from 1, or leave bootOrder out');
    } else if (other !== undefined) {
      add(`${field}.bootOrder`, `bootOrder ${order} is ${other}'s already; each boot device needs an order of its own`,
        `give it another order, e.g. ${Math.max(...[...bootOrders.keys()].filter((o): o is number => typeof o === 'number')) + 1}`);
    } else {
      bootOrders.set(order, text(device.name) ?? field);
    }
  };
  list(devices.disks).forEach((disk, i) => {
    const field = `${TEMPLATE}.domain.devices.disks[${i}]`;
    const name = text(disk.name);
    if (name !== undefined && !volumeNames.has(name) && disk.cdrom === undefined) {
      const names = [...volumeNames].filter((n) => n !== undefined);
      add(`${field}.name`, `disk "${name}" has no volume of its name; a disk shows the guest the volume it is named after`,
        names.length > 0 ? `name the disk after one of the volumes (${names.join(', ')}), or add a volume named ${name}` : `add a volume named ${name} to the template's volumes`);
    }
    const targets = DISK_TARGETS.filter((t) => disk[t] !== undefined);
    if (targets.length > 1) {
      add(field, `disk "${name}" is a ${targets.join(' and a ')} at once`, `keep one of ${targets.join(', ')}`);
    }
    const target = targets[0];
    const bus = target === undefined ? undefined : text(fields(disk[target]).bus);
    if (target !== undefined && bus !== undefined && bus !== '') {
      if (!DISK_BUSES.includes(bus)) {
        add(`${field}.${target}.bus`, `bus "${bus}" is none KubeVirt attaches a disk on (${DISK_BUSES.join(', ')})`,
          bus === 'ide' ? 'use sata, which every guest that booted from IDE reads, or virtio with its drivers' : `use one of ${DISK_BUSES.join(', ')}`);
      } else if (bus === 'virtio' && target === 'cdrom') {
        add(`${field}.cdrom.bus`, 'a CD-ROM cannot be on the virtio bus', "put it on bus: 'sata' (or scsi)");
      }
    }
    checkBootOrder(disk, field);
  });
  list(devices.interfaces).forEach((iface, i) => checkBootOrder(iface, `${TEMPLATE}.domain.devices.interfaces[${i}]`));
}

/**
 * Interfaces and networks (the network admitter): each interface on a network of its name and each
 * network used by an interface, one pod network at most, and masquerade only on the pod network.
 */
function checkNetworks(devices: Fields, networks: readonly Fields[], add: AddFinding): void {
  const interfaces = list(devices.interfaces);
  const byName = new Map(networks.map((n) => [text(n.name), n]));
  const interfaceNames = new Set(interfaces.map((i) => text(i.name)));
  interfaces.forEach((iface, i) => {
    const name = text(iface.name);
    const network = byName.get(name);
    const field = `${TEMPLATE}.domain.devices.interfaces[${i}]`;
    checkMacAddress(iface.macAddress, `${field}.macAddress`, add);
    const model = text(iface.model);
    if (model !== undefined && model !== '' && !INTERFACE_MODELS.includes(model)) {
      add(`${field}.model`, `model "${model}" is none KubeVirt emulates (${INTERFACE_MODELS.join(', ')})`,
        /virtio/i.test(model) ? "write model: 'virtio'" : `use one of ${INTERFACE_MODELS.join(', ')}, or leave model out for virtio`);
    }
    if (name !== undefined && network === undefined) {
      add(`${field}.name`, `interface "${name}" has no network of its name; an interface is plugged into the network it is named after`,
        networks.length > 0 ? `name it after one of the networks (${networks.map((n) => String(n.name)).join(', ')}), or add a network named ${name}`
          : `add a network named ${name}: { name: '${name}', pod: {} } for the pod network`);
    } else if (network !== undefined && iface.masquerade !== undefined && network.pod === undefined) {
      add(`${field}.masquerade`, `interface "${name}" masquerades on network "${name}", which is not the pod network; KubeVirt masquerades only behind the pod's own address`,
        'use bridge: {} on a Multus network, or plug the masquerade interface into the pod network ({ pod: {} })');
    }
  });
  // An interface renamed away from its network is one mistake: reported on the interface, whose hint names the networks.
  const unplugged = interfaces.some((iface) => !byName.has(text(iface.name)));
  const podNetworks: number[] = [];
  networks.forEach((network, i) => {
    const name = text(network.name);
    if (name !== undefined && !interfaceNames.has(name) && !unplugged) {
      add(`${TEMPLATE}.networks[${i}].name`, `network "${name}" has no interface of its name, so nothing of the VM is plugged into it`,
        `add an interface { name: '${name}', ${network.pod !== undefined ? 'masquerade' : 'bridge'}: {} } to domain.devices.interfaces, or drop the network`);
    }
    if (network.pod !== undefined) {
      podNetworks.push(i);
    }
  });
  if (podNetworks.length > 1) {
    add(`${TEMPLATE}.networks[${podNetworks[1]}].pod`, `the VM is on the pod network ${podNetworks.length} times; a pod has one pod network`,
      'keep one network of type pod; reach other networks through Multus ({ multus: { networkName } })');
  }
}

/**
 * An interface's MAC address (validateMacAddress): what Go's net.ParseMAC reads, six bytes long. ParseMAC also
 * takes one separator throughout (`02:00:00-aa:bb:cc` is none), which the pattern leaves to this check. What
 * libvirt then refuses as it defines the domain is refused too: a multicast address, and separators but colons.
 */
function checkMacAddress(value: unknown, field: string, add: AddFinding): void {
  if (typeof value !== 'string' || value === '') {
    return;
  }
  const parsed = PARSED_MAC.test(value) && new Set(value.replace(/[0-9a-f]/gi, '')).size <= 1;
  const bytes = value.replace(/[^0-9a-f]/gi, '').length / 2;
  if (!parsed) {
    add(field, `MAC address "${value}" is none KubeVirt reads (six pairs of hex digits, as 02:00:00:aa:bb:cc)`,
      'write six pairs of hex digits separated by colons, e.g. 02:00:00:aa:bb:cc (02 as the first byte marks an address of your own), or leave macAddress out for one KubeVirt picks');
  } else if (bytes > MAC_BYTES) {
    add(field, `MAC address "${value}" is ${bytes} bytes long; an Ethernet interface takes ${MAC_BYTES}`,
      'write six pairs of hex digits, e.g. 02:00:00:aa:bb:cc');
  } else if ((parseInt(value.replace(/[^0-9a-f]/gi, '').slice(0, 2), 16) & MULTICAST_BIT) !== 0) {
    // KubeVirt admits it; libvirt, defining the domain, refuses a group address ("expected unicast mac address,
    // found multicast"), and the VM never starts.
    const unicast = `02${value.replace(/[^0-9a-f]/gi, '').toLowerCase().slice(2)}`.match(/../g)!.join(':');
    add(field, `MAC address "${value}" is a multicast (group) address, its first byte being odd; libvirt gives an interface only a unicast one, so the VM never starts`,
      `begin it with 02, the first byte of an address of your own: '${unicast}'`);
  } else if (/[-.]/.test(value)) {
    // KubeVirt admits what ParseMAC reads, but hands the text as written to libvirt, which reads colons only:
    // the VM's launcher then fails to define the domain and the VM never starts.
    add(field, `MAC address "${value}" is written with ${value.includes('.') ? "Cisco's dotted groups" : 'dashes'}; libvirt, which KubeVirt passes it to as written, reads only colons, so the VM never starts`,
      `write it with colons: '${value.replace(/[-.]/g, '').toLowerCase().match(/../g)!.join(':')}'`);
  }
}

/** How user data that cloud-init runs begins: the header of its kind (cloud-init's `starts_with` types) or a MIME message. */
const USER_DATA_HEADERS = /^(#cloud-config|#!|#include|#cloud-boothook|#part-handler|#upstart-job|## template:|content-type:|mime-version:)/i;

/**
 * The first line of user data cloud-init does not know as any kind (cloud-config YAML without its `#cloud-config`
 * line): it logs "Unhandled non-multipart userdata" and applies none of it, so the guest boots without its users or
 * keys. Gzip-compressed data is left alone. Pure.
 */
function unreadUserData(data: string): string | undefined {
  const start = data.trimStart();
  if (start === '' || USER_DATA_HEADERS.test(start) || (data.charCodeAt(0) === 0x1f && data.charCodeAt(1) === 0x8b)) {
    return undefined;
  }
  return start.split('\n')[0].slice(0, 40);
}

/**
 * Cloud-init volumes (validateVolumes): user data from one source and network data from one, each at most
 * 2048 bytes inline, and some data at all; and user data that begins as cloud-init reads it.
 */
function checkCloudInit(volumes: readonly Fields[], add: AddFinding): void {
  volumes.forEach((volume, i) => {
    for (const source of CLOUD_INIT_SOURCES) {
      if (volume[source] === undefined) {
        continue;
      }
      const config = fields(volume[source]);
      const field = `${TEMPLATE}.volumes[${i}].${source}`;
      let given = 0;
      for (const [kind, keys] of Object.entries(CLOUD_INIT_DATA)) {
        const sources = [keys.inline, keys.base64].filter((key) => text(config[key]) !== undefined && config[key] !== '');
        const fromSecret = text(fields(config[keys.secret]).name) !== undefined && fields(config[keys.secret]).name !== '';
        const all = fromSecret ? [...sources, keys.secret] : sources;
        given += all.length;
        if (all.length > 1) {
          add(`${field}.${all[1]}`, `${kind} is given ${all.length} times (${all.join(', ')}); cloud-init reads one`, `keep one of ${all.join(', ')}`);
        }
        const inline = sources[0];
        if (kind === 'userData' && inline !== undefined) {
          const data = inline === keys.base64 ? Buffer.from(String(config[inline]), 'base64').toString('latin1') : String(config[inline]);
          const unread = unreadUserData(data);
          if (unread !== undefined) {
            add(`${field}.${inline}`, `the user data begins with ${JSON.stringify(unread)}, no header cloud-init knows, so it runs none of it`,
              "begin it with the line #cloud-config for cloud-config YAML (or #! for a script)");
          }
        }
        const bytes = inline === undefined ? 0 : inline === keys.base64 ? Buffer.from(String(config[inline]), 'base64').length : Buffer.byteLength(String(config[inline]));
        if (bytes > CLOUD_INIT_MAX_BYTES) {
          add(`${field}.${inline}`, `${kind} is ${bytes} bytes; KubeVirt takes at most ${CLOUD_INIT_MAX_BYTES} inline`,
            `keep it in a Secret (key ${kind.toLowerCase()}) and name it in ${keys.secret}: { name }`);
        }
      }
      if (given === 0) {
        add(field, `the ${source} volume carries no user data and no network data`, 'give userData (or secretRef, a Secret of it) or networkData, or drop the volume and its disk');
      }
    }
  });
}

/**
 * Memory (validateMemoryLimitsNegativeOrNull): the request within the limit. The guest's memory may be above
 * the limit under KubeVirt's default LiveUpdate rollout strategy, which skips that check.
 */
function checkMemory(domain: Fields, add: AddFinding): void {
  const resources = fields(domain.resources);
  const sizes: Array<[string, unknown]> = [['memory.guest', fields(domain.memory).guest], ['resources.requests.memory', fields(resources.requests).memory]];
  for (const [field, size] of sizes) {
    const bytes = quantityValue(size);
    if (bytes !== undefined && bytes > 0 && bytes < MIN_VM_MEMORY_BYTES) {
      // A bare number is bytes: '2048' meant 2048 MiB.
      add(`${TEMPLATE}.domain.${field}`, `memory ${String(size)} is ${bytes} bytes, below the 1M KubeVirt gives a VM at least`,
        /^\s*\d+\s*$/.test(String(size)) ? `write its unit: '${String(size).trim()}Mi'` : "give the guest's memory with its unit, e.g. '2Gi'");
    }
  }
  const limit = quantityValue(fields(resources.limits).memory);
  const request = quantityValue(fields(resources.requests).memory);
  if (limit !== undefined && limit > 0 && request !== undefined && request > limit) {
    add(`${TEMPLATE}.domain.resources.requests.memory`,
      `the memory request ${String(fields(resources.requests).memory)} is above the memory limit ${String(fields(resources.limits).memory)}`,
      'request at most the limit; a VM usually requests what it is limited to');
  }
}

/** CPUs (validateCPUIsolatorThread, validateThreadCountOnDedicatedCPUPlacement): what only dedicated CPUs take. */
function checkCpu(cpu: Fields, add: AddFinding): void {
  const dedicated = cpu.dedicatedCpuPlacement === true;
  if (cpu.isolateEmulatorThread === true && !dedicated) {
    add(`${TEMPLATE}.domain.cpu.isolateEmulatorThread`, 'isolateEmulatorThread pins QEMU\'s emulator thread beside dedicated CPUs, and the VM has none',
      'set dedicatedCpuPlacement: true as well, or drop isolateEmulatorThread');
  }
  if (dedicated && typeof cpu.threads === 'number' && cpu.threads > MAX_DEDICATED_THREADS) {
    add(`${TEMPLATE}.domain.cpu.threads`, `threads ${cpu.threads} per core with dedicated CPUs; KubeVirt pins at most ${MAX_DEDICATED_THREADS}`,
      `give threads: ${MAX_DEDICATED_THREADS} or 1, and more cores instead`);
  }
}

/** UEFI Secure Boot needs System Management Mode (validateDomainSpec); secureBoot is on unless turned off. */
function checkSecureBoot(domain: Fields, add: AddFinding): void {
  const efi = fields(domain.firmware).bootloader === undefined ? undefined : fields(fields(domain.firmware).bootloader).efi;
  if (efi === undefined || fields(efi).secureBoot === false) {
    return;
  }
  const smm = fields(domain.features).smm;
  if (smm === undefined || fields(smm).enabled === false) {
    add(`${TEMPLATE}.domain.firmware.bootloader.efi`, 'UEFI Secure Boot (on unless secureBoot: false) needs SMM, and the VM\'s features leave SMM off',
      'add features: { smm: { enabled: true } }, or boot without Secure Boot: efi: { secureBoot: false }');
  }
}
