import { familyName, parseIpAddress } from '../inventory/ip-address';
import { AddFinding, Fields } from './manifest';

// A Service's cluster IPs, address families and family policy, as the API server reads them when it creates the
// Service: it copies `clusterIP` into an empty `clusterIPs` but never the other way (normalizeClusterIPs), checks
// the three together (ValidateServiceClusterIPsRelatedFields), and takes a policy left out as SingleStack, or
// RequireDualStack for a headless Service without a selector, before it holds the policy against the addresses
// and families asked for (the allocator's initIPFamilyFields).

/** The address of a headless Service, which asks for no cluster IP. */
const HEADLESS = 'None';

/** The cluster IPs the API server reads from `spec` on creation, each with the field the user wrote it in. */
function askedClusterIps(spec: Fields): Array<{ readonly ip: unknown; readonly field: string }> {
  const listed: unknown[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (listed.length === 0 && typeof spec.clusterIP === 'string' && spec.clusterIP !== '') {
    return [{ ip: spec.clusterIP, field: 'spec.clusterIP' }];
  }
  return listed.map((ip, i) => ({ ip, field: `spec.clusterIPs[${i}]` }));
}

/**
 * Whether the Service is headless and selects no pods: the API server makes it dual-stack where it can, and
 * takes any family policy of it on a cluster of one family. Pure.
 */
export function isHeadlessWithoutSelector(spec: Fields): boolean {
  const asked = askedClusterIps(spec);
  const selector = spec.selector;
  return asked.length === 1 && asked[0].ip === HEADLESS && (typeof selector !== 'object' || selector === null || Object.keys(selector).length === 0);
}

/**
 * The family policy the API server holds a new Service to: the one written, else SingleStack, or
 * RequireDualStack for a headless Service without a selector. Pure.
 */
function effectiveFamilyPolicy(spec: Fields): unknown {
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
    return spec.ipFamilyPolicy;
  }
  return isHeadlessWithoutSelector(spec) ? 'RequireDualStack' : 'SingleStack';
}

/**
 * The cluster IPs of a Service (not an ExternalName one, which takes none) that the API server refuses on
 * creation: `clusterIPs` without `clusterIP`, None beside other addresses, an entry that is no address, two
 * addresses of one family, an address of another family than its `ipFamilies` entry, and two addresses or two
 * families under a SingleStack policy, written or taken for one left out. `clusterIP` itself, `clusterIPs[0]`
 * against it, more than two entries and the families' own list are `checkServiceFields`'. Pure: reports through `add`.
 */
export function checkServiceClusterIps(spec: Fields, add: AddFinding): void {
  const listed: unknown[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  const clusterIp = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  if (clusterIp === '' && listed.length > 0) {
    add('spec.clusterIPs', 'clusterIPs is given without clusterIP; on creation the API server fills clusterIPs from clusterIP, never clusterIP from clusterIPs, and refuses clusterIPs alone ("must be empty when `clusterIP` is not specified")',
      `give clusterIP: ${JSON.stringify(String(listed[0]))} beside clusterIPs (its first entry), or drop clusterIPs and write clusterIP alone`);
  }
  const asked = askedClusterIps(spec);
  if (asked.length > 1 && asked[0].ip === HEADLESS) {
    add('spec.clusterIPs', `a headless Service asks for no cluster IP, so None is the one entry of clusterIPs, not the first of ${asked.length}`,
      'write clusterIPs: [None] (or clusterIP: None alone), or give addresses and no None');
    return;
  }
  const addresses = asked.map(({ ip, field }) => ({ field, address: ip === HEADLESS ? undefined : parseIpAddress(ip) }));
  // The first entry equals clusterIP, whose own check reads it; a None past the first is no address either.
  const unreadable = asked.filter((_entry, i) => i > 0 && addresses[i].address === undefined);
  unreadable.forEach(({ ip, field }) => add(field, `${JSON.stringify(ip)} is not an IP address`,
    'write the address of the other family (e.g. fd00:10:43::50), or drop the entry and let the API server pick one'));
  if (unreadable.length > 0 || asked.length > 2) {
    return;
  }
  const [first, second] = addresses;
  if (first?.address !== undefined && second?.address !== undefined && first.address.family === second.address.family) {
    add(second.field, `clusterIPs holds two ${familyName(first.address.family)} addresses; a Service has one cluster IP of each family`,
      `keep ${first.address.text} alone, or make the second an address of the other family`);
  }
  const families: unknown[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
  if (asked[0]?.ip !== HEADLESS) {
    addresses.forEach(({ field, address }, i) => {
      if (address !== undefined && typeof families[i] === 'string' && families[i] !== familyName(address.family)) {
        add(field, `${address.text} is an ${familyName(address.family)} address, but ipFamilies[${i}] asks for ${String(families[i])}`,
          `list the families in the order of the addresses (ipFamilies[${i}]: ${familyName(address.family)}), or leave ipFamilies out: the API server reads them from the addresses`);
      }
    });
  }
  checkSingleStack(spec, asked.length, families.length, add);
}

/** Two cluster IPs or two families under a SingleStack policy, written or taken for one left out. */
function checkSingleStack(spec: Fields, addresses: number, families: number, add: AddFinding): void {
  if (effectiveFamilyPolicy(spec) !== 'SingleStack') {
    return;
  }
  const written = spec.ipFamilyPolicy === 'SingleStack';
  if (written && families > 1) {
    add('spec.ipFamilies', `a SingleStack Service has one address family, not ${families}`,
      'keep one family, or set ipFamilyPolicy: PreferDualStack (or RequireDualStack) for both');
    return;
  }
  const two = addresses > 1 ? 'two cluster IPs' : families > 1 ? 'two address families' : undefined;
  if (two !== undefined) {
    add('spec.ipFamilyPolicy', written
      ? `a SingleStack Service is given ${two}; the API server takes them only under a dual-stack policy`
      : `the Service is given ${two} but no ipFamilyPolicy, which the API server then takes as SingleStack and refuses`,
    'set ipFamilyPolicy: PreferDualStack (both where the cluster has both, else one) or RequireDualStack, or keep one of each');
  }
}
