import { describeValue } from '../inventory/problems';

/** A naming rule of the Kubernetes API: a pattern, a length limit and how to say it. */
export interface NameRule {
  /** What the rule is called in Kubernetes' own messages. */
  readonly title: string;
  /** Longest allowed value. */
  readonly maxLength: number;
  /** Pattern the value must match. */
  readonly pattern: RegExp;
  /** How to write a value that follows the rule, for findings. @default - lower-case letters, digits and '-', at most `maxLength` */
  readonly hint?: string;
  /** Longest label between dots, for DNS names (the pattern holds to it; findings then name the label). @default - no labels */
  readonly maxLabelLength?: number;
}

/** RFC 1123 label: namespaces, container names, most names that become host names. */
export const DNS1123_LABEL: NameRule = { title: 'an RFC 1123 label', maxLength: 63, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ };

/** RFC 1123 subdomain: the names of most kinds. */
export const DNS1123_SUBDOMAIN: NameRule = {
  title: 'an RFC 1123 subdomain',
  maxLength: 253,
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
};

/** One label of a DNS name: at most 63 characters (RFC 1035), lower case as Kubernetes has names. */
const DNS_LABEL_PATTERN = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';

/** A DNS name: a site's domain, a record's name; labels of at most 63 characters. */
export const DNS_NAME: NameRule = {
  title: 'a DNS name',
  maxLength: 253,
  maxLabelLength: 63,
  pattern: new RegExp(`^${DNS_LABEL_PATTERN}(\\.${DNS_LABEL_PATTERN})*$`),
};

/**
 * A fully qualified domain name as the API server checks one (IsFullyQualifiedDomainName): a DNS name of
 * at least two labels; a trailing dot is dropped before the check.
 */
export const FULLY_QUALIFIED_DOMAIN_NAME: NameRule = {
  title: 'a fully qualified domain name (at least two labels, e.g. nas.lab.example)',
  maxLength: 253,
  maxLabelLength: 63,
  pattern: new RegExp(`^${DNS_LABEL_PATTERN}(\\.${DNS_LABEL_PATTERN})+$`),
};

/** How to write a domain routes live under, for findings about one. */
export const DOMAIN_HINT = 'give the domain routes live under, in lower case, e.g. lab.example';

/**
 * A host name as a browser or a router shows it, made plain: without the scheme, path, port or the root's
 * trailing dot, in lower case, with `_` as `-`. Not checked. Pure.
 */
export function plainHostName(text: string): string {
  return text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '').replace(/:\d*$/, '')
    .replace(/\.$/, '').toLowerCase().replace(/_/g, '-');
}

/** Whether `domain` is written as the wildcard record of its names (`*.lab.example`). Pure. */
const isWildcard = (domain: unknown): boolean => typeof domain === 'string' && /^\s*\*\./.test(domain);

/**
 * The domain meant by one written as a URL, with capitals, a trailing dot or a port, or as its wildcard record
 * (`https://Lab.Example.`, `*.lab.example` → `lab.example`); undefined for a domain, and for text that reads as
 * none (a single word: a placeholder's 'TODO' is no domain the owner has). Pure.
 */
export function domainMeant(domain: unknown): string | undefined {
  if (typeof domain !== 'string') {
    return undefined;
  }
  const meant = plainHostName(isWildcard(domain) ? domain.trim().slice(2) : domain);
  return meant === domain || !meant.includes('.') || nameProblem(meant, DNS_NAME) !== undefined ? undefined : meant;
}

/**
 * The hint of a finding on a domain routes live under: the name it meant (`lab.example.com.`: `lab.example.com`;
 * `*.lab.example.com`, the wildcard record that points the routes' names at the cluster: `lab.example.com`),
 * else how to write one (also for a single word, such as a placeholder's `TODO`). Pure.
 */
export function domainHint(domain: unknown): string {
  const meant = domainMeant(domain);
  if (meant === undefined) {
    return DOMAIN_HINT;
  }
  return isWildcard(domain)
    ? `write it as domain: '${meant}', the name routes live under; '*.${meant}' is the DNS record that points their names at the cluster`
    : `write it as domain: '${meant}', in lower case and without a trailing dot, scheme or port`;
}

/** RFC 1035 label: Service names, which become DNS labels that must not start with a digit. */
export const DNS1035_LABEL: NameRule = { title: 'an RFC 1035 label', maxLength: 63, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/ };

/** IANA service name: container and Service port names. */
export const IANA_SERVICE_NAME: NameRule = { title: 'an IANA service name', maxLength: 15, pattern: /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ };

/**
 * A Helm release name: an RFC 1123 subdomain of at most 53 characters, as Helm checks it (the chart's
 * objects and labels add to it), and as the HelmRelease schema holds `spec.releaseName` to.
 */
export const HELM_RELEASE_NAME: NameRule = {
  title: 'a Helm release name', maxLength: 53, pattern: DNS1123_SUBDOMAIN.pattern,
  hint: "use lower-case letters, digits, '-' and '.', at most 53 characters",
};

/** A label value: empty, or alphanumerics with `-`, `_`, `.` inside. */
export const LABEL_VALUE: NameRule = {
  title: 'a label value', maxLength: 63, pattern: /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
  hint: "a label value has up to 63 letters, digits, '-', '_' and '.', and starts and ends with a letter or digit (e.g. John_Doe)",
};

/**
 * A route host name: a DNS name (labels of at most 63 characters, which DNS and ACME hold to), optionally
 * with a leading `*.` wildcard label.
 */
export const HOSTNAME: NameRule = {
  title: 'a DNS host name',
  maxLength: 253,
  maxLabelLength: 63,
  pattern: new RegExp(`^(\\*\\.)?${DNS_LABEL_PATTERN}(\\.${DNS_LABEL_PATTERN})*$`),
};

/**
 * A path segment name: anything but `.` and `..`, without `/` or `%`. The names of RBAC objects, which
 * the API server checks only as a segment of their URL path (`system:aggregate-to-edit` is one).
 */
export const PATH_SEGMENT_NAME: NameRule = {
  title: 'a path segment name',
  maxLength: Infinity,
  pattern: /^(?!\.\.?$)[^/%]+$/,
  hint: "use any name but '.' and '..', without '/' or '%' (e.g. app:reader)",
};

/** Kinds of `rbac.authorization.k8s.io`, whose names are {@link PATH_SEGMENT_NAME}s. */
const RBAC_KINDS: ReadonlySet<string> = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** CronJob names are cut to 52 characters because the controller appends an 11-character suffix to Job names. */
const CRON_JOB_NAME: NameRule = { ...DNS1123_SUBDOMAIN, maxLength: 52 };

/**
 * The API server labels a Job's pod template with the Job's name (`batch.kubernetes.io/job-name`, as it
 * generates the selector), and a label value has at most 63 characters: a longer name is refused with the
 * template's labels.
 */
const JOB_NAME: NameRule = {
  ...DNS1123_SUBDOMAIN,
  title: 'a Job name (an RFC 1123 subdomain that is also a label value)',
  maxLength: 63,
  hint: "use lower-case letters, digits, '-' and '.', at most 63 characters: the name becomes a label of the Job's pods",
};

/**
 * A StatefulSet's name begins its pods' host names (`<name>-0`, RFC 1123 labels) and their
 * `controller-revision-hash` label value (`<name>-<hash of up to 10 characters>`, at most 63): a longer or
 * dotted name is accepted, but its pods are never created.
 */
const STATEFUL_SET_NAME: NameRule = {
  title: 'a StatefulSet name',
  pattern: DNS1123_LABEL.pattern,
  maxLength: 52,
  hint: "use lower-case letters, digits and '-', at most 52 characters: the name begins its pods' host names (<name>-0) and revision labels (<name>-<hash>)",
};

/**
 * A CSIDriver is named as the driver registers itself (ValidateCSIDriverName): at most 63 characters, a DNS
 * subdomain in any letter case.
 */
const CSI_DRIVER_NAME: NameRule = {
  title: 'a CSI driver name',
  pattern: /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$/,
  maxLength: 63,
  hint: 'name the CSIDriver as its driver registers itself, at most 63 characters, e.g. nfs.csi.k8s.io',
};

/** The name rule of a kind's `metadata.name`; `apiVersion` tells RBAC kinds and CSIDrivers from homonyms of other groups. */
export function nameRuleOf(kind: string, apiVersion?: unknown): NameRule {
  switch (kind) {
    case 'Namespace':
      return DNS1123_LABEL;
    case 'Service':
      return DNS1035_LABEL;
    case 'CronJob':
      return CRON_JOB_NAME;
    case 'Job':
      return typeof apiVersion === 'string' && apiVersion.startsWith('batch/') ? JOB_NAME : DNS1123_SUBDOMAIN;
    case 'StatefulSet':
      return STATEFUL_SET_NAME;
    case 'CSIDriver':
      return typeof apiVersion === 'string' && apiVersion.startsWith('storage.k8s.io/') ? CSI_DRIVER_NAME : DNS1123_SUBDOMAIN;
    default:
      return RBAC_KINDS.has(kind) && typeof apiVersion === 'string' && apiVersion.startsWith('rbac.authorization.k8s.io/') ? PATH_SEGMENT_NAME : DNS1123_SUBDOMAIN;
  }
}

/** Why `value` breaks `rule`, or undefined when it follows it; `shown` is how the message shows the value (by its size for a secret). */
export function nameProblem(value: string, rule: NameRule, shown = describeValue(value)): string | undefined {
  if (value.length > rule.maxLength) {
    return `${shown} is ${value.length} characters long; ${rule.title} may have at most ${rule.maxLength}`;
  }
  if (!rule.pattern.test(value)) {
    const max = rule.maxLabelLength;
    const long = max === undefined ? undefined : value.split('.').find((label) => label.length > max);
    if (long !== undefined && shown === describeValue(value)) {
      return `${shown} is not ${rule.title}: its label "${long}" is ${long.length} characters long, and a DNS label may have at most ${max}`;
    }
    return `${shown} is not ${rule.title}`;
  }
  return undefined;
}

/** Dotted IPv4, which is an RFC 1123 subdomain as text. */
const DOTTED_IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Why `value` cannot be the name an ExternalName Service points at (its `externalName`, an external host's
 * `dnsName`), or undefined when it can: an RFC 1123 subdomain (a final dot aside) that is no IPv4 address. The
 * API server takes `192.168.4.40` as a name of digits, and the cluster's DNS then answers a CNAME to it
 * that resolves to nothing.
 */
export function externalNameProblem(value: string): string | undefined {
  const name = value.replace(/\.$/, '');
  return DOTTED_IPV4.test(name)
    ? `${describeValue(value)} is an IP address, which an ExternalName Service hands the cluster's DNS as a name (a CNAME), and no DNS server resolves a name of digits`
    : nameProblem(name, DNS1123_SUBDOMAIN);
}

/**
 * The name `value` most likely means under `rule`: in lower case, every run of other characters a '-' (a
 * '.' too where the rule takes no dots), cut to its length; undefined when that is no name either or is
 * `value` itself. Pure.
 */
export function nameMeant(value: string, rule: NameRule): string | undefined {
  const allowed = rule.pattern.test('a.b') ? /[^a-z0-9.]+/g : /[^a-z0-9]+/g;
  const meant = value.trim().toLowerCase().replace(allowed, '-').slice(0, rule.maxLength).replace(/^[-.]+|[-.]+$/g, '');
  return meant !== value && meant !== '' && nameProblem(meant, rule) === undefined ? meant : undefined;
}
