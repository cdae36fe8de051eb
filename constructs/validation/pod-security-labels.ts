import { POD_SECURITY_LEVELS, PodSecurityLevel } from '../app/security';
import { AddFinding } from './manifest';

/** The labels of a namespace that Pod Security admission reads, but for `enforce` (checked with the pods it admits). */
const AUDIT_AND_WARN_LEVEL_LABELS = ['pod-security.kubernetes.io/audit', 'pod-security.kubernetes.io/warn'] as const;
const VERSION_LABELS = ['enforce', 'audit', 'warn'].map((mode) => `pod-security.kubernetes.io/${mode}-version`);
/** A version Pod Security admission takes: `latest` or a Kubernetes minor release (`v1.30`), as its ParseVersion reads it. */
const POLICY_VERSION = /^(latest|v1\.(0|[1-9][0-9]*))$/;

/**
 * The audit and warn levels and the policy versions of a namespace's Pod Security labels. Pod Security
 * admission refuses to create a namespace whose labels it cannot read (PolicyToEvaluate), so the namespace,
 * and everything in it, is never applied. `labels` are the namespace's. Pure: reports through `add`.
 */
export function checkPodSecurityLabels(labels: Readonly<Record<string, string>>, add: AddFinding): void {
  for (const key of AUDIT_AND_WARN_LEVEL_LABELS) {
    const level = labels[key];
    if (level !== undefined && !POD_SECURITY_LEVELS.includes(level as PodSecurityLevel)) {
      const meant = POD_SECURITY_LEVELS.find((known) => known === level.trim().toLowerCase());
      add(`metadata.labels.${key}`, `"${level}" is not a Pod Security level, and Pod Security admission refuses the namespace`,
        meant !== undefined ? `write ${key}: ${meant}` : `give one of ${POD_SECURITY_LEVELS.join(', ')}`);
    }
  }
  for (const key of VERSION_LABELS) {
    const version = labels[key];
    if (version !== undefined && !POLICY_VERSION.test(version)) {
      const minor = /^v?1\.(0|[1-9][0-9]*)(\.\d+)?$/.exec(version.trim())?.[1];
      add(`metadata.labels.${key}`, `"${version}" is no Pod Security policy version, and Pod Security admission refuses the namespace`,
        minor !== undefined ? `write ${key}: v1.${minor} (the minor release alone)` : `give latest, or a release as v1.30, or leave ${key} out for latest`);
    }
  }
}
