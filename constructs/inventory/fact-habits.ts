import { describeValue } from './problems';

// Keys that other inventories give a machine (Ansible's ansible_host, a spec sheet's memory: '32GB', Talos'
// machine type), with the fact of this inventory that holds the same thing, so the one mistake is answered
// with the fact and its value written out.

/** Each habit key, with the facts it may stand for in order (the first one the object has is meant). */
const HABITS: Readonly<Record<string, readonly string[]>> = {
  memory: ['memoryGigabytes'], ram: ['memoryGigabytes'], mem: ['memoryGigabytes'], memoryGb: ['memoryGigabytes'], memory_gb: ['memoryGigabytes'],
  cpu: ['cores'], cpus: ['cores'], vcpus: ['cores'], cpuCores: ['cores'], threads: ['cores'],
  ansible_host: ['address'], ip: ['address'], ipAddress: ['address'], ip_address: ['address'], addr: ['address'],
  hostname: ['nodeName'],
  gpu: ['gpus'], disk: ['disks'], storage: ['disks'], zfs: ['zfsPools'], pools: ['zfsPools'],
  machineType: ['roles'], role: ['roles'], type: ['media'], kind: ['media'],
  size: ['sizeGigabytes', 'sizeTerabytes'], capacity: ['sizeGigabytes', 'sizeTerabytes'],
};

/** Decimal units of a size as a spec sheet or `lsblk` writes it, in gigabytes. */
const GIGABYTES_PER_UNIT: Readonly<Record<string, number>> = { t: 1000, tb: 1000, ti: 1000, tib: 1000, g: 1, gb: 1, gi: 1, gib: 1, m: 0.001, mb: 0.001 };

/** The number of `unit`s that `value` writes (`'2TB'` is 2000 gigabytes, `'8 cores'` 8), or undefined when it writes none. Pure. */
export function writtenAmount(value: unknown, unit: 'gigabytes' | 'terabytes' | 'count'): number | undefined {
  if (typeof value === 'number') {
    return value > 0 && Number.isFinite(value) ? value : undefined;
  }
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)/i.exec(value) : null;
  if (!match) {
    return undefined;
  }
  const amount = Number(match[1]);
  if (unit === 'count') {
    return amount > 0 ? amount : undefined;
  }
  if (match[2] === '') {
    // A bare number is in the fact's own unit: sizeTerabytes: '4' is 4 terabytes.
    return amount > 0 ? amount : undefined;
  }
  const gigabytes = amount * (GIGABYTES_PER_UNIT[match[2].toLowerCase()] ?? 1);
  const result = unit === 'terabytes' ? gigabytes / 1000 : gigabytes;
  return result > 0 ? Number(result.toPrecision(6)) : undefined;
}

/** How `fact` is written with the value a habit key held, for a hint (`memoryGigabytes: 32`). Pure. */
export function factWithValue(fact: string, value: unknown): string {
  const amount = fact === 'memoryGigabytes' || fact === 'sizeGigabytes' ? writtenAmount(value, 'gigabytes')
    : fact === 'sizeTerabytes' ? writtenAmount(value, 'terabytes')
      : fact === 'cores' ? writtenAmount(value, 'count') : undefined;
  if (amount !== undefined) {
    return `${fact}: ${amount}`;
  }
  if (fact === 'address' && typeof value === 'string') {
    return `address: '${value.split('/')[0].trim()}'`;
  }
  if (fact === 'roles' && typeof value === 'string') {
    return /control|master|server|init/i.test(value) ? "roles: ['control-plane', 'worker']" : "roles: ['worker']";
  }
  return typeof value === 'string' || typeof value === 'number' ? `${fact}: ${describeValue(value).replace(/^"(.*)"$/, "'$1'")}` : fact;
}

/**
 * The fact of `known` that the unknown key `key` stands for as another tool writes it, with a hint that
 * writes it here, or undefined when the key is no known habit. Pure.
 */
export function habitFact(key: string, value: unknown, known: readonly string[]): { readonly fact: string; readonly hint: string } | undefined {
  const facts = Object.prototype.hasOwnProperty.call(HABITS, key) ? HABITS[key] : [];
  const fact = facts.find((candidate) => known.includes(candidate));
  return fact === undefined ? undefined : { fact, hint: `write ${factWithValue(fact, value)}` };
}
